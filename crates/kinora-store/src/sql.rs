//! The pieces of SQL the store builds for both databases: lists of keys
//! and of row placeholders for multi-row statements, and how many fit in
//! one statement.

use crate::Dialect;

/// Bound parameters per statement: under SQLite's limit (32,766) and
/// PostgreSQL's (65,535), and large enough that a batch of a thousand
/// entities takes a few statements.
pub(crate) const PARAMETERS_PER_STATEMENT: usize = 30_000;

/// Keys per `(kind, id) in (…)` list.
pub(crate) const KEYS_PER_STATEMENT: usize = 500;

/// A list of `rows` (kind, id) keys for `where (kind, id) in (…)`, as a
/// subquery over `values`: SQLite searches the index for each key of a
/// subquery, but scans the whole table for a plain list of row values.
/// `column1, column2` are the names both SQLite and PostgreSQL give the
/// columns of `values`.
pub(crate) fn key_list(dialect: Dialect, rows: usize) -> String {
    format!(
        "select column1, column2 from (values {}) as k",
        placeholders(dialect, rows, 2, 0)
    )
}

/// `($1, $2), ($3, $4)`: `rows` tuples of `width` parameters, numbered from
/// `first + 1`. SQLite gets plain `?`, which it numbers in order: a named
/// or numbered parameter (`$1`, `?1`) is looked up in a list of every
/// parameter before it, each time sqlx binds one, which makes binding a
/// statement with thousands of them quadratic (seconds per batch).
pub(crate) fn placeholders(dialect: Dialect, rows: usize, width: usize, first: usize) -> String {
    let mut out = String::with_capacity(rows * width * 5);
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for column in 0..width {
            if column > 0 {
                out.push_str(", ");
            }
            match dialect {
                Dialect::Sqlite => out.push('?'),
                Dialect::Postgres => {
                    out.push('$');
                    out.push_str(&(first + row * width + column + 1).to_string());
                }
            }
        }
        out.push(')');
    }
    out
}

/// The first row a write's `returning` clause gives. A write that returns
/// rows is read to its end (`fetch_all`), never with `fetch_one`: SQLite
/// commits a statement outside a transaction only when it runs to its end,
/// and a read that stops at the first row leaves the commit, and its error
/// (a full disk), to a reset whose error nobody sees; the write would be
/// acknowledged and lost.
pub(crate) fn first_row(rows: Vec<sqlx::any::AnyRow>) -> Result<sqlx::any::AnyRow, sqlx::Error> {
    rows.into_iter().next().ok_or(sqlx::Error::RowNotFound)
}

//! Inserting many rows at once: multi-row `insert` statements, or, on
//! PostgreSQL for a batch of some size, `COPY … FROM STDIN` in the write's
//! own transaction, which skips parsing and planning a statement of
//! thousands of parameters and is how PostgreSQL's own loaders write.

use crate::sql::{PARAMETERS_PER_STATEMENT, placeholders};
use crate::{Dialect, Result, Tx};

/// Rows below this many go in statements even on PostgreSQL: a COPY costs
/// a round trip more than a statement, and a small write is a user's edit.
const COPY_FROM: usize = 64;

/// COPY data is sent in pieces of about this many bytes.
const COPY_CHUNK: usize = 1 << 20;

/// One value of a row, as both a bound parameter and COPY take it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    Text(&'a str),
    MaybeText(Option<&'a str>),
    Int(i64),
    MaybeInt(Option<i64>),
}

/// A built query of the store's driver.
type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

impl Value<'_> {
    fn bind<'q>(self, query: AnyQuery<'q>) -> AnyQuery<'q> {
        match self {
            Value::Text(text) => query.bind(text.to_owned()),
            Value::MaybeText(text) => query.bind(text.map(str::to_owned)),
            Value::Int(number) => query.bind(number),
            Value::MaybeInt(number) => query.bind(number),
        }
    }

    /// The value in COPY's text format: `\N` for null, and a backslash
    /// before the characters that would end a field or a row. (Written
    /// here: sqlx sends COPY data as given, and the format's escaping is
    /// these four characters.)
    fn copy_into(self, out: &mut Vec<u8>) {
        let text = match self {
            Value::Text(text) | Value::MaybeText(Some(text)) => text,
            Value::Int(number) | Value::MaybeInt(Some(number)) => {
                out.extend_from_slice(number.to_string().as_bytes());
                return;
            }
            Value::MaybeText(None) | Value::MaybeInt(None) => {
                out.extend_from_slice(b"\\N");
                return;
            }
        };
        for byte in text.bytes() {
            match byte {
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\t' => out.extend_from_slice(b"\\t"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                byte => out.push(byte),
            }
        }
    }
}

/// Inserts `rows` into `table`'s `columns`; `tail` follows the values of
/// each statement (an upsert's `on conflict`, which COPY cannot do), and
/// `values` gives one row's values, one per column.
pub(crate) async fn insert_rows<T>(
    tx: &mut Tx<'_>,
    dialect: Dialect,
    table: &str,
    columns: &[&str],
    tail: &str,
    rows: &[T],
    values: impl for<'r> Fn(&'r T, &mut Vec<Value<'r>>),
) -> Result<()> {
    let width = columns.len();
    let columns = columns.join(", ");
    let mut row_values = Vec::with_capacity(width);
    if tail.is_empty()
        && rows.len() >= COPY_FROM
        && let Some(connection) = tx.postgres()
    {
        let mut copy = connection
            .copy_in_raw(&format!("copy {table} ({columns}) from stdin"))
            .await?;
        let mut data = Vec::with_capacity(COPY_CHUNK + 4096);
        for row in rows {
            row_values.clear();
            values(row, &mut row_values);
            debug_assert_eq!(row_values.len(), width);
            for (index, value) in row_values.iter().enumerate() {
                if index > 0 {
                    data.push(b'\t');
                }
                value.copy_into(&mut data);
            }
            data.push(b'\n');
            if data.len() >= COPY_CHUNK {
                copy.send(std::mem::replace(
                    &mut data,
                    Vec::with_capacity(COPY_CHUNK + 4096),
                ))
                .await?;
            }
        }
        copy.send(data).await?;
        copy.finish().await?;
        return Ok(());
    }
    for chunk in rows.chunks(PARAMETERS_PER_STATEMENT / width) {
        let sql = format!(
            "insert into {table} ({columns}) values {} {tail}",
            placeholders(dialect, chunk.len(), width, 0)
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            row_values.clear();
            values(row, &mut row_values);
            debug_assert_eq!(row_values.len(), width);
            for value in &row_values {
                query = value.bind(query);
            }
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Value;

    fn copied(value: Value<'_>) -> String {
        let mut out = Vec::new();
        value.copy_into(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn copy_text_escapes_what_would_end_a_field_or_a_row() {
        assert_eq!(copied(Value::Text("크로싱 (2008)")), "크로싱 (2008)");
        assert_eq!(copied(Value::Text("a\tb\nc\rd\\e")), "a\\tb\\nc\\rd\\\\e");
        assert_eq!(copied(Value::MaybeText(None)), "\\N");
        assert_eq!(copied(Value::MaybeText(Some("\\N"))), "\\\\N");
        assert_eq!(copied(Value::Int(-42)), "-42");
        assert_eq!(copied(Value::MaybeInt(None)), "\\N");
    }
}

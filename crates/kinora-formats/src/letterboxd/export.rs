//! A Letterboxd export read whole from its ZIP, or one of its files a
//! member uploads on its own: which files there are, and what each holds.

use std::io::{Read, Seek};

use super::list::{LIST_FIRST_LINE, list_from, read_list};
use super::rows::{entries, listed, merge_reviews, ratings};
use super::{DiaryEntry, Export, Kind};
use crate::csv_table::{Budget, Error, Table, UPLOAD_BYTES};

/// The files at the top of an export; finding one of them finds its folder.
const TOP_FILES: [&str; 7] = [
    "diary.csv",
    "ratings.csv",
    "watched.csv",
    "reviews.csv",
    "watchlist.csv",
    "profile.csv",
    "comments.csv",
];

/// Reads a Letterboxd export ZIP.
pub fn read_export<R: Read + Seek>(zip: R) -> Result<Export, Error> {
    let mut archive = zip::ZipArchive::new(zip).map_err(|error| {
        Error::whole(kinora_i18n::t_with(
            "csv-not-a-zip",
            &[("error", error.to_string().into())],
        ))
    })?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .filter(|name| !name.ends_with('/'))
        .map(|name| name.into_owned())
        .collect();
    let Some(root) = export_folder(&names) else {
        return Err(Error::whole(kinora_i18n::t_with(
            "csv-zip-no-export",
            &[("found", found_names(&names).into())],
        )));
    };

    let mut export = Export::default();
    let mut lists = Vec::new();
    let mut reviews = Vec::new();
    // One budget for every file: a ZIP's files together may expand to no
    // more than an upload may hold.
    let budget = Budget::upload();
    for name in &names {
        let Some(relative) = name.strip_prefix(root.as_str()) else {
            continue;
        };
        let kind = match relative {
            "diary.csv" => Kind::Diary,
            "reviews.csv" => Kind::Reviews,
            "ratings.csv" => Kind::Ratings,
            "watched.csv" => Kind::Watched,
            "watchlist.csv" => Kind::Watchlist,
            "likes/films.csv" => Kind::Likes,
            other => match other.strip_prefix("lists/") {
                Some(slug) if slug.ends_with(".csv") && !slug.contains('/') => Kind::List,
                _ => continue,
            },
        };
        let file = archive
            .by_name(name)
            .map_err(|error| Error::in_file(relative, crate::csv_table::cannot_read(&error)))?;
        if file.size() > UPLOAD_BYTES {
            return Err(Error::in_file(
                relative,
                kinora_i18n::t_with(
                    "csv-file-too-big",
                    &[
                        ("size", (file.size() >> 20).into()),
                        ("limit", (UPLOAD_BYTES >> 20).into()),
                    ],
                ),
            ));
        }
        let reader = file;
        match kind {
            Kind::List => lists.push(read_list(relative, reader, &budget)?),
            Kind::Reviews => reviews = read_entries(relative, reader, kind, &budget)?,
            _ => {
                let mut table = Table::open_within(relative, reader, b',', &budget)?;
                read_into(&mut table, kind, &mut export)?;
            }
        }
    }
    lists.sort_by(|a, b| a.file.cmp(&b.file));
    export.lists = lists;
    merge_reviews(&mut export.diary, &reviews);
    export.reviews = reviews;
    Ok(export)
}

/// The folder (with its trailing `/`, or empty) that holds the export's
/// files: the shallowest one holding a file only an export has.
fn export_folder(names: &[String]) -> Option<String> {
    let folder_of = |name: &str| -> Option<String> {
        let (folder, file) = match name.rfind('/') {
            Some(slash) => (&name[..=slash], &name[slash + 1..]),
            None => ("", name),
        };
        if TOP_FILES.contains(&file) {
            return Some(folder.to_owned());
        }
        // An export of lists or likes alone.
        for sub in ["lists/", "likes/"] {
            if folder.ends_with(sub) && file.ends_with(".csv") {
                return Some(folder[..folder.len() - sub.len()].to_owned());
            }
        }
        None
    };
    // The main three first: `deleted/` and `orphaned/` hold files with the
    // same names one level down.
    let depth = |folder: &String| folder.matches('/').count();
    let main = names
        .iter()
        .filter(|name| {
            ["diary.csv", "ratings.csv", "watched.csv"]
                .iter()
                .any(|top| name.as_str() == *top || name.ends_with(&format!("/{top}")))
        })
        .filter_map(|name| folder_of(name))
        .min_by_key(depth);
    main.or_else(|| {
        names
            .iter()
            .filter_map(|name| folder_of(name))
            .min_by_key(depth)
    })
}

/// "found a.txt, b.csv": what a ZIP holds, shortened.
fn found_names(names: &[String]) -> String {
    const SHOWN: usize = 10;
    if names.is_empty() {
        return kinora_i18n::t("csv-zip-empty");
    }
    let shown = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    kinora_i18n::t_with(
        "csv-zip-found",
        &[
            ("names", shown.into()),
            ("more", names.len().saturating_sub(SHOWN).into()),
        ],
    )
}

/// Reads one file a user uploads on its own: a file of an export
/// (`diary.csv`, `ratings.csv`, a list…) or a file in Letterboxd's import
/// layout. The columns decide; the file name decides between files with the
/// same columns (`watched.csv` and `watchlist.csv`). Rows of the import
/// layout are read as diary entries, without a day logged.
pub fn read_csv(name: &str, reader: impl Read) -> Result<Export, Error> {
    let mut table = Table::open_within(name, reader, b',', &Budget::upload())?;
    if table.header_names().starts_with(LIST_FIRST_LINE) {
        return Ok(Export {
            lists: vec![list_from(&mut table)?],
            ..Export::default()
        });
    }
    let has = |column: &str| table.column(&[column]).is_some();
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_lowercase();
    let kind = if has("Title") || has("imdbID") || has("tmdbID") || has("LetterboxdURI") {
        Kind::Import
    } else if has("Name") {
        if base.starts_with("diary") {
            Kind::Diary
        } else if base.starts_with("reviews") {
            Kind::Reviews
        } else if base.starts_with("ratings") {
            Kind::Ratings
        } else if base.starts_with("watchlist") {
            Kind::Watchlist
        } else if base.starts_with("watched") {
            Kind::Watched
        } else if has("Review") {
            Kind::Reviews
        } else if has("Watched Date") {
            Kind::Diary
        } else if has("Rating") {
            Kind::Ratings
        } else if base.contains("watchlist") {
            Kind::Watchlist
        } else if base.starts_with("films") || base.starts_with("likes") {
            Kind::Likes
        } else {
            Kind::Watched
        }
    } else {
        return Err(Error::in_file(
            name,
            kinora_i18n::t_with(
                "csv-not-letterboxd",
                &[("columns", table.header_names().into())],
            ),
        ));
    };

    let mut export = Export::default();
    if kind == Kind::Reviews {
        let reviews = diary_entries(&mut table, kind)?;
        export.diary = reviews.clone();
        export.reviews = reviews;
    } else {
        read_into(&mut table, kind, &mut export)?;
    }
    Ok(export)
}

fn read_into<R: Read>(table: &mut Table<R>, kind: Kind, export: &mut Export) -> Result<(), Error> {
    match kind {
        Kind::Diary | Kind::Reviews | Kind::Import => {
            export.diary.extend(diary_entries(table, kind)?)
        }
        Kind::Ratings => export.ratings.extend(ratings(table)?),
        Kind::Watched => export.watched.extend(listed(table)?),
        Kind::Watchlist => export.watchlist.extend(listed(table)?),
        Kind::Likes => export.likes.extend(listed(table)?),
        Kind::List => unreachable!("lists are read by read_list"),
    }
    Ok(())
}

fn read_entries(
    file: &str,
    reader: impl Read,
    kind: Kind,
    budget: &std::rc::Rc<Budget>,
) -> Result<Vec<DiaryEntry>, Error> {
    let mut table = Table::open_within(file, reader, b',', budget)?;
    diary_entries(&mut table, kind)
}

/// Diary entries from `diary.csv`, `reviews.csv` or the import layout.
fn diary_entries<R: Read>(table: &mut Table<R>, kind: Kind) -> Result<Vec<DiaryEntry>, Error> {
    if kind == Kind::Import {
        super::import::import_entries(table)
    } else {
        entries(table, kind)
    }
}

//! A list file of an export: the list's own row, then its films in order
//! with the notes written for them.

use std::io::Read;

use super::rows::{FilmColumns, split_tags};
use super::{List, ListItem};
use crate::csv_table::{Budget, Error, Table};

pub(super) const LIST_FIRST_LINE: &str = "Letterboxd list export";

/// Reads a list file: a first line naming the layout, the list's own
/// header and row, an empty line, then a header and one row per film.
pub(super) fn read_list(
    file: &str,
    reader: impl Read,
    budget: &std::rc::Rc<Budget>,
) -> Result<List, Error> {
    let mut table = Table::open_within(file, reader, b',', budget)?;
    list_from(&mut table)
}

pub(super) fn list_from<R: Read>(table: &mut Table<R>) -> Result<List, Error> {
    let file = table.file().to_owned();
    let file = file.as_str();
    let first = table.header_names();
    if !first.starts_with(LIST_FIRST_LINE) {
        return Err(Error::at_line(
            file,
            1,
            format!(
                "this is not a Letterboxd list: its first line should be \
                 \"{LIST_FIRST_LINE} v7\", but is \"{first}\""
            ),
        ));
    }
    if !table.next_header()? {
        return Err(Error::in_file(file, kinora_i18n::t("csv-list-no-header")));
    }
    let name = table.require(&["Name"])?;
    let date = table.column(&["Date"]);
    let tags = table.column(&["Tags"]);
    let url = table.column(&["URL"]);
    let description = table.column(&["Description"]);
    let Some(row) = table.next_row()? else {
        return Err(Error::in_file(file, kinora_i18n::t("csv-list-no-row")));
    };
    let mut list = List {
        name: row.required(name)?.to_owned(),
        description: row.get(description).map(str::to_owned),
        tags: split_tags(row.get(tags)),
        url: row.get(url).map(str::to_owned),
        created: row.date(date)?,
        items: Vec::new(),
        file: file.to_owned(),
    };
    if !table.next_header()? {
        return Ok(list);
    }
    let film = FilmColumns::find(table, "URL")?;
    let position = table.require(&["Position"])?;
    let note = table.column(&["Description"]);
    while let Some(row) = table.next_row()? {
        let place = match row.number::<u32>(Some(position), "csv-what-position")? {
            Some(place) => place,
            None => u32::try_from(list.items.len() + 1).unwrap_or(u32::MAX),
        };
        list.items.push(ListItem {
            position: place,
            film: film.read(&row)?,
            note: row.get(note).map(str::to_owned),
            line: row.origin(),
        });
    }
    Ok(list)
}

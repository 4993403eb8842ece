//! Title files in any other order: each line checked and copied into the
//! spool (a scratch SQLite file keyed by title id), then titles taken from
//! it in id order, series before episodes; lines of a title not in
//! title.basics are rejected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use kinora_formats::imdb::{
    AkaRow, CrewRow, EpisodeRow, ImdbFile, NameRow, PrincipalRow, RatingRow, Reject, TitleRow,
    TsvReader,
};
use kinora_store::spool::{Spool, SpooledLine};

use super::catalog::Catalog;
use super::files::{file_progress, open, read_whole};
use super::lines::{TitleLines, is_series, parse_spooled, title_key};
use super::rejects::Rejects;
use super::report::{FileCounts, ImdbOptions, ImdbReport};
use super::titles::write_titles;

pub(super) async fn spool_file(
    spool: &Spool,
    file: ImdbFile,
    path: &Path,
    rejects: &mut Rejects,
) -> anyhow::Result<FileCounts> {
    let progress = file_progress(path, file.stem());
    let reader = open(path, &progress)?;
    let mut tsv = TsvReader::open(file, reader).with_context(|| format!("{}", path.display()))?;
    let mut writer = spool.writer(file.stem());
    let mut counts = FileCounts::default();
    while let Some(line) = tsv.next_line() {
        counts.read += 1;
        let checked = line.and_then(|line| {
            let valid = match file {
                ImdbFile::TitleBasics => TitleRow::parse(&line).map(|_| ()),
                ImdbFile::TitleAkas => AkaRow::parse(&line).map(|_| ()),
                ImdbFile::TitleCrew => CrewRow::parse(&line).map(|_| ()),
                ImdbFile::TitleEpisode => EpisodeRow::parse(&line).map(|_| ()),
                ImdbFile::TitlePrincipals => PrincipalRow::parse(&line).map(|_| ()),
                ImdbFile::TitleRatings => RatingRow::parse(&line).map(|_| ()),
                ImdbFile::NameBasics => NameRow::parse(&line).map(|_| ()),
            };
            valid.map(|()| (line.number, line.text().to_owned()))
        });
        match checked {
            Ok((number, text)) => writer.push(title_key(&text), number, &text).await?,
            Err(reject) => rejects.add(file, &reject)?,
        }
    }
    read_whole(&tsv, path)?;
    writer.flush().await?;
    progress.finish_and_clear();
    tracing::info!("{}: {} lines read", file.stem(), counts.read);
    Ok(counts)
}

/// Titles from the spool, a batch at a time: series first, then the rest.
pub(super) async fn import_titles_spooled(
    catalog: &Catalog<'_>,
    spool: &Spool,
    options: &ImdbOptions,
    series_first: bool,
    rejects: &mut Rejects,
    report: &mut ImdbReport,
) -> anyhow::Result<()> {
    let mut after = String::new();
    loop {
        let keys = spool
            .keys(ImdbFile::TitleBasics.stem(), &after, options.batch as i64)
            .await?;
        let (Some(first), Some(last)) = (keys.first(), keys.last()) else {
            break;
        };
        after = last.clone();
        let mut titles: BTreeMap<String, TitleLines> = BTreeMap::new();
        for file in ImdbFile::ALL
            .into_iter()
            .filter(|file| *file != ImdbFile::NameBasics)
        {
            for SpooledLine { key, line, text } in spool.lines(file.stem(), first, last).await? {
                let entry = titles.entry(key).or_default();
                entry.add(line, parse_spooled(file, line, &text)?);
            }
        }
        titles.retain(|_, lines| {
            lines
                .basics
                .as_ref()
                .is_some_and(|row| is_series(row) == series_first)
        });
        let titles: Vec<(String, TitleLines)> = titles.into_iter().collect();
        write_titles(catalog, options, titles, None, rejects, report).await?;
    }
    Ok(())
}

/// Lines of the other title files whose title is not in title.basics.
pub(super) async fn reject_orphans(
    spool: &Spool,
    files: &[(ImdbFile, PathBuf)],
    rejects: &mut Rejects,
) -> anyhow::Result<()> {
    for (file, _) in files
        .iter()
        .filter(|(file, _)| !matches!(file, ImdbFile::TitleBasics | ImdbFile::NameBasics))
    {
        for orphan in spool
            .orphans(file.stem(), ImdbFile::TitleBasics.stem())
            .await?
        {
            rejects.add(
                *file,
                &Reject {
                    line: orphan.line as u64,
                    reason: format!("{} is not in title.basics", orphan.key),
                },
            )?;
        }
    }
    Ok(())
}

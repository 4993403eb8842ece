//! A title's lines gathered from every title file (basics, akas, crew,
//! episode, principal credits, rating), each parsed, and the title id a
//! line is grouped by.

use kinora_formats::imdb::{
    AkaRow, CrewRow, EpisodeRow, ImdbFile, PrincipalRow, RatingRow, Reject, TitleRow,
};

/// The key a title file's line is grouped by: its first field, the title id.
pub(super) fn title_key(text: &str) -> &str {
    text.split('\t').next().unwrap_or_default()
}

/// The lines of one title, from every title file.
#[derive(Default)]
pub(super) struct TitleLines {
    pub(super) basics: Option<TitleRow>,
    /// Lines of title.basics for a title that had one already: rejected,
    /// the first is imported.
    pub(super) repeated_basics: Vec<i64>,
    pub(super) akas: Vec<AkaRow>,
    pub(super) crew: Vec<CrewRow>,
    pub(super) episode: Vec<(i64, EpisodeRow)>,
    pub(super) principals: Vec<(i64, PrincipalRow)>,
    pub(super) rating: Vec<RatingRow>,
    /// The sum of the digests of its lines (`digest::line`).
    pub(super) digest: u64,
}

/// A parsed line and the digest of its text.
pub(super) type Hashed = (Spooled, u64);

impl TitleLines {
    pub(super) fn add(&mut self, line: i64, (row, digest): Hashed) {
        self.digest = self.digest.wrapping_add(digest);
        match row {
            Spooled::Basics(row) => {
                if self.basics.is_some() {
                    self.repeated_basics.push(line);
                } else {
                    self.basics = Some(row);
                }
            }
            Spooled::Aka(row) => self.akas.push(row),
            Spooled::Crew(row) => self.crew.push(row),
            Spooled::Episode(row) => self.episode.push((line, row)),
            Spooled::Principal(row) => self.principals.push((line, row)),
            Spooled::Rating(row) => self.rating.push(row),
        }
    }
}

pub(super) fn is_series(row: &TitleRow) -> bool {
    matches!(row.title_type.as_str(), "tvSeries" | "tvMiniSeries")
}

pub(super) enum Spooled {
    Basics(TitleRow),
    Aka(AkaRow),
    Crew(CrewRow),
    Episode(EpisodeRow),
    Principal(PrincipalRow),
    Rating(RatingRow),
}

/// A line of a title file, parsed, with its title id and line number.
pub(super) fn parse_line(
    file: ImdbFile,
    line: &kinora_formats::imdb::Line<'_>,
) -> Result<(String, i64, Hashed), Reject> {
    let row = match file {
        ImdbFile::TitleBasics => TitleRow::parse(line).map(Spooled::Basics),
        ImdbFile::TitleAkas => AkaRow::parse(line).map(Spooled::Aka),
        ImdbFile::TitleCrew => CrewRow::parse(line).map(Spooled::Crew),
        ImdbFile::TitleEpisode => EpisodeRow::parse(line).map(Spooled::Episode),
        ImdbFile::TitlePrincipals => PrincipalRow::parse(line).map(Spooled::Principal),
        ImdbFile::TitleRatings => RatingRow::parse(line).map(Spooled::Rating),
        ImdbFile::NameBasics => Err(Reject {
            line: line.number,
            reason: "name.basics holds people, not titles".into(),
        }),
    }?;
    Ok((
        title_key(line.text()).to_owned(),
        line.number as i64,
        (row, super::digest::line(file, line.text())),
    ))
}

pub(super) fn parse_spooled(file: ImdbFile, line: i64, text: &str) -> anyhow::Result<Hashed> {
    // The line was checked when it was spooled; a failure here is a bug.
    kinora_formats::imdb::Line::split(file, line as u64, text)
        .and_then(|parsed| parse_line(file, &parsed))
        .map(|(_, _, row)| row)
        .map_err(|reject| anyhow::anyhow!("spooled {} line {line}: {}", file.stem(), reject.reason))
}

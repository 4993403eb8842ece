//! Sources: the documents that state facts, with the names their text
//! mentions.

use serde::{Deserialize, Serialize};

use crate::claim::value;
use crate::codes::Language;
use crate::date::PartialDate;
use crate::id::{CompanyRef, EntityId, EntityKind, FilmRef, PersonRef, SourceRef};

use super::vocabulary::*;

value! {
    /// An author of a source, as printed, and the person when known.
    pub struct Author {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub person: Option<PersonRef>,
    }
}

value! {
    /// A document that states facts: a news article, a forum post, a festival
    /// page. Its own fields are not claims; they describe the document itself.
    pub struct Source {
        pub id: EntityId,
        pub kind: SourceKind,
        pub title: String,
        /// The publication, as printed: "JoongAng Daily", "KOFIC".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub publisher: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub publisher_company: Option<CompanyRef>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub authors: Vec<Author>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub date: Option<PartialDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<Language>,
        /// The outlet the document names as where its report comes from,
        /// as printed: a news item ending "Source: Deadline" credits
        /// Deadline, which is not its publisher.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credits: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credits_company: Option<CompanyRef>,
        /// The source this one was read in, when it was reposted: an article
        /// quoted in full in a forum thread is read *via* that thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub via: Option<SourceRef>,
        /// A short description of the document or of what it covers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub summary: Option<String>,
        /// The document's text, for an article kept here: paragraphs separated
        /// by blank lines.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub text: Option<String>,
        /// The films, people and companies the text names, as an editor
        /// confirmed (or turned down) them.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub mentions: Vec<Mention>,
    }
}

value! {
    /// An entity a source's text names, in the words it used. Exactly one of
    /// `film`, `person` and `company` is given.
    pub struct Mention {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub film: Option<FilmRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub person: Option<PersonRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub company: Option<CompanyRef>,
        /// The spelling the text used first: "Kim Tae-gyoon".
        pub written: String,
        /// The other spellings the text uses for it: "김태균", "Tae-kyun Kim".
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub also: Vec<String>,
        pub status: MentionStatus,
    }
}

impl Mention {
    /// The entity named, whichever kind it is.
    pub fn target(&self) -> Option<(EntityKind, &EntityId)> {
        self.film
            .as_ref()
            .map(|film| (EntityKind::Film, &film.id))
            .or_else(|| self.person.as_ref().map(|p| (EntityKind::Person, &p.id)))
            .or_else(|| self.company.as_ref().map(|c| (EntityKind::Company, &c.id)))
    }

    pub fn new(kind: EntityKind, id: EntityId, written: String, status: MentionStatus) -> Mention {
        let mut mention = Mention {
            film: None,
            person: None,
            company: None,
            written,
            also: Vec::new(),
            status,
        };
        match kind {
            EntityKind::Film => mention.film = Some(FilmRef::new(id)),
            EntityKind::Person => mention.person = Some(PersonRef::new(id)),
            _ => mention.company = Some(CompanyRef::new(id)),
        }
        mention
    }
}

impl SourceKind {
    /// Whether documents of this kind are articles: news, press releases,
    /// blog posts, listed in the news and in its feeds.
    pub fn is_article(self) -> bool {
        matches!(
            self,
            SourceKind::News | SourceKind::PressRelease | SourceKind::Blog
        )
    }
}

impl Source {
    /// Takes in the fields of another record of the same document: this
    /// one's stay, the other's fill what this one lacks, authors and
    /// mentions join.
    pub(super) fn absorb(&mut self, other: Source) {
        // Every field named, so that a new one cannot be forgotten here.
        let Source {
            id: _,
            kind: _,
            title: _,
            publisher,
            publisher_company,
            authors,
            date,
            url,
            lang,
            credits,
            credits_company,
            via,
            summary,
            text,
            mentions,
        } = other;
        fn fill<T>(kept: &mut Option<T>, other: Option<T>) {
            if kept.is_none() {
                *kept = other;
            }
        }
        fn join<T: PartialEq>(kept: &mut Vec<T>, other: Vec<T>) {
            for item in other {
                if !kept.contains(&item) {
                    kept.push(item);
                }
            }
        }
        fill(&mut self.publisher, publisher);
        fill(&mut self.publisher_company, publisher_company);
        join(&mut self.authors, authors);
        fill(&mut self.date, date);
        fill(&mut self.url, url);
        fill(&mut self.lang, lang);
        fill(&mut self.credits, credits);
        fill(&mut self.credits_company, credits_company);
        fill(&mut self.via, via);
        fill(&mut self.summary, summary);
        fill(&mut self.text, text);
        join(&mut self.mentions, mentions);
    }
}

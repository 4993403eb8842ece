//! Who is reading: the language of the interface and how titles and names
//! are shown, chosen once per request and read wherever words are made.

use std::cell::Cell;
use std::future::Future;

use crate::Lang;

/// How a title or a name is shown first, with the other forms beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NameStyle {
    /// In the reader's language where the entity has one, else as it is
    /// usually known.
    #[default]
    Local,
    /// In its original script: 크로싱, 김태균.
    Original,
    /// Romanized: Keurosing, Kim Tae-kyun (the name's own usual spelling
    /// where it has one).
    Romanized,
}

impl NameStyle {
    pub const ALL: [NameStyle; 3] = [NameStyle::Local, NameStyle::Original, NameStyle::Romanized];

    pub fn code(self) -> &'static str {
        match self {
            NameStyle::Local => "local",
            NameStyle::Original => "original",
            NameStyle::Romanized => "romanized",
        }
    }

    pub fn parse(code: &str) -> Option<NameStyle> {
        NameStyle::ALL
            .into_iter()
            .find(|style| style.code() == code.trim())
    }

    /// The catalog's key for an example of the choice.
    pub fn example(self) -> &'static str {
        match self {
            NameStyle::Local => "names-local-example",
            NameStyle::Original => "names-original-example",
            NameStyle::Romanized => "names-romanized-example",
        }
    }

    /// The catalog's key for the choice's name.
    pub fn message(self) -> &'static str {
        match self {
            NameStyle::Local => "names-local",
            NameStyle::Original => "names-original",
            NameStyle::Romanized => "names-romanized",
        }
    }
}

/// The reader's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reader {
    pub lang: Lang,
    pub names: NameStyle,
}

tokio::task_local! {
    static READER: Cell<Reader>;
}

impl Reader {
    /// The reader of the request being answered; English and usual names
    /// outside one (the command line, a feed made for no one).
    pub fn current() -> Reader {
        READER.try_with(Cell::get).unwrap_or_default()
    }

    /// Runs `work` for this reader: every word it makes is in their
    /// language.
    pub async fn scope<F: Future>(self, work: F) -> F::Output {
        READER.scope(Cell::new(self), work).await
    }

    /// Runs blocking `work` for this reader (work moved off the async
    /// workers keeps the request's language).
    pub fn sync_scope<R>(self, work: impl FnOnce() -> R) -> R {
        READER.sync_scope(Cell::new(self), work)
    }

    /// Changes the reader of the request being answered (a member's own
    /// setting, known once their account is read).
    pub fn set_current(reader: Reader) {
        let _ = READER.try_with(|cell| cell.set(reader));
    }
}

impl Lang {
    /// The language of the request being answered.
    pub fn current() -> Lang {
        Reader::current().lang
    }
}

//! What a page was built from, and what each write touched: the two halves
//! of keeping a rendered page exactly as long as nothing it shows changed.
//!
//! An entity has three topics: its document (`film/crossing-2008`), what
//! links to it (`film/crossing-2008#links`: the entities that cite a
//! source, credit a person, screen a film) and its community
//! (`film/crossing-2008#community`: reviews, ratings, threads, similar
//! films). Kept apart, an edit of one film citing IMDb does not make every
//! page that shows IMDb as a source old, only IMDb's own page.
//!
//! **Reads.** Within `recording`, every read of the store that is keyed by
//! entities notes its topics: the documents asked for (found or not: one
//! created later changes the answer), the links to an entity with the
//! documents of the entities found making them, a film's community. A page
//! that opts in (`web::page_cache`) is kept with these topics.
//!
//! **Writes.** Every write a page can show moves the store's clock (see
//! migration 18) and notes, under the clock's new value, the topics it
//! touched in `store_touch` (migration 19): a catalog change the documents
//! it wrote and the links of every entity they link to, before and after;
//! a review, a rating, a thread, the similar films of a film that film's
//! community. A write that
//! cannot say what it touched (an account renamed, a bulk import, a
//! picture) moves the clock and notes nothing, and a clock value with no
//! touch means "everything": so no write can be forgotten, only be
//! coarser than it could be.
//!
//! **Why not a library.** Dependency tracking of this kind lives in
//! frameworks (Rails' cache keys, Salsa's queries), not in a crate that fits
//! a SQL store shared by several processes; the whole of it here is a
//! task-local set and one table.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::future::Future;

use kinora_core::EntityKind;
use sqlx::Row;

use crate::{Result, Store};

/// The topics a piece of work read.
pub type Topics = BTreeSet<String>;

tokio::task_local! {
    static READ: RefCell<Topics>;
}

/// The topic of an entity's document: its kind and id, `film/crossing-2008`.
pub fn topic(kind: EntityKind, id: &str) -> String {
    let mut topic = String::with_capacity(kind.as_str().len() + 1 + id.len() + LINKS.len());
    topic.push_str(kind.as_str());
    topic.push('/');
    topic.push_str(id);
    topic
}

/// What the topic of what links to an entity ends with.
const LINKS: &str = "#links";

/// The topic of what links to an entity: `person/cha-in-pyo#links`.
pub fn links_topic(kind: EntityKind, id: &str) -> String {
    let mut topic = topic(kind, id);
    topic.push_str(LINKS);
    topic
}

/// The topic of an entity's community, as the store's triggers write it
/// (migration 19): `film/crossing-2008#community`.
pub fn community_topic(kind: &str, id: &str) -> String {
    format!("{kind}/{id}#community")
}

/// Runs `work`, and gives the topics of every entity it read from the
/// store (in this task: work spawned elsewhere is not seen).
pub async fn recording<F: Future>(work: F) -> (F::Output, Topics) {
    READ.scope(RefCell::new(Topics::new()), async move {
        let output = work.await;
        let topics = READ.with(|read| std::mem::take(&mut *read.borrow_mut()));
        (output, topics)
    })
    .await
}

/// Notes, for the work being recorded if any, what a part of it read
/// (recorded on its own, or kept from before).
pub fn note_all(topics: &Topics) {
    let _ = READ.try_with(|read| {
        read.borrow_mut().extend(topics.iter().cloned());
    });
}

/// Notes a topic for the work being recorded, if any (made only then).
fn note_topic(make: impl FnOnce() -> String) {
    let _ = READ.try_with(|read| {
        read.borrow_mut().insert(make());
    });
}

/// Notes that the work being recorded, if any, read an entity.
pub(crate) fn note(kind: EntityKind, id: &str) {
    note_topic(|| topic(kind, id));
}

/// Notes that the work read what links to an entity.
pub(crate) fn note_links(kind: EntityKind, id: &str) {
    note_topic(|| links_topic(kind, id));
}

/// Notes that the work read an entity's community (its kind by name: a
/// thread's subject).
pub(crate) fn note_community(kind: &str, id: &str) {
    note_topic(|| community_topic(kind, id));
}

/// Whether a recording is under way: the notes cost an allocation each,
/// spared when no one listens.
pub(crate) fn recording_now() -> bool {
    READ.try_with(|_| ()).is_ok()
}

/// What the clock's moves after `after` up to `upto` touched.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// Each touched topic with the clock value of its last touch.
    pub topics: Vec<(i64, String)>,
    /// Whether some move in the range touched no topic it could name (or
    /// its note was forgotten): then everything may have changed.
    pub everything: bool,
}

/// The most clock moves read at once; a server further behind than that
/// takes everything as changed.
pub const LARGEST_CATCH_UP: i64 = 1024;

/// How many clock moves of touches are kept (`forget_touches`): well beyond
/// `LARGEST_CATCH_UP`, so that a server catching up never misses one.
const TOUCHES_KEPT: i64 = 16 * LARGEST_CATCH_UP;

impl Store {
    /// What the writes that moved the clock after `after`, up to `upto`,
    /// touched; every one of them when more than `LARGEST_CATCH_UP`.
    pub async fn touched(&self, after: i64, upto: i64) -> Result<Touched> {
        if upto <= after {
            return Ok(Touched::default());
        }
        if upto - after > LARGEST_CATCH_UP {
            return Ok(Touched {
                topics: Vec::new(),
                everything: true,
            });
        }
        let rows = sqlx::query(
            "select clock, topic from store_touch where clock > $1 and clock <= $2 order by clock",
        )
        .bind(after)
        .bind(upto)
        .fetch_all(&self.pool)
        .await?;
        let mut topics = Vec::with_capacity(rows.len());
        let mut moves = BTreeSet::new();
        for row in rows {
            let clock: i64 = row.try_get(0)?;
            moves.insert(clock);
            topics.push((clock, row.try_get::<String, _>(1)?));
        }
        // Every move notes at least one topic, or it touched everything.
        let everything = i64::try_from(moves.len()).unwrap_or(0) != upto - after;
        Ok(Touched { topics, everything })
    }

    /// Forgets the touches of all but the last clock moves; returns how many
    /// went. Run now and then by the server.
    pub async fn forget_touches(&self) -> Result<u64> {
        let done = sqlx::query(
            "delete from store_touch where clock < (select value from store_clock where id = 1) - $1",
        )
        .bind(TOUCHES_KEPT)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}

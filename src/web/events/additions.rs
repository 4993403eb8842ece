//! What events and news add to an entity's page: the programme or the
//! screenings (with their schema.org JSON-LD), the parts of an event or a
//! venue, a film's timeline, "in the news", and the page's feeds.

use kinora_core::model::{Citation, Entity, MentionStatus, Source, Venue};
use kinora_core::{EntityId, EntityKind};
use serde_json::Value;

use super::gather::{Backlinks, read_into};
use super::programme::{Columns, programme_for, schedule_headers, schedule_rows};
use super::timeline::timeline;
use crate::web::WebError;
use crate::web::view::{Body, Cell, Lookup, Row, Section};

/// A link from a page to one of its feeds.
#[derive(Debug, Clone)]
pub struct FeedLink {
    pub title: String,
    pub href: String,
    pub media_type: &'static str,
}

/// What the events and news add to an entity's page.
pub struct Additions {
    pub sections: Vec<Section>,
    pub feeds: Vec<FeedLink>,
    /// schema.org `ScreeningEvent`s, under `subEvent` (an event) or
    /// `subjectOf` (a film).
    pub screenings_ld: Vec<Value>,
}

/// What events and news add to an entity's page: the programme or the
/// screenings, a film's timeline, "in the news", and the feeds.
pub async fn additions(
    back: &mut Backlinks<'_>,
    entity: &Entity,
    lookup: &mut Lookup,
) -> Result<Additions, WebError> {
    let kind = entity.kind();
    let id = entity.id();
    let mut additions = Additions {
        sections: Vec::new(),
        feeds: Vec::new(),
        screenings_ld: Vec::new(),
    };
    let base = format!("/{}/{id}", kind.plural());
    if let Some(programme) = programme_for(back, entity).await? {
        let showings = programme.showings();
        let keys = programme.named();
        let citations: Vec<&Citation> = showings
            .iter()
            .flat_map(|showing| showing.screening.sources.iter())
            .collect();
        read_into(back, lookup, keys, &citations).await?;
        let columns = if kind == EntityKind::Film {
            Columns::Film
        } else {
            Columns::Programme
        };
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let (upcoming, past): (Vec<_>, Vec<_>) = showings
            .into_iter()
            .partition(|showing| showing.row.day >= today);
        let title = |when: &str| {
            let what = match kind {
                EntityKind::Event | EntityKind::Company => "programme",
                _ => "screenings",
            };
            kinora_i18n::t(&format!("section-{what}{when}"))
        };
        let (upcoming_title, past_title) = if upcoming.is_empty() || past.is_empty() {
            (title(""), title(""))
        } else {
            (title("-coming"), title("-past"))
        };
        for (anchor, title, list) in [
            ("screenings", upcoming_title, &upcoming),
            ("past-screenings", past_title, &past),
        ] {
            let rows = schedule_rows(list, columns, lookup);
            additions.sections.extend(Section::new(
                anchor,
                &title,
                Body::Table {
                    headers: schedule_headers(columns),
                    rows,
                },
            ));
        }
        let label = |kind: EntityKind, id: &EntityId| {
            lookup
                .summaries
                .get(&(kind, id.clone()))
                .map(|s| s.label.clone())
        };
        let no_source = |_: &EntityId| None;
        let jsonld = kinora_formats::jsonld::Context {
            base: "",
            label: &label,
            source: &no_source,
        };
        for showing in upcoming.iter().chain(past.iter()) {
            let zone_of = |venue: &EntityId| programme.venues.get(venue).and_then(Venue::zone);
            if let Ok(timed) = showing.event.timed_screenings(&zone_of)
                && let Some(timed) = timed.iter().find(|t| t.position == showing.row.position)
            {
                additions
                    .screenings_ld
                    .push(kinora_formats::jsonld::screening(
                        showing.event,
                        timed,
                        showing.venue,
                        &jsonld,
                    ));
            }
        }
        additions.feeds.push(FeedLink {
            title: kinora_i18n::t_with(
                "calendar-of",
                &[(
                    "name",
                    kinora_core::model::shown_label(entity, kinora_i18n::Reader::current()).into(),
                )],
            ),
            href: format!("{base}/calendar.ics"),
            media_type: "text/calendar",
        });
    }
    // The events part of an event (a festival's sections), the venues
    // part of a venue (a cinema's screens), listed before the programme.
    let parts_title = match kind {
        EntityKind::Event => Some((
            kinora_i18n::t("section-sections-events"),
            kinora_i18n::t("col-event"),
        )),
        EntityKind::Venue => Some((
            kinora_i18n::t("section-screens-halls"),
            kinora_i18n::t("col-venue"),
        )),
        _ => None,
    };
    if let Some((title, header)) = parts_title {
        let parts = back.referring(kind, id, kind, "part_of").await?;
        let keys: Vec<_> = parts.iter().map(|p| (kind, p.clone())).collect();
        read_into(back, lookup, keys, &[]).await?;
        let rows: Vec<Row> = parts
            .iter()
            .map(|part| Row {
                cells: vec![vec![lookup.entity_cell(kind, part, None)]],
                ..Row::default()
            })
            .collect();
        if let Some(section) = Section::new(
            "parts",
            &title,
            Body::Table {
                headers: vec![header],
                rows,
            },
        ) {
            additions.sections.insert(0, section);
        }
    }
    if matches!(
        kind,
        EntityKind::Film | EntityKind::Person | EntityKind::Company
    ) {
        let articles = news_about(back, kind, id).await?;
        if let Entity::Film(film) = entity {
            let timeline = timeline(back, film, &articles, lookup).await?;
            additions.sections.extend(timeline);
        }
        // Each line cites the article itself, with the words it used.
        let citations: Vec<(EntityId, Citation)> = articles
            .iter()
            .map(|article| {
                (
                    article.id.clone(),
                    Citation {
                        source: kinora_core::id::SourceRef::new(article.id.clone()),
                        quote: mentioned_as(article, kind, id),
                    },
                )
            })
            .collect();
        for article in &articles {
            lookup
                .sources
                .entry(article.id.clone())
                .or_insert_with(|| article.clone());
        }
        let rows: Vec<Row> = articles
            .iter()
            .map(|article| {
                let cites = citations
                    .iter()
                    .filter(|(of, _)| *of == article.id)
                    .map(|(_, citation)| citation.clone())
                    .collect::<Vec<_>>();
                let mut title =
                    Cell::link(article.title.clone(), format!("/sources/{}", article.id));
                if let Some(written) = mentioned_as(article, kind, id)
                    && written != entity.label()
                {
                    title = title.aside(kinora_i18n::t_with(
                        "written-as",
                        &[("name", written.clone().into())],
                    ));
                }
                Row {
                    cells: vec![
                        vec![Cell::text(
                            article.date.map(|d| d.display()).unwrap_or_default(),
                        )],
                        vec![title],
                        vec![Cell::text(article.publisher.clone().unwrap_or_default())],
                    ],
                    cites: lookup.cite(&cites),
                    ..Row::default()
                }
            })
            .collect();
        additions.sections.extend(Section::new(
            "news",
            &kinora_i18n::t("section-in-the-news"),
            Body::Table {
                headers: vec![
                    kinora_i18n::t("col-date"),
                    kinora_i18n::t("col-article"),
                    kinora_i18n::t("col-publisher"),
                ],
                rows,
            },
        ));
        additions.feeds.push(FeedLink {
            title: kinora_i18n::t_with(
                "news-about",
                &[(
                    "name",
                    kinora_core::model::shown_label(entity, kinora_i18n::Reader::current()).into(),
                )],
            ),
            href: format!("{base}/news.atom"),
            media_type: "application/atom+xml",
        });
    }
    Ok(additions)
}

/// The spelling an article used for an entity it names.
fn mentioned_as(article: &Source, kind: EntityKind, id: &EntityId) -> Option<String> {
    article
        .mentions
        .iter()
        .find(|mention| mention.target() == Some((kind, id)))
        .map(|mention| mention.written.clone())
}

/// The articles that name an entity, as an editor confirmed, newest first.
pub async fn news_about(
    back: &mut Backlinks<'_>,
    kind: EntityKind,
    id: &EntityId,
) -> Result<Vec<Source>, WebError> {
    let ids = back
        .referring(kind, id, EntityKind::Source, "mentions")
        .await?;
    let keys: Vec<_> = ids.into_iter().map(|id| (EntityKind::Source, id)).collect();
    let mut articles: Vec<Source> = back
        .documents(&keys)
        .await?
        .into_values()
        .filter_map(|entity| match &*entity {
            Entity::Source(source)
                if source.mentions.iter().any(|mention| {
                    mention.status == MentionStatus::Confirmed
                        && mention.target() == Some((kind, id))
                }) =>
            {
                Some(source.clone())
            }
            _ => None,
        })
        .collect();
    articles.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    Ok(articles)
}

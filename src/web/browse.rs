//! Discovery: the home page of a living site (films members watch now,
//! new reviews, coming screenings, news, films added last, with their
//! posters) and films browsed by genre, decade or year, country and
//! language, by popularity, rating or date, a page at a time.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use kinora_core::image::{self, ImageRole};
use kinora_core::model::Entity;
use kinora_core::{EntityId, EntityKind};
use kinora_search::{Browse, BrowseOrder, Facet};
use kinora_store::screenings::ScreeningFilter;
use serde::Deserialize;

use super::auth::Viewer;
use super::community::{ReviewView, review_views};
use super::pictures::PictureView;
use super::render::render;
use super::{AppState, WebError};

/// A film as a card in a grid: its poster (or a placeholder), title, year.
#[derive(Debug, Clone)]
pub struct FilmCard {
    pub id: String,
    pub label: String,
    pub year: Option<i64>,
    pub poster: Option<PictureView>,
    /// A line under the title: "3 members this month".
    pub note: Option<String>,
}

/// The cards of these films (id, label, year), their posters read in one
/// statement.
pub async fn cards(
    state: &AppState,
    films: Vec<(String, String, Option<i64>)>,
) -> Result<Vec<FilmCard>, WebError> {
    let keys: Vec<(EntityKind, EntityId)> = films
        .iter()
        .filter_map(|(id, _, _)| EntityId::parse(id).ok().map(|id| (EntityKind::Film, id)))
        .collect();
    let entities = state.store.get_many(&keys).await?;
    Ok(films
        .into_iter()
        .map(|(id, label, year)| {
            let entity = EntityId::parse(&id)
                .ok()
                .and_then(|key| entities.get(&(EntityKind::Film, key)));
            // The title as the reader chose, where the document is at hand.
            let label = entity
                .map(|entity| {
                    kinora_core::model::shown_label(entity, kinora_i18n::Reader::current())
                })
                .unwrap_or(label);
            let poster = entity
                .and_then(|entity: &Entity| image::shown(entity.images(), ImageRole::Poster))
                .map(|poster| PictureView::new(poster, &label));
            FilmCard {
                id,
                label,
                year,
                poster,
                note: None,
            }
        })
        .collect())
}

#[derive(Debug, Deserialize, Default)]
pub struct FilmsQuery {
    #[serde(default)]
    pub genre: String,
    /// A year (`2008`), a decade (`2000s`) or a range (`2000-2010`).
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub language: String,
    /// Where it can be watched.
    #[serde(default)]
    pub available: String,
    #[serde(default)]
    pub sort: String,
    pub page: Option<usize>,
}

/// Films a page shows at a time.
const FILMS_PER_PAGE: usize = 48;

impl FilmsQuery {
    /// Whether it asks for anything but the first page in the default order.
    pub fn filters(&self) -> bool {
        [
            &self.genre,
            &self.year,
            &self.country,
            &self.language,
            &self.available,
            &self.sort,
        ]
        .iter()
        .any(|text| !text.trim().is_empty())
    }

    /// The browse it asks for, or a message naming the field that is wrong.
    pub fn browse(&self, offset: usize, limit: usize) -> Result<Browse, String> {
        let year = self.year.trim();
        let years = match year.strip_suffix('s') {
            Some(decade) if decade.len() == 4 && decade.ends_with('0') => {
                let start: i32 = decade
                    .parse()
                    .map_err(|_| format!("year: “{year}” is not a decade such as 2000s"))?;
                Some((start, start + 9))
            }
            _ => crate::search::parse_years(Some(year))?,
        };
        let country = crate::search::parse_country(Some(&self.country))?;
        let available = crate::search::parse_country(Some(&self.available))
            .map_err(|error| error.replace("country", "available"))?;
        let language = match self.language.trim() {
            "" => None,
            text => Some(
                kinora_core::Language::parse(text)
                    .map_err(|_| {
                        format!("language: “{text}” is not a language code such as ko or en")
                    })?
                    .primary()
                    .to_ascii_lowercase(),
            ),
        };
        let order = match self.sort.trim() {
            "" => BrowseOrder::Popular,
            text => BrowseOrder::parse(text).ok_or_else(|| {
                format!("sort: “{text}” is not an order; use popular, rating, newest or oldest")
            })?,
        };
        Ok(Browse {
            kind: "film".into(),
            years,
            country,
            available,
            genre: Some(self.genre.trim().to_lowercase()).filter(|g| !g.is_empty()),
            language,
            order,
            offset,
            limit,
        })
    }

    /// The address of another page of the same list.
    fn page_href(&self, page: usize) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("genre", &self.genre),
            ("year", &self.year),
            ("country", &self.country),
            ("language", &self.language),
            ("available", &self.available),
            ("sort", &self.sort),
        ] {
            if !value.trim().is_empty() {
                pairs.append_pair(key, value.trim());
            }
        }
        if page > 1 {
            pairs.append_pair("page", &page.to_string());
        }
        let query = pairs.finish();
        if query.is_empty() {
            "/films".into()
        } else {
            format!("/films?{query}")
        }
    }
}

/// A choice of a filter: its value, its label, how many films, chosen.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub count: usize,
}

fn choices(facets: Vec<Facet>, label: impl Fn(&str) -> String) -> Vec<Choice> {
    facets
        .into_iter()
        .map(|facet| Choice {
            label: label(&facet.value),
            value: facet.value,
            count: facet.count,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "films.html")]
struct FilmsTemplate {
    viewer: Viewer,
    query: FilmsQuery,
    cards: Vec<FilmCard>,
    total: usize,
    page: usize,
    pages: usize,
    previous: Option<String>,
    next: Option<String>,
    genres: Vec<Choice>,
    countries: Vec<Choice>,
    languages: Vec<Choice>,
    decades: Vec<String>,
    orders: Vec<(&'static str, String)>,
}

/// `GET /films`: films browsed by genre, decade or year, country and
/// language, in an order, 48 to a page.
pub async fn films(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<FilmsQuery>,
) -> Result<Html<String>, WebError> {
    let page = query.page.unwrap_or(1).max(1);
    let offset = (page - 1).saturating_mul(FILMS_PER_PAGE);
    let browse = query
        .browse(offset, FILMS_PER_PAGE)
        .map_err(WebError::BadRequest)?;
    let browsed = state.search.browse(&state.store, browse).await?;
    let films = browsed
        .items
        .into_iter()
        .map(|item| (item.id, item.label, item.year.map(i64::from)))
        .collect();
    let cards = cards(&state, films).await?;
    let pages = browsed.total.div_ceil(FILMS_PER_PAGE).max(1);
    let genres = choices(
        state.search.facets("film", "genre").await?,
        |genre: &str| {
            let word = kinora_i18n::common_word("genre", genre);
            super::view::capitalize(word)
        },
    );
    let countries = choices(state.search.facets("film", "country").await?, |code| {
        kinora_core::Country::parse(code).map_or_else(|_| code.to_owned(), |c| c.local_name())
    });
    let languages = choices(state.search.facets("film", "language").await?, |code| {
        kinora_core::Language::parse(code)
            .map_or_else(|_| code.to_owned(), |l| l.english_name().to_owned())
    });
    let this_decade = (time::OffsetDateTime::now_utc().year() / 10) * 10;
    let decades = (0..=12)
        .map(|n| format!("{}s", this_decade - n * 10))
        .collect();
    render(&FilmsTemplate {
        previous: (page > 1).then(|| query.page_href(page - 1)),
        next: (page < pages).then(|| query.page_href(page + 1)),
        viewer,
        cards,
        total: browsed.total,
        page,
        pages,
        genres,
        countries,
        languages,
        decades,
        orders: vec![
            ("popular", kinora_i18n::t("order-popular")),
            ("rating", kinora_i18n::t("order-rating")),
            ("newest", kinora_i18n::t("order-newest")),
            ("oldest", kinora_i18n::t("order-oldest")),
        ],
        query,
    })
}

/// A coming screening, as the home page lists it.
pub struct ComingScreening {
    pub day: String,
    pub time: String,
    pub film_id: String,
    pub film: String,
    pub city: Option<String>,
    pub event_id: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomeTemplate {
    viewer: Viewer,
    counts: Vec<(String, i64, String)>,
    popular: Vec<FilmCard>,
    popular_title: String,
    added: Vec<FilmCard>,
    reviews: Vec<ReviewView>,
    screenings: Vec<ComingScreening>,
    screenings_title: String,
    news: Vec<(String, String, String)>,
}

/// `GET /`: the site as it lives now.
pub async fn home(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, WebError> {
    let store = &state.store;
    // Counted by the search index, which keeps them at hand.
    let kinds = [
        EntityKind::Film,
        EntityKind::Person,
        EntityKind::Event,
        EntityKind::Source,
    ];
    let numbers = state
        .search
        .counts(store, kinds.iter().map(|kind| kind.as_str()).collect())
        .await?;
    let counts = kinds
        .iter()
        .zip(numbers)
        .map(|(kind, count)| {
            let label = kinora_i18n::t_with(
                &format!("count-{}", kind.plural()),
                &[("count", count.into())],
            );
            (kind.plural().to_owned(), count as i64, label)
        })
        .collect();
    // What members watch, rate and review this month; when the month is
    // quiet, of all time.
    let month_ago = (time::OffsetDateTime::now_utc() - time::Duration::days(30))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut popular_title = kinora_i18n::t("popular-this-month");
    let mut popular = store.popular_films(&month_ago, 12).await?;
    if popular.len() < 6 {
        popular = store.popular_films("", 12).await?;
        popular_title = kinora_i18n::t("popular-with-members");
    }
    if popular.len() < 6 {
        // A young site: the films the catalog refers to most fill the row.
        let browsed = state
            .search
            .browse(
                store,
                Browse {
                    kind: "film".into(),
                    limit: 12,
                    ..Browse::default()
                },
            )
            .await?;
        for item in browsed.items {
            if popular.len() == 12 {
                break;
            }
            if !popular.iter().any(|(id, _)| *id == item.id) {
                popular.push((item.id, 0));
            }
        }
        popular_title = kinora_i18n::t("popular-films");
    }
    let popular_keys: Vec<(EntityKind, EntityId)> = popular
        .iter()
        .filter_map(|(id, _)| EntityId::parse(id).ok().map(|id| (EntityKind::Film, id)))
        .collect();
    let labels = store.summaries(&popular_keys).await?;
    let mut popular_cards = cards(
        &state,
        popular_keys
            .iter()
            .filter_map(|key| labels.get(key))
            .map(|s| (s.id.to_string(), s.label.clone(), s.year))
            .collect(),
    )
    .await?;
    for card in &mut popular_cards {
        match popular.iter().find(|(id, _)| *id == card.id) {
            Some((_, count)) if *count >= 1 => {
                card.note = Some(kinora_i18n::t_with(
                    "members-count",
                    &[("count", (*count).into())],
                ))
            }
            _ => {}
        }
    }
    let added = store.recently_added(EntityKind::Film, 12).await?;
    let added = cards(
        &state,
        added
            .into_iter()
            .map(|s| (s.id.to_string(), s.label, s.year))
            .collect(),
    )
    .await?;
    let reviews = store.recent_reviews(viewer.id(), 4).await?;
    let reviews = review_views(&state, &viewer, &reviews).await?;
    let today = time::OffsetDateTime::now_utc().date();
    // Near the member: in the country they gave, when the catalog has
    // screenings there; else everywhere.
    let mut rows = store
        .screenings(&ScreeningFilter {
            from_day: Some(today.to_string()),
            limit: if viewer_country(&viewer).is_some() {
                60
            } else {
                6
            },
            ..ScreeningFilter::default()
        })
        .await?;
    let mut screenings_title = kinora_i18n::t("coming-screenings");
    if let Some(country) = viewer_country(&viewer) {
        let venues: Vec<(EntityKind, EntityId)> = rows
            .iter()
            .map(|row| (EntityKind::Venue, row.venue.clone()))
            .collect();
        let venues = store.get_many(&venues).await?;
        let in_country = |row: &kinora_store::screenings::ScreeningRow| {
            matches!(
                venues.get(&(EntityKind::Venue, row.venue.clone())),
                Some(Entity::Venue(venue))
                    if venue.city().and_then(|city| city.country.as_ref()) == Some(&country)
            )
        };
        if rows.iter().any(in_country) {
            rows.retain(in_country);
            screenings_title = kinora_i18n::t_with(
                "coming-screenings-in",
                &[("country", country.local_name().into())],
            );
        }
    }
    rows.truncate(6);
    let film_keys: Vec<(EntityKind, EntityId)> = rows
        .iter()
        .map(|row| (EntityKind::Film, row.film.clone()))
        .collect();
    let film_labels = store.summaries(&film_keys).await?;
    let screenings = rows
        .into_iter()
        .map(|row| ComingScreening {
            time: row
                .local_start
                .split_once('T')
                .and_then(|(_, t)| {
                    let (hour, minute) = t.split_once(':')?;
                    let minute = minute.get(..2)?;
                    Some(
                        kinora_i18n::Lang::current()
                            .formats()
                            .time(hour.parse().ok()?, minute.parse().ok()?),
                    )
                })
                .unwrap_or_default(),
            day: time::Date::parse(
                &row.day,
                time::macros::format_description!("[year]-[month]-[day]"),
            )
            .map(super::events::day_label)
            .unwrap_or_else(|_| row.day.clone()),
            film: film_labels
                .get(&(EntityKind::Film, row.film.clone()))
                .map_or_else(|| row.film.to_string(), |s| s.label.clone()),
            film_id: row.film.to_string(),
            city: row.city,
            event_id: row.event.to_string(),
        })
        .collect();
    let news = store
        .articles(5)
        .await?
        .into_iter()
        .map(|article| {
            let detail = [
                article.publisher.clone().unwrap_or_default(),
                article.date.map(|d| d.display()).unwrap_or_default(),
            ]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            (article.id.to_string(), article.title, detail)
        })
        .collect();
    render(&HomeTemplate {
        viewer,
        counts,
        popular: popular_cards,
        popular_title,
        added,
        reviews,
        screenings,
        screenings_title,
        news,
    })
}

/// The country a member said they watch films in.
fn viewer_country(viewer: &Viewer) -> Option<kinora_core::Country> {
    viewer
        .account
        .as_ref()
        .and_then(|account| account.country.as_deref())
        .and_then(|code| kinora_core::Country::parse(code).ok())
}

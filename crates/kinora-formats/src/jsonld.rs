//! schema.org JSON-LD for every kind of entity, embedded in its HTML page.
//!
//! Types: films are `Movie` (`TVSeries` for series), people `Person`,
//! companies `Organization`, albums `MusicAlbum`, sources `NewsArticle`,
//! `DiscussionForumPosting`, `Review`, `WebPage` or `CreativeWork` by kind.
//! The sources cited by a film's facts are listed under `citation`.

use kinora_core::model::{
    Album, Company, Department, Entity, Event, EventKind, Film, FilmForm, MentionStatus, Person,
    Source, SourceKind, TimedScreening, TitleKind, Venue, preferred_first, preferred_or_first,
};
use kinora_core::{EntityId, EntityKind};
use serde_json::{Map, Value, json};

/// What the JSON-LD needs from outside the entity: where pages live and the
/// names of the entities and sources it refers to.
pub struct Context<'a> {
    /// The site's base URL, without a trailing slash: `https://kinora.example`.
    pub base: &'a str,
    pub label: &'a dyn Fn(EntityKind, &EntityId) -> Option<String>,
    pub source: &'a dyn Fn(&EntityId) -> Option<Source>,
}

impl Context<'_> {
    fn url(&self, kind: EntityKind, id: &EntityId) -> String {
        format!("{}/{}/{}", self.base, kind.plural(), id)
    }

    fn thing(
        &self,
        schema_type: &str,
        kind: EntityKind,
        id: &EntityId,
        fallback: Option<&str>,
    ) -> Value {
        let name = (self.label)(kind, id)
            .or(fallback.map(str::to_owned))
            .unwrap_or_else(|| id.to_string());
        json!({"@type": schema_type, "@id": self.url(kind, id), "name": name, "url": self.url(kind, id)})
    }
}

/// The JSON-LD document of an entity.
pub fn entity(entity: &Entity, context: &Context<'_>) -> Value {
    let mut value = match entity {
        Entity::Film(film) => self::film(film, context),
        Entity::Person(person) => self::person(person, context),
        Entity::Company(company) => self::company(company, context),
        Entity::Album(album) => self::album(album, context),
        Entity::Source(source) => self::source(source, context),
        Entity::Venue(venue) => self::venue(venue, context),
        Entity::Event(event) => self::event(event, context),
    };
    if let Value::Object(object) = &mut value {
        // Creative works list the sources their facts cite.
        if matches!(entity, Entity::Film(_) | Entity::Album(_)) {
            insert(object, "citation", citations(entity, context));
        }
        insert(object, "image", images(entity, context));
        let mut with_context = Map::new();
        with_context.insert("@context".into(), json!("https://schema.org"));
        with_context.extend(std::mem::take(object));
        *object = with_context;
    }
    value
}

/// The entity's pictures as ImageObjects, the shown ones first: the widest
/// copy kept, with its credit and licence.
fn images(entity: &Entity, context: &Context<'_>) -> Value {
    let mut shown: Vec<&kinora_core::image::Image> = entity.images().iter().collect();
    shown.sort_by_key(|image| !image.preferred);
    one_or_many(
        shown
            .into_iter()
            .map(|image| {
                let width = *crate::picture::widths(image.width)
                    .last()
                    .unwrap_or(&image.width);
                let height = (u64::from(image.height) * u64::from(width)
                    / u64::from(image.width.max(1))) as u32;
                let url = format!(
                    "{}{}",
                    context.base,
                    crate::picture::path(&image.file, width, crate::picture::Encoding::Jpeg)
                );
                let mut object = Map::new();
                insert(&mut object, "@type", json!("ImageObject"));
                insert(&mut object, "contentUrl", json!(url));
                insert(&mut object, "width", json!(width));
                insert(&mut object, "height", json!(height));
                insert(&mut object, "caption", json!(image.caption));
                insert(&mut object, "creditText", json!(image.author));
                insert(&mut object, "license", json!(image.licence));
                Value::Object(object)
            })
            .collect(),
    )
}

fn insert(object: &mut Map<String, Value>, key: &str, value: Value) {
    let empty = match &value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::String(text) => text.is_empty(),
        _ => false,
    };
    if !empty {
        object.insert(key.to_owned(), value);
    }
}

fn one_or_many(mut values: Vec<Value>) -> Value {
    match values.len() {
        0 => Value::Null,
        1 => values.remove(0),
        _ => Value::Array(values),
    }
}

fn film(film: &Film, context: &Context<'_>) -> Value {
    let series = film.forms.iter().any(|form| form.form == FilmForm::Series);
    let mut object = Map::new();
    insert(
        &mut object,
        "@type",
        json!(if series { "TVSeries" } else { "Movie" }),
    );
    insert(
        &mut object,
        "@id",
        json!(context.url(EntityKind::Film, &film.id)),
    );
    insert(
        &mut object,
        "url",
        json!(context.url(EntityKind::Film, &film.id)),
    );
    let name = preferred_or_first(&film.titles)
        .map(|title| title.text.clone())
        .unwrap_or_default();
    insert(&mut object, "name", json!(name));
    let alternates: Vec<Value> = film
        .titles
        .iter()
        .filter(|title| title.text != name)
        .map(|title| json!(title.text))
        .collect();
    insert(&mut object, "alternateName", Value::Array(alternates));
    if let Some(original) = film
        .titles
        .iter()
        .find(|title| title.kind == TitleKind::Original)
    {
        insert(
            &mut object,
            "inLanguage",
            json!(original.lang.as_ref().map(|lang| lang.to_string())),
        );
    }
    let release = preferred_first(&film.releases)
        .into_iter()
        .find_map(|release| release.date);
    insert(
        &mut object,
        "datePublished",
        json!(release.map(|date| date.to_string())),
    );
    if let Some(runtime) = preferred_or_first(&film.runtimes) {
        insert(
            &mut object,
            "duration",
            json!(format!("PT{}M", runtime.minutes)),
        );
    }
    let countries: Vec<Value> = film
        .countries
        .iter()
        .map(|claim| json!({"@type": "Country", "name": claim.country.name(), "identifier": claim.country.as_str()}))
        .collect();
    insert(&mut object, "countryOfOrigin", one_or_many(countries));
    insert(
        &mut object,
        "genre",
        Value::Array(film.genres.iter().map(|genre| json!(genre.genre)).collect()),
    );
    insert(
        &mut object,
        "keywords",
        json!(
            film.keywords
                .iter()
                .map(|k| k.keyword.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if let Some(synopsis) = preferred_or_first(&film.synopses) {
        insert(&mut object, "description", json!(synopsis.text));
    }
    let people = |department: Department, job: Option<&str>| -> Vec<Value> {
        let mut credits: Vec<_> = film
            .credits
            .iter()
            .filter(|credit| credit.department == department)
            .filter(|credit| job.is_none_or(|job| credit.job.eq_ignore_ascii_case(job)))
            .collect();
        credits.sort_by_key(|credit| credit.billing.unwrap_or(u32::MAX));
        credits
            .into_iter()
            .map(|credit| {
                context.thing(
                    "Person",
                    EntityKind::Person,
                    &credit.person.id,
                    credit.credited_as.as_deref(),
                )
            })
            .collect()
    };
    insert(
        &mut object,
        "director",
        one_or_many(people(Department::Directing, Some("Director"))),
    );
    insert(
        &mut object,
        "actor",
        Value::Array(people(Department::Cast, None)),
    );
    insert(
        &mut object,
        "author",
        Value::Array(people(Department::Writing, None)),
    );
    insert(
        &mut object,
        "producer",
        Value::Array(people(Department::Production, None)),
    );
    insert(
        &mut object,
        "musicBy",
        one_or_many(people(Department::Music, None)),
    );
    let companies: Vec<Value> = film
        .companies
        .iter()
        .filter(|role| {
            matches!(
                role.role,
                kinora_core::model::CompanyRoleKind::Production
                    | kinora_core::model::CompanyRoleKind::CoProduction
            )
        })
        .map(|role| context.thing("Organization", EntityKind::Company, &role.company.id, None))
        .collect();
    insert(&mut object, "productionCompany", Value::Array(companies));
    let locations: Vec<Value> = film
        .filming_locations
        .iter()
        .map(|location| json!({"@type": "Place", "name": location.place.name}))
        .collect();
    insert(&mut object, "contentLocation", Value::Array(locations));
    let based_on: Vec<Value> = film
        .based_on
        .iter()
        .map(|basis| {
            let schema_type = match basis.kind {
                kinora_core::model::BasisKind::Book | kinora_core::model::BasisKind::Memoir => {
                    "Book"
                }
                kinora_core::model::BasisKind::Film => "Movie",
                kinora_core::model::BasisKind::TrueEvent
                | kinora_core::model::BasisKind::TrueStories => "Event",
                _ => "CreativeWork",
            };
            json!({"@type": schema_type, "name": basis.title})
        })
        .collect();
    insert(&mut object, "isBasedOn", one_or_many(based_on));
    let trailers: Vec<Value> = film
        .trailers
        .iter()
        .map(|trailer| {
            let mut video = Map::new();
            insert(&mut video, "@type", json!("VideoObject"));
            insert(
                &mut video,
                "name",
                json!(
                    trailer
                        .title
                        .clone()
                        .unwrap_or_else(|| trailer.kind.label().to_owned())
                ),
            );
            insert(&mut video, "url", json!(trailer.url));
            Value::Object(video)
        })
        .collect();
    insert(&mut object, "trailer", one_or_many(trailers));
    let budget = film
        .money
        .iter()
        .find(|money| money.kind == kinora_core::model::MoneyKind::Budget);
    if let Some(budget) = budget {
        insert(
            &mut object,
            "budget",
            json!({"@type": "MonetaryAmount", "currency": budget.money.currency.as_str(), "value": budget.money.amount.to_f64()}),
        );
    }
    let same_as: Vec<Value> = film
        .links
        .iter()
        .filter(|link| link.kind == kinora_core::model::LinkKind::Official)
        .map(|link| json!(link.url))
        .chain(external_urls(&film.external_ids))
        .collect();
    if let Some(rating) = preferred_or_first(&film.ratings) {
        insert(
            &mut object,
            "aggregateRating",
            json!({
                "@type": "AggregateRating",
                "ratingValue": rating.value.to_f64(),
                "bestRating": rating.best.to_f64(),
                "ratingCount": rating.votes,
                "author": {"@type": "Organization", "name": rating.by},
            }),
        );
    }
    if let Some(episode) = preferred_or_first(&film.episode_of) {
        object.insert("@type".into(), json!("TVEpisode"));
        insert(
            &mut object,
            "partOfSeries",
            context.thing("TVSeries", EntityKind::Film, &episode.series.id, None),
        );
        insert(&mut object, "episodeNumber", json!(episode.episode));
    }
    insert(&mut object, "sameAs", one_or_many(same_as));
    Value::Object(object)
}

/// Every source cited anywhere in an entity, once, in order of first citation.
fn citations(entity: &Entity, context: &Context<'_>) -> Value {
    let mut seen = std::collections::HashSet::new();
    let mut cited = Vec::new();
    for reference in entity.references() {
        if reference.kind == EntityKind::Source && seen.insert(reference.id.clone()) {
            match (context.source)(&reference.id) {
                Some(source) => cited.push(source_summary(&source, context)),
                None => cited.push(json!({"@id": context.url(EntityKind::Source, &reference.id)})),
            }
        }
    }
    Value::Array(cited)
}

/// The fields every entity's JSON-LD starts with: type, id, URL, name and
/// the other names (every spelling and script) as `alternateName`.
fn header<'n>(
    schema_type: &str,
    kind: EntityKind,
    id: &EntityId,
    name: Option<&str>,
    names: impl Iterator<Item = &'n str>,
    context: &Context<'_>,
) -> Map<String, Value> {
    let mut object = Map::new();
    let name = name.unwrap_or_default();
    insert(&mut object, "@type", json!(schema_type));
    insert(&mut object, "@id", json!(context.url(kind, id)));
    insert(&mut object, "url", json!(context.url(kind, id)));
    insert(&mut object, "name", json!(name));
    let alternates: Vec<Value> = names
        .filter(|other| *other != name)
        .map(|other| json!(other))
        .collect();
    insert(&mut object, "alternateName", Value::Array(alternates));
    object
}

fn external_urls(ids: &[kinora_core::model::ExternalId]) -> impl Iterator<Item = Value> + '_ {
    ids.iter()
        .filter_map(|external| external.scheme.url(&external.value))
        .map(|url| json!(url))
}

fn person(person: &Person, context: &Context<'_>) -> Value {
    let mut object = header(
        "Person",
        EntityKind::Person,
        &person.id,
        preferred_or_first(&person.names).map(|name| name.text.as_str()),
        person.names.iter().map(|name| name.text.as_str()),
        context,
    );
    insert(
        &mut object,
        "birthDate",
        json!(preferred_or_first(&person.birth_dates).map(|d| d.date.to_string())),
    );
    insert(
        &mut object,
        "deathDate",
        json!(preferred_or_first(&person.death_dates).map(|d| d.date.to_string())),
    );
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&person.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "jobTitle",
        Value::Array(
            person
                .occupations
                .iter()
                .map(|occupation| json!(occupation.occupation))
                .collect(),
        ),
    );
    let nationality: Vec<Value> = person
        .countries
        .iter()
        .map(|claim| json!({"@type": "Country", "name": claim.country.name()}))
        .collect();
    insert(&mut object, "nationality", one_or_many(nationality));
    let affiliations: Vec<Value> = person
        .affiliations
        .iter()
        .map(|affiliation| {
            context.thing(
                "Organization",
                EntityKind::Company,
                &affiliation.company.id,
                None,
            )
        })
        .collect();
    insert(&mut object, "affiliation", Value::Array(affiliations));
    insert(
        &mut object,
        "sameAs",
        Value::Array(
            person
                .links
                .iter()
                .map(|link| json!(link.url))
                .chain(external_urls(&person.external_ids))
                .collect(),
        ),
    );
    Value::Object(object)
}

fn company(company: &Company, context: &Context<'_>) -> Value {
    let mut object = header(
        "Organization",
        EntityKind::Company,
        &company.id,
        preferred_or_first(&company.names).map(|name| name.text.as_str()),
        company.names.iter().map(|name| name.text.as_str()),
        context,
    );
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&company.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "foundingDate",
        json!(preferred_or_first(&company.founded).map(|d| d.date.to_string())),
    );
    let locations: Vec<Value> = company
        .locations
        .iter()
        .map(|claim| json!({"@type": "Place", "name": claim.place.name}))
        .collect();
    insert(&mut object, "location", one_or_many(locations));
    let parents: Vec<Value> = company
        .parents
        .iter()
        .map(|parent| {
            context.thing(
                "Organization",
                EntityKind::Company,
                &parent.company.id,
                None,
            )
        })
        .collect();
    insert(&mut object, "parentOrganization", one_or_many(parents));
    insert(
        &mut object,
        "sameAs",
        Value::Array(company.links.iter().map(|link| json!(link.url)).collect()),
    );
    Value::Object(object)
}

fn album(album: &Album, context: &Context<'_>) -> Value {
    let mut object = Map::new();
    insert(&mut object, "@type", json!("MusicAlbum"));
    insert(
        &mut object,
        "@id",
        json!(context.url(EntityKind::Album, &album.id)),
    );
    insert(
        &mut object,
        "url",
        json!(context.url(EntityKind::Album, &album.id)),
    );
    let name = preferred_or_first(&album.titles)
        .map(|title| title.text.clone())
        .unwrap_or_default();
    insert(&mut object, "name", json!(name));
    insert(
        &mut object,
        "albumProductionType",
        json!("https://schema.org/SoundtrackAlbum"),
    );
    let artists: Vec<Value> = album
        .artists
        .iter()
        .map(|artist| match &artist.artist.person {
            Some(person) => context.thing(
                "Person",
                EntityKind::Person,
                &person.id,
                Some(&artist.artist.name),
            ),
            None => json!({"@type": "Person", "name": artist.artist.name}),
        })
        .collect();
    insert(&mut object, "byArtist", one_or_many(artists));
    insert(&mut object, "numTracks", json!(album.tracks.len()));
    let mut tracks: Vec<_> = album.tracks.iter().collect();
    tracks.sort_by_key(|track| (track.disc.unwrap_or(1), track.number));
    let items: Vec<Value> = tracks
        .into_iter()
        .map(|track| {
            let titles: Vec<&str> = track
                .titles
                .iter()
                .map(|title| title.text.as_str())
                .collect();
            let mut recording = Map::new();
            insert(&mut recording, "@type", json!("MusicRecording"));
            insert(
                &mut recording,
                "name",
                json!(titles.first().copied().unwrap_or_default()),
            );
            insert(
                &mut recording,
                "alternateName",
                json!(titles.iter().skip(1).collect::<Vec<_>>()),
            );
            let by: Vec<Value> = track
                .artists
                .iter()
                .map(|artist| json!({"@type": "Person", "name": artist.name}))
                .collect();
            insert(&mut recording, "byArtist", one_or_many(by));
            if let Some(seconds) = track.seconds {
                insert(
                    &mut recording,
                    "duration",
                    json!(format!("PT{}M{}S", seconds / 60, seconds % 60)),
                );
            }
            json!({"@type": "ListItem", "position": track.number, "item": Value::Object(recording)})
        })
        .collect();
    insert(
        &mut object,
        "track",
        json!({"@type": "ItemList", "numberOfItems": items.len(), "itemListElement": items}),
    );
    Value::Object(object)
}

fn source_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::News => "NewsArticle",
        SourceKind::ForumPost => "DiscussionForumPosting",
        SourceKind::Review => "Review",
        SourceKind::OfficialSite | SourceKind::FestivalPage | SourceKind::MoviePage => "WebPage",
        SourceKind::Dataset => "Dataset",
        SourceKind::Blog => "BlogPosting",
        SourceKind::Book => "Book",
        SourceKind::PressRelease | SourceKind::Other => "CreativeWork",
    }
}

fn source_summary(source: &Source, context: &Context<'_>) -> Value {
    let mut object = Map::new();
    insert(&mut object, "@type", json!(source_type(source.kind)));
    insert(
        &mut object,
        "@id",
        json!(context.url(EntityKind::Source, &source.id)),
    );
    insert(&mut object, "headline", json!(source.title));
    insert(&mut object, "name", json!(source.title));
    insert(
        &mut object,
        "datePublished",
        json!(source.date.map(|date| date.to_string())),
    );
    if let Some(publisher) = &source.publisher {
        insert(
            &mut object,
            "publisher",
            json!({"@type": "Organization", "name": publisher}),
        );
    }
    let authors: Vec<Value> = source
        .authors
        .iter()
        .map(|author| json!({"@type": "Person", "name": author.name}))
        .collect();
    insert(&mut object, "author", one_or_many(authors));
    insert(&mut object, "url", json!(source.url));
    insert(
        &mut object,
        "inLanguage",
        json!(source.lang.as_ref().map(|lang| lang.to_string())),
    );
    Value::Object(object)
}

fn source(source: &Source, context: &Context<'_>) -> Value {
    let mut value = source_summary(source, context);
    if let Value::Object(object) = &mut value {
        insert(object, "abstract", json!(source.summary));
        if let Some(via) = &source.via {
            insert(
                object,
                "isPartOf",
                context.thing("CreativeWork", EntityKind::Source, &via.id, None),
            );
        }
        let mentions: Vec<Value> = source
            .mentions
            .iter()
            .filter(|mention| mention.status == MentionStatus::Confirmed)
            .filter_map(|mention| mention.target())
            .map(|(kind, id)| {
                let schema_type = match kind {
                    EntityKind::Film => "Movie",
                    EntityKind::Person => "Person",
                    _ => "Organization",
                };
                context.thing(schema_type, kind, id, None)
            })
            .collect();
        insert(object, "mentions", Value::Array(mentions));
    }
    value
}

fn venue(venue: &Venue, context: &Context<'_>) -> Value {
    let mut object = header(
        "MovieTheater",
        EntityKind::Venue,
        &venue.id,
        preferred_or_first(&venue.names).map(|name| name.text.as_str()),
        venue.names.iter().map(|name| name.text.as_str()),
        context,
    );
    insert(&mut object, "address", place_address(venue));
    if let Some(part) = preferred_or_first(&venue.part_of) {
        insert(
            &mut object,
            "containedInPlace",
            context.thing("Place", EntityKind::Venue, &part.venue.id, None),
        );
    }
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&venue.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "sameAs",
        Value::Array(venue.links.iter().map(|link| json!(link.url)).collect()),
    );
    Value::Object(object)
}

fn place_address(venue: &Venue) -> Value {
    let mut address = Map::new();
    insert(&mut address, "@type", json!("PostalAddress"));
    insert(
        &mut address,
        "streetAddress",
        json!(preferred_or_first(&venue.addresses).map(|a| a.address.clone())),
    );
    if let Some(city) = venue.city() {
        insert(&mut address, "addressLocality", json!(city.name));
        insert(
            &mut address,
            "addressCountry",
            json!(city.country.as_ref().map(|c| c.to_string())),
        );
    }
    if address.len() > 1 {
        Value::Object(address)
    } else {
        Value::Null
    }
}

/// The schema.org type of an event: `Festival` for an edition, and for a
/// section of one, `ScreeningEvent` for a screening, `Event` otherwise.
pub fn event_type(kind: EventKind) -> &'static str {
    match kind {
        EventKind::FestivalEdition | EventKind::Section => "Festival",
        EventKind::Screening | EventKind::Premiere => "ScreeningEvent",
        _ => "Event",
    }
}

fn event(event: &Event, context: &Context<'_>) -> Value {
    let mut object = header(
        event_type(event.kind),
        EntityKind::Event,
        &event.id,
        preferred_or_first(&event.names).map(|name| name.text.as_str()),
        event.names.iter().map(|name| name.text.as_str()),
        context,
    );
    if let Some(dates) = event.dates() {
        insert(&mut object, "startDate", json!(dates.start.to_string()));
        insert(
            &mut object,
            "endDate",
            json!(dates.end.map(|end| end.to_string())),
        );
    }
    let places: Vec<Value> = event
        .places
        .iter()
        .map(|claim| json!({"@type": "Place", "name": claim.place.name}))
        .collect();
    insert(&mut object, "location", one_or_many(places));
    let organisers: Vec<Value> = event
        .organisers
        .iter()
        .map(|claim| context.thing("Organization", EntityKind::Company, &claim.company.id, None))
        .collect();
    insert(&mut object, "organizer", one_or_many(organisers));
    let parents: Vec<Value> = event
        .part_of
        .iter()
        .map(|claim| context.thing("Event", EntityKind::Event, &claim.event.id, None))
        .collect();
    insert(&mut object, "superEvent", one_or_many(parents));
    let performers: Vec<Value> = event
        .participants
        .iter()
        .filter_map(|participant| {
            participant
                .person
                .as_ref()
                .map(|person| context.thing("Person", EntityKind::Person, &person.id, None))
        })
        .collect();
    insert(&mut object, "attendee", Value::Array(performers));
    let works: Vec<Value> = event
        .films
        .iter()
        .map(|claim| context.thing("Movie", EntityKind::Film, &claim.film.id, None))
        .collect();
    insert(&mut object, "workFeatured", Value::Array(works));
    insert(
        &mut object,
        "description",
        json!(preferred_or_first(&event.descriptions).map(|d| d.text.clone())),
    );
    insert(
        &mut object,
        "eventStatus",
        json!("https://schema.org/EventScheduled"),
    );
    Value::Object(object)
}

/// A screening as schema.org `ScreeningEvent` describes it: the film, the
/// venue, the start with its local offset, languages, and where to buy
/// tickets.
pub fn screening(
    event: &Event,
    timed: &TimedScreening,
    venue: Option<&Venue>,
    context: &Context<'_>,
) -> Value {
    let screening = &event.screenings[timed.position];
    let film_name = (context.label)(EntityKind::Film, &screening.film.id)
        .unwrap_or_else(|| screening.film.id.to_string());
    let mut object = Map::new();
    insert(&mut object, "@type", json!("ScreeningEvent"));
    insert(&mut object, "name", json!(film_name));
    insert(&mut object, "startDate", json!(timed.start.iso()));
    insert(
        &mut object,
        "endDate",
        json!(timed.end.map(|end| end.iso())),
    );
    insert(
        &mut object,
        "workPresented",
        context.thing("Movie", EntityKind::Film, &screening.film.id, None),
    );
    let mut location = match venue {
        Some(venue) => self::venue(venue, context),
        None => context.thing("MovieTheater", EntityKind::Venue, &screening.venue.id, None),
    };
    if let Value::Object(location) = &mut location {
        location.remove("sameAs");
        location.remove("description");
    }
    insert(&mut object, "location", location);
    insert(
        &mut object,
        "inLanguage",
        one_or_many(
            screening
                .languages
                .iter()
                .map(|l| json!(l.to_string()))
                .collect(),
        ),
    );
    insert(
        &mut object,
        "subtitleLanguage",
        one_or_many(
            screening
                .subtitles
                .iter()
                .map(|l| json!(l.to_string()))
                .collect(),
        ),
    );
    insert(
        &mut object,
        "eventStatus",
        json!(if screening.cancelled {
            "https://schema.org/EventCancelled"
        } else {
            "https://schema.org/EventScheduled"
        }),
    );
    if let Some(tickets) = &screening.tickets {
        insert(
            &mut object,
            "offers",
            json!({"@type": "Offer", "url": tickets}),
        );
    }
    insert(
        &mut object,
        "superEvent",
        context.thing(event_type(event.kind), EntityKind::Event, &event.id, None),
    );
    Value::Object(object)
}

/// Adds screenings to an event's or a film's JSON-LD: `subEvent` of an
/// event; a film's are `subjectOf` (schema.org has no property from a
/// film to its screenings; `ScreeningEvent.workPresented` points back).
pub fn add_screenings(value: &mut Value, key: &str, screenings: Vec<Value>) {
    if let Value::Object(object) = value {
        insert(object, key, Value::Array(screenings));
    }
}

/// A review as schema.org `Review` describes it.
pub struct ReviewLd {
    pub author: String,
    /// The review's page.
    pub url: String,
    /// On Kinora's 10-point scale.
    pub rating: Option<u8>,
    pub headline: Option<String>,
    /// Plain text, spoilers left out.
    pub body: String,
    pub date: String,
}

/// Adds `aggregateRating` (from the counts of ratings 1 to 10) and `review`
/// to a film's JSON-LD.
pub fn add_reviews(value: &mut Value, histogram: &[u64; 10], reviews: &[ReviewLd]) {
    let Value::Object(object) = value else { return };
    let count: u64 = histogram.iter().sum();
    if count > 0 {
        let total: u64 = histogram
            .iter()
            .enumerate()
            .map(|(index, n)| (index as u64 + 1) * n)
            .sum();
        let average = (total as f64 / count as f64 * 10.0).round() / 10.0;
        object.insert(
            "aggregateRating".into(),
            json!({
                "@type": "AggregateRating",
                "ratingValue": average,
                "bestRating": 10,
                "worstRating": 1,
                "ratingCount": count,
                "reviewCount": reviews.len(),
            }),
        );
    }
    if reviews.is_empty() {
        return;
    }
    let reviews: Vec<Value> = reviews
        .iter()
        .map(|review| {
            let mut item = Map::new();
            item.insert("@type".into(), json!("Review"));
            item.insert("url".into(), json!(review.url));
            item.insert(
                "author".into(),
                json!({"@type": "Person", "name": review.author}),
            );
            if let Some(rating) = review.rating {
                item.insert(
                    "reviewRating".into(),
                    json!({"@type": "Rating", "ratingValue": rating, "bestRating": 10, "worstRating": 1}),
                );
            }
            if let Some(headline) = &review.headline {
                item.insert("name".into(), json!(headline));
            }
            if !review.body.is_empty() {
                item.insert("reviewBody".into(), json!(review.body));
            }
            item.insert("datePublished".into(), json!(review.date));
            Value::Object(item)
        })
        .collect();
    object.insert("review".into(), Value::Array(reviews));
}

/// A post of a discussion, for schema.org `DiscussionForumPosting`.
pub struct PostLd {
    pub author: String,
    pub url: String,
    pub text: String,
    pub date: String,
    /// The URL of the post it quotes.
    pub quotes: Option<String>,
    /// The articles it reposts: (name, URL or page of the source).
    pub shares: Vec<(String, String)>,
}

/// A thread as schema.org `DiscussionForumPosting`: its first post, with
/// the others as comments.
pub fn discussion(title: &str, url: &str, about: Option<(&str, &str)>, posts: &[PostLd]) -> Value {
    let post_value = |post: &PostLd, kind: &str| {
        let mut item = Map::new();
        item.insert("@type".into(), json!(kind));
        item.insert("url".into(), json!(post.url));
        item.insert(
            "author".into(),
            json!({"@type": "Person", "name": post.author}),
        );
        item.insert("datePublished".into(), json!(post.date));
        item.insert("text".into(), json!(post.text));
        if let Some(quoted) = &post.quotes {
            item.insert("isBasedOn".into(), json!(quoted));
        }
        if !post.shares.is_empty() {
            let shared: Vec<Value> = post
                .shares
                .iter()
                .map(|(name, url)| json!({"@type": "NewsArticle", "headline": name, "url": url}))
                .collect();
            item.insert("sharedContent".into(), Value::Array(shared));
        }
        item
    };
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    if let Some(first) = posts.first() {
        object.extend(post_value(first, "DiscussionForumPosting"));
    } else {
        object.insert("@type".into(), json!("DiscussionForumPosting"));
    }
    object.insert("headline".into(), json!(title));
    object.insert("url".into(), json!(url));
    if let Some((name, href)) = about {
        object.insert(
            "about".into(),
            json!({"@type": "Thing", "name": name, "url": href}),
        );
    }
    object.insert("commentCount".into(), json!(posts.len().saturating_sub(1)));
    let comments: Vec<Value> = posts
        .iter()
        .skip(1)
        .map(|post| Value::Object(post_value(post, "Comment")))
        .collect();
    if !comments.is_empty() {
        object.insert("comment".into(), Value::Array(comments));
    }
    Value::Object(object)
}

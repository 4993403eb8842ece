//! A film as schema.org `Movie`, or `TVSeries` for a series: its titles,
//! credits, companies, dates, countries, languages, genres and links.

use kinora_core::EntityKind;
use kinora_core::model::{
    Department, Film, FilmForm, TitleKind, preferred_first, preferred_or_first,
};
use serde_json::{Map, Value, json};

use super::{Context, external_urls, insert, one_or_many};

pub(super) fn film(film: &Film, context: &Context<'_>) -> Value {
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

//! What the index knows about one entity, made from the entity itself: its
//! names (primary ones first), year, countries, where it can be watched,
//! genres, languages, rating and popularity.

use kinora_core::Entity;

/// What the index knows about one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub kind: String,
    pub id: String,
    pub label: String,
    pub year: Option<i32>,
    /// ISO 3166 codes: a film's countries, a person's or company's.
    pub countries: Vec<String>,
    /// ISO 3166 codes of the countries where a film can be watched.
    pub available: Vec<String>,
    /// Every name and title, the primary one first.
    pub names: Vec<String>,
    /// How many of `names` are primary (shown as the label).
    pub primary: usize,
    pub popularity: u64,
    /// A film's genres, in lower case.
    pub genres: Vec<String>,
    /// A film's languages: primary subtags (`ko`).
    pub languages: Vec<String>,
    /// A film's rating on other sites, out of 1000 (the one with the most votes).
    pub rating: Option<u64>,
}

impl Document {
    /// The document of an entity. `incoming` is how many links point at it
    /// (a person's credits); a film adds its votes on other sites and its
    /// own credits. Sources have none.
    pub fn from_entity(entity: &Entity, incoming: u64) -> Document {
        let label = entity.label();
        let mut primary = Vec::new();
        let mut aliases = Vec::new();
        for name in entity.findable_names() {
            if name.primary {
                primary.push(name.text);
            } else {
                aliases.push(name.text);
            }
        }
        let (countries, popularity) = match entity {
            Entity::Film(film) => (
                film.countries
                    .iter()
                    .map(|c| c.country.as_str().to_owned())
                    .collect(),
                incoming
                    + film.ratings.iter().map(|r| r.votes).max().unwrap_or(0)
                    + film.credits.len() as u64,
            ),
            Entity::Person(person) => (
                person
                    .countries
                    .iter()
                    .map(|c| c.country.as_str().to_owned())
                    .collect(),
                incoming,
            ),
            Entity::Company(company) => (
                company
                    .countries
                    .iter()
                    .map(|c| c.country.as_str().to_owned())
                    .collect(),
                incoming,
            ),
            Entity::Album(_) | Entity::Venue(_) | Entity::Event(_) => (Vec::new(), incoming),
            // How often a source is cited says nothing of how often it is
            // looked for.
            Entity::Source(_) => (Vec::new(), 0),
        };
        let mut available: Vec<String> = match entity {
            Entity::Film(film) => film
                .availability
                .iter()
                .map(|offer| offer.country.as_str().to_owned())
                .collect(),
            _ => Vec::new(),
        };
        available.sort();
        available.dedup();
        let primary_count = primary.len();
        primary.extend(aliases);
        let (mut genres, mut languages, rating) = match entity {
            Entity::Film(film) => (
                film.genres
                    .iter()
                    .map(|g| g.genre.trim().to_lowercase())
                    .collect(),
                film.languages
                    .iter()
                    .map(|l| l.language.primary().to_ascii_lowercase())
                    .collect(),
                film.ratings
                    .iter()
                    .max_by_key(|r| r.votes)
                    .filter(|r| r.best.to_f64() > 0.0)
                    .map(|r| {
                        ((r.value.to_f64() / r.best.to_f64()).clamp(0.0, 1.0) * 1000.0).round()
                            as u64
                    }),
            ),
            _ => (Vec::new(), Vec::new(), None),
        };
        genres.sort();
        genres.dedup();
        languages.sort();
        languages.dedup();
        Document {
            genres,
            languages,
            rating,
            kind: entity.kind().as_str().to_owned(),
            id: entity.id().as_str().to_owned(),
            label,
            year: entity.year(),
            countries,
            available,
            names: primary,
            primary: primary_count,
            popularity,
        }
    }

    pub(crate) fn key(&self) -> String {
        entity_key(&self.kind, &self.id)
    }
}

/// The term that names an entity in the index: `kind:id`.
pub(crate) fn entity_key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

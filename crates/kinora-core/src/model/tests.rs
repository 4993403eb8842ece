//! The generic operations on claims, on small entities written as the
//! catalog format writes them.

use serde_json::json;

use super::*;
use crate::traverse::ClaimPath;
use crate::{EntityId, EntityKind};

fn entity(kind: EntityKind, value: serde_json::Value) -> Entity {
    Entity::from_untagged_json(kind, &value.to_string()).unwrap()
}

fn id(text: &str) -> EntityId {
    EntityId::parse(text).unwrap()
}

fn crossing() -> Entity {
    entity(
        EntityKind::Film,
        json!({
            "id": "crossing-2008",
            "titles": [
                {"text": "크로싱", "kind": "original", "preferred": true,
                 "sources": [{"source": "kofic", "quote": "크로싱"}]},
                {"text": "Crossing", "kind": "english", "sources": [{"source": "imdb-datasets"}]}
            ],
            "credits": [
                {"person": "kim-tae-kyun", "department": "directing", "job": "Director",
                 "sources": [{"source": "kofic"}, {"source": "imdb-datasets"}]},
                {"person": "cha-in-pyo", "department": "cast", "job": "Actor",
                 "characters": [{"name": "Kim Yong-soo"}],
                 "sources": [{"source": "imdb-datasets"}]}
            ],
            "money": [{"kind": "budget", "money": {"amount": "4000000000", "currency": "KRW"},
                       "company": "big-house", "sources": [{"source": "kofic"}]}]
        }),
    )
}

fn paths(entity: &Entity) -> Vec<(String, EntityKind, String)> {
    entity
        .references()
        .into_iter()
        .map(|r| (r.path.to_string(), r.kind, r.id.to_string()))
        .collect()
}

#[test]
fn every_reference_is_found_with_its_path() {
    let found = paths(&crossing());
    let expect = [
        ("titles[0].sources[0].source", EntityKind::Source, "kofic"),
        (
            "titles[1].sources[0].source",
            EntityKind::Source,
            "imdb-datasets",
        ),
        ("credits[0].person", EntityKind::Person, "kim-tae-kyun"),
        ("credits[0].sources[0].source", EntityKind::Source, "kofic"),
        (
            "credits[0].sources[1].source",
            EntityKind::Source,
            "imdb-datasets",
        ),
        ("credits[1].person", EntityKind::Person, "cha-in-pyo"),
        (
            "credits[1].sources[0].source",
            EntityKind::Source,
            "imdb-datasets",
        ),
        ("money[0].company", EntityKind::Company, "big-house"),
        ("money[0].sources[0].source", EntityKind::Source, "kofic"),
    ];
    let expect: Vec<(String, EntityKind, String)> = expect
        .iter()
        .map(|(p, k, i)| ((*p).to_owned(), *k, (*i).to_owned()))
        .collect();
    assert_eq!(found, expect);
    // A source's own fields: a publisher, authors, a repost's original,
    // the names its text mentions.
    let article = entity(
        EntityKind::Source,
        json!({
            "id": "forum-post", "kind": "forum_post", "title": "Crossing",
            "publisher_company": "soompi", "authors": [{"name": "kimchi", "person": "a-fan"}],
            "via": "joongang", "mentions": [{"film": "crossing-2008", "written": "Crossing", "status": "confirmed"}]
        }),
    );
    let found: Vec<String> = paths(&article).into_iter().map(|(p, _, _)| p).collect();
    assert_eq!(
        found,
        [
            "publisher_company",
            "authors[0].person",
            "via",
            "mentions[0].film"
        ]
    );
}

#[test]
fn a_merge_redirects_every_reference_to_the_survivor() {
    let mut film = crossing();
    let rewritten = film.redirect_references(EntityKind::Source, &id("imdb-datasets"), &id("imdb"));
    assert_eq!(rewritten, 3);
    assert!(!paths(&film).iter().any(|(_, _, i)| i == "imdb-datasets"));
    // Another kind with the same id is left alone.
    assert_eq!(
        film.redirect_references(EntityKind::Person, &id("kofic"), &id("x")),
        0
    );
    assert_eq!(
        film.redirect_references(
            EntityKind::Person,
            &id("cha-in-pyo"),
            &id("cha-in-pyo-1967")
        ),
        1
    );
    let Entity::Film(film) = film else {
        unreachable!()
    };
    assert_eq!(film.credits[1].person.id, id("cha-in-pyo-1967"));
}

#[test]
fn absorbing_keeps_the_survivors_preference_and_every_source() {
    let mut kept = crossing();
    let other = entity(
        EntityKind::Film,
        json!({
            "id": "crossing-dup",
            "titles": [
                {"text": "Crossing", "kind": "english", "preferred": true,
                 "sources": [{"source": "hancinema"}]},
                {"text": "Keurosing", "kind": "romanized", "sources": [{"source": "hancinema"}]}
            ],
            "genres": [{"genre": "drama"}]
        }),
    );
    kept.absorb(other).unwrap();
    let Entity::Film(film) = &kept else {
        unreachable!()
    };
    let titles: Vec<(&str, bool, usize)> = film
        .titles
        .iter()
        .map(|t| (t.text.as_str(), t.preferred, t.sources.len()))
        .collect();
    // The same title adds its source; the survivor's preferred title stays
    // the only preferred one; a new spelling joins.
    assert_eq!(
        titles,
        [
            ("크로싱", true, 1),
            ("Crossing", false, 2),
            ("Keurosing", false, 1)
        ]
    );
    assert_eq!(film.genres.len(), 1);
    assert!(kept.check().is_ok());
    let person = entity(
        EntityKind::Person,
        json!({"id": "p", "names": [{"text": "P", "kind": "primary"}]}),
    );
    assert_eq!(
        kept.absorb(person),
        Err(KindMismatch(EntityKind::Film, EntityKind::Person))
    );
}

#[test]
fn absorbing_a_source_fills_what_it_lacks() {
    let mut kept = entity(
        EntityKind::Source,
        json!({"id": "a", "kind": "news", "title": "Kept title", "authors": [{"name": "Kim"}]}),
    );
    let other = entity(
        EntityKind::Source,
        json!({"id": "b", "kind": "blog", "title": "Other title", "url": "https://example.org/a",
               "authors": [{"name": "Kim"}, {"name": "Lee"}]}),
    );
    kept.absorb(other).unwrap();
    let Entity::Source(source) = kept else {
        unreachable!()
    };
    assert_eq!(source.title, "Kept title");
    assert_eq!(source.kind, SourceKind::News);
    assert_eq!(source.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(source.authors.len(), 2);
}

#[test]
fn a_reimport_replaces_only_what_that_source_alone_states() {
    let mut film = crossing();
    let imported = entity(
        EntityKind::Film,
        json!({
            "id": "crossing-2008",
            "titles": [{"text": "Crossing (2008)", "kind": "english", "preferred": true,
                        "sources": [{"source": "imdb-datasets"}]}],
            "credits": [{"person": "cha-in-pyo", "department": "cast", "job": "Actor",
                         "sources": [{"source": "imdb-datasets"}]}]
        }),
    );
    film.replace_claims_of(&id("imdb-datasets"), imported)
        .unwrap();
    let Entity::Film(film) = film else {
        unreachable!()
    };
    let titles: Vec<(&str, bool)> = film
        .titles
        .iter()
        .map(|t| (t.text.as_str(), t.preferred))
        .collect();
    // The old IMDb title is gone, the new one joins without taking the
    // preference from the title another source states.
    assert_eq!(titles, [("크로싱", true), ("Crossing (2008)", false)]);
    // The director, also stated by KOFIC, stays; the IMDb-only credit is
    // replaced by the imported one.
    let credits: Vec<&str> = film.credits.iter().map(|c| c.person.id.as_str()).collect();
    assert_eq!(credits, ["kim-tae-kyun", "cha-in-pyo"]);
    assert!(film.credits[1].characters.is_empty());
    assert_eq!(film.money.len(), 1);
}

#[test]
fn a_path_leads_to_its_claim_and_the_claim_reads_out() {
    let film = crossing();
    let path = ClaimPath::parse("credits[1].sources[0].source").unwrap();
    assert!(path.is_citation());
    assert_eq!(path.to_string(), "credits[1].sources[0].source");
    let (list, claim) = film.claim_at(&path).unwrap();
    assert_eq!(list, "credits");
    let names = |kind: EntityKind, id: &EntityId| {
        (kind == EntityKind::Person && id.as_str() == "cha-in-pyo").then(|| "Cha In-pyo".to_owned())
    };
    assert_eq!(
        claim.describe_value(&names),
        ["→ Cha In-pyo", "Cast", "Actor", "as Kim Yong-soo"]
    );
    let money = film
        .claim_at(&ClaimPath::parse("money[0].company").unwrap())
        .unwrap()
        .1;
    assert!(
        money
            .describe_value(&|_, _| None)
            .contains(&"₩4,000,000,000".to_owned()),
        "{:?}",
        money.describe_value(&|_, _| None)
    );
    assert!(
        film.claim_at(&ClaimPath::parse("credits[9].person").unwrap())
            .is_none()
    );
    assert_eq!(film.cited_sources(), [id("kofic"), id("imdb-datasets")]);
    assert!(ClaimPath::parse("credits[x].person").is_err());
    assert!(ClaimPath::parse("Credits.person").is_err());
}

#[test]
fn one_preferred_value_per_fact_but_one_picture_per_role() {
    let two = entity(
        EntityKind::Film,
        json!({"id": "x", "titles": [{"text": "A", "preferred": true, "kind": "original"},
                                     {"text": "B", "preferred": true, "kind": "english"}]}),
    );
    let problems = two.check().unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("titles: 2 values are marked preferred")),
        "{problems:?}"
    );
    let hash = |digit: char| format!("sha256:{}", digit.to_string().repeat(64));
    let pictures = entity(
        EntityKind::Film,
        json!({"id": "x", "titles": [{"text": "A", "kind": "original"}],
        "images": [
            {"file": hash('a'), "role": "poster", "width": 10, "height": 15, "preferred": true},
            {"file": hash('b'), "role": "still", "width": 10, "height": 5, "preferred": true}
        ]}),
    );
    assert_eq!(pictures.check(), Ok(()));
}

#[test]
fn an_id_scheme_is_named_as_the_format_writes_it() {
    for scheme in [
        IdScheme::Imdb,
        IdScheme::Tmdb,
        IdScheme::Wikidata,
        IdScheme::Kofic,
        IdScheme::Letterboxd,
        IdScheme::Musicbrainz,
    ] {
        assert_eq!(
            serde_json::to_value(scheme).unwrap(),
            serde_json::Value::from(scheme.as_str())
        );
    }
}

#[test]
fn removing_a_sourced_claim_is_found_and_a_reworded_one_is_not() {
    let before = crossing();
    let mut after = before.clone();
    // The director's credit goes; the budget's note changes but not its value.
    after.edit_claim("credits", ClaimEdit::Remove(0)).unwrap();
    let removed: Vec<String> = before
        .sourced_claims_removed(&after)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(removed, ["credits[0]"]);
    assert!(before.sourced_claims_removed(&before).is_empty());
    // A value changed with its citation kept is an edit, not a removal.
    let mut edited = before.clone();
    edited
        .edit_claim(
            "titles",
            ClaimEdit::Change(
                1,
                json!({"text": "Crossings", "kind": "english", "sources": [{"source": "imdb-datasets"}]}),
            ),
        )
        .unwrap();
    assert!(before.sourced_claims_removed(&edited).is_empty());
    // A claim with no source removed asks nothing.
    let unsourced = entity(
        EntityKind::Film,
        json!({"id": "x", "titles": [{"text": "X", "kind": "original"}, {"text": "Y", "kind": "english"}]}),
    );
    let mut fewer = unsourced.clone();
    fewer.edit_claim("titles", ClaimEdit::Remove(1)).unwrap();
    assert!(unsourced.sourced_claims_removed(&fewer).is_empty());
}

/// Every word of the catalog's data has its Korean translation: a value
/// added to a vocabulary without one fails here, not on a Korean page.
#[test]
fn every_vocabulary_value_is_translated() {
    use crate::model::*;
    let mut missing = Vec::new();
    macro_rules! check {
        ($($vocabulary:ty),*) => {$(
            for value in <$vocabulary>::ALL {
                if !kinora_i18n::Lang::Ko.has(value.key()) {
                    missing.push(value.key());
                }
            }
        )*};
    }
    check!(
        TitleKind,
        NameKind,
        Romanization,
        NameOrder,
        ReleaseKind,
        Color,
        FilmForm,
        IdScheme,
        Department,
        CompanyRoleKind,
        LinkKind,
        TrailerKind,
        MoneyKind,
        BasisKind,
        ProductionStatus,
        Relation,
        OrganizationKind,
        SourceKind,
        EventKind,
        PremiereStatus,
        ParticipantRole,
        EventFilmRelation,
        AwardOutcome,
        AvailabilityKind,
        AttachmentStatus,
        MentionStatus,
        crate::image::ImageRole
    );
    assert!(missing.is_empty(), "no Korean for {missing:?}");
}

/// A reader sees the title in their language first, or the original or
/// the romanized form as they chose, with the others beside it.
#[test]
fn titles_and_names_are_shown_as_the_reader_chose() {
    use kinora_i18n::{Lang, NameStyle, Reader};
    let film: Entity = serde_json::from_value(serde_json::json!({
        "type": "film", "id": "crossing-2008",
        "titles": [
            {"text": "Crossing", "kind": "english", "lang": "en", "script": "Latn", "preferred": true},
            {"text": "크로싱", "kind": "original", "lang": "ko", "script": "Hang"}
        ]
    }))
    .unwrap();
    let reader = |lang, names| Reader { lang, names };
    let korean = shown(&film, reader(Lang::Ko, NameStyle::Local));
    assert_eq!(korean.line(), "크로싱 · Keurosing · Crossing");
    assert_eq!(korean.first.lang.as_deref(), Some("ko"));
    assert!(korean.beside[0].transliterated, "Keurosing is made here");
    assert_eq!(
        shown(&film, reader(Lang::En, NameStyle::Local)).line(),
        "Crossing · 크로싱 · Keurosing"
    );
    assert_eq!(
        shown(&film, reader(Lang::En, NameStyle::Original)).line(),
        "크로싱 · Keurosing · Crossing"
    );
    assert_eq!(
        shown(&film, reader(Lang::En, NameStyle::Romanized)).line(),
        "Keurosing · 크로싱 · Crossing"
    );
    let person: Entity = serde_json::from_value(serde_json::json!({
        "type": "person", "id": "kim-tae-kyun",
        "names": [
            {"text": "Tae-kyun Kim", "kind": "romanized", "script": "Latn", "order": "given_first"},
            {"text": "Kim Tae-kyun", "kind": "primary", "script": "Latn", "order": "family_first", "preferred": true},
            {"text": "김태균", "kind": "native", "lang": "ko", "script": "Hang", "order": "family_first"}
        ]
    }))
    .unwrap();
    assert_eq!(
        shown(&person, reader(Lang::Ko, NameStyle::Local)).line(),
        "김태균 · Kim Tae-kyun"
    );
    assert_eq!(
        shown(&person, reader(Lang::En, NameStyle::Romanized)).line(),
        "Kim Tae-kyun · 김태균"
    );
    assert_eq!(
        shown_label(&person, reader(Lang::En, NameStyle::Original)),
        "김태균"
    );
}

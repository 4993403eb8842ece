//! The gazetteer and the proposals on the demo catalog, with articles and
//! forum posts as they are written: spellings, scripts, particles, common
//! words, shared titles, years and bare surnames; the links made from
//! confirmed spellings; and the cost of a hundred thousand names.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::folded::{Folded, pattern_of};
use super::*;
use crate::id::{EntityId, EntityKind};
use crate::names::fold;

const CATALOG: &str = include_str!("../../../../data/demo/catalog.json");

fn key(kind: EntityKind, id: &str) -> Candidate {
    (kind, EntityId::parse(id).unwrap())
}

/// The demo catalog: its names, the links between its entities, and
/// its films' years.
struct Demo {
    entries: Vec<NameEntry>,
    links: HashSet<(Candidate, Candidate)>,
    years: HashMap<Candidate, i32>,
}

impl Demo {
    fn load() -> Demo {
        let catalog: Value = serde_json::from_str(CATALOG).unwrap();
        let sections = [
            ("films", EntityKind::Film),
            ("people", EntityKind::Person),
            ("companies", EntityKind::Company),
        ];
        let mut entities = Vec::new();
        for (section, kind) in sections {
            for entity in catalog[section].as_array().unwrap() {
                entities
                    .push(crate::Entity::from_untagged_json(kind, &entity.to_string()).unwrap());
            }
        }
        let mut entries = Vec::new();
        for entity in &entities {
            let names: Vec<&str> = match entity {
                crate::Entity::Film(film) => film.titles.iter().map(|t| t.text.as_str()).collect(),
                crate::Entity::Person(person) => {
                    person.names.iter().map(|n| n.text.as_str()).collect()
                }
                crate::Entity::Company(company) => {
                    company.names.iter().map(|n| n.text.as_str()).collect()
                }
                _ => Vec::new(),
            };
            for name in names {
                entries.push(NameEntry {
                    kind: entity.kind(),
                    id: entity.id().clone(),
                    name: name.to_owned(),
                });
            }
        }
        let known: HashSet<Candidate> = entities
            .iter()
            .map(|entity| (entity.kind(), entity.id().clone()))
            .collect();
        let mut links = HashSet::new();
        let mut years = HashMap::new();
        for entity in &entities {
            let this = (entity.kind(), entity.id().clone());
            // The entities it names by a credit or a role: not its
            // sources, nor films said to be like it, a series it is an
            // episode of, or a person's relatives.
            for reference in entity.references() {
                let other = (reference.kind, reference.id.clone());
                let role = !reference.path.is_citation()
                    && !matches!(
                        reference.path.list(),
                        Some("related" | "relatives" | "episode_of")
                    );
                if role && other != this && known.contains(&other) {
                    links.insert((this.clone(), other.clone()));
                    links.insert((other, this.clone()));
                }
            }
            if let Some(year) = entity.year() {
                years.insert(this, year);
            }
        }
        Demo {
            entries,
            links,
            years,
        }
    }

    fn gazetteer(&self) -> Gazetteer {
        Gazetteer::new(self.entries.clone())
    }

    fn propose(&self, gazetteer: &Gazetteer, text: &str) -> Vec<Proposal> {
        let found = gazetteer.find(text);
        propose(
            &found,
            &|a, b| self.links.contains(&(a.clone(), b.clone())),
            &|entity| self.years.get(entity).copied(),
        )
    }
}

fn ids(proposals: &[Proposal]) -> Vec<&str> {
    proposals.iter().map(|p| p.id.as_str()).collect()
}

fn proposal<'a>(proposals: &'a [Proposal], id: &str) -> &'a Proposal {
    proposals
        .iter()
        .find(|p| p.id.as_str() == id)
        .unwrap_or_else(|| panic!("{id} not proposed: {proposals:#?}"))
}

fn sorted(mut ids: Vec<&str>) -> Vec<&str> {
    ids.sort_unstable();
    ids
}

#[test]
fn folding_by_character_gives_the_words_of_fold() {
    let demo = Demo::load();
    let mut names: Vec<&str> = demo.entries.iter().map(|e| e.name.as_str()).collect();
    names.extend([
        "Wertmüller",
        "Kim T'ae-gyun",
        "渡江(도강)",
        "Sin Myŏng-ch'ŏl",
    ]);
    for name in names {
        let folded = Folded::new(name);
        let words: Vec<&str> = folded.encoded.split_whitespace().collect();
        assert_eq!(words.join(" "), fold(name), "{name}");
        let (pattern, _) = pattern_of(name).unwrap();
        let words: Vec<&str> = pattern.split_whitespace().collect();
        assert_eq!(words.join(" "), fold(name), "{name}");
    }
    assert_eq!(pattern_of(" -- "), None);
    // Words the name writes with a capital, digit or uncased letter.
    let capitals = |name| pattern_of(name).unwrap().1;
    assert_eq!(capitals("The Defector: Escape from North Korea"), 0b110111);
    assert_eq!(capitals("Kim Tae-kyun"), 0b011);
    assert_eq!(capitals("크로싱 2"), 0b11);
}

#[test]
fn a_director_and_his_films_are_found_under_their_spellings() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    // Chosun Ilbo, 17 March 2008, as the KOFIC passage spells it.
    let text = "The film was directed by Kim Tae-gyoon, whose filmography includes the \
                2001 movie \"Volcano High\", \"Temptation of Wolves\" (2004) and \"A \
                Millionaire's First Love\" (2006).";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(
        ids(&proposals),
        [
            "kim-tae-kyun",
            "volcano-high-2001",
            "temptation-of-wolves-2004",
            "a-millionaires-first-love-2006"
        ]
    );
    assert!(proposals.iter().all(|p| p.confidence == Confidence::High));
    let director = proposal(&proposals, "kim-tae-kyun");
    assert_eq!(director.spellings, ["Kim Tae-gyoon"]);
    assert_eq!(director.reason, "named in full as “Kim Tae-gyoon”");
    assert_eq!(&text[director.first_at..][..13], "Kim Tae-gyoon");
    let found = gazetteer.find(text);
    let wolves = found
        .iter()
        .find(|f| f.written == "Temptation of Wolves")
        .unwrap();
    assert!(wolves.quoted);
    assert_eq!(wolves.year_after, Some(2004));
    assert_eq!(wolves.how, Matched::Exact);
}

/// The KOFIC news item of 6 May 2008, as the forum reposted it.
const KOFIC: &str = "Crossing Screens at US Library of Congress\n\n\
    Upcoming South Korean feature Crossing, a harrowing tale about a North Korean family’s \
    desperate struggle to survive, screened at the Library of Congress in Washington D.C. \
    last week. Those in attendance included House International Relations Committee \
    specialists Dennis Halpin and Doug Anderson, Peter Beck, executive director of the US \
    Committee for Human Rights in North Korea, KIM Sung-min, a former N.K. refugee and close \
    to 100 foreign journalists.\n\n\
    Halpin, a Republican, called the film a “masterpiece” in its portrayal of human \
    suffering under dictatorship, putting it on par with the “Diary of Anne Frank”. Beck \
    called Crossing the best film ever made on the subject of North Korean defectors.\n\n\
    When Yong-soo’s wife becomes seriously ill, he travels across the border into China in \
    search of medicine but is ultimately forced to become a refugee in South Korea.\n\n\
    The film is directed by KIM Tae-kyun, whose previous features include Volcano High \
    (2001) and A Millionaire’s First Love (2006). It stars CHA In-pyo (Hanbando) and SHIN \
    Myoung-cheol. Produced by production house Camp B, the film is slated for local release \
    on June 5 through distributor Vantage Holdings. Fine Cut is handling international \
    sales.\n\n\
    Nigel D'Sa (KOFIC), image from news.yahoo.kr";

#[test]
fn a_news_item_names_its_film_cast_and_companies() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    let proposals = demo.propose(&gazetteer, KOFIC);
    assert_eq!(
        ids(&proposals),
        [
            "crossing-2008",
            "library-of-congress",
            "house-international-relations-committee",
            "dennis-halpin",
            "doug-anderson",
            "peter-beck",
            "us-committee-for-human-rights-in-north-korea",
            "kim-sung-min",
            "the-diary-of-anne-frank",
            "kim-tae-kyun",
            "volcano-high-2001",
            "a-millionaires-first-love-2006",
            "cha-in-pyo",
            "hanbando",
            "shin-myung-chul",
            "camp-b",
            "vantage-holdings",
            "fine-cut",
            "nigel-d-sa",
            "kofic",
        ]
    );
    for p in &proposals {
        assert_eq!(p.confidence, Confidence::High, "{p:#?}");
    }
    // A one-word title, vouched for by its director.
    let crossing = proposal(&proposals, "crossing-2008");
    assert_eq!(crossing.count, 3);
    assert_eq!(crossing.spellings, ["Crossing"]);
    assert_eq!(crossing.reason, "linked to KIM Tae-kyun, named here");
    assert_eq!(
        proposal(&proposals, "hanbando").reason,
        "linked to CHA In-pyo, named here"
    );
    assert_eq!(
        proposal(&proposals, "kofic").reason,
        "linked to Nigel D'Sa, named here"
    );
    // The longest name wins: `US Library of Congress` in the headline.
    assert_eq!(
        proposal(&proposals, "library-of-congress").spellings,
        ["US Library of Congress", "Library of Congress"]
    );
    // Bare surnames count for the one person named in full before.
    assert_eq!(proposal(&proposals, "dennis-halpin").count, 2);
    assert_eq!(proposal(&proposals, "peter-beck").count, 2);
    assert_eq!(
        proposal(&proposals, "shin-myung-chul").spellings,
        ["SHIN Myoung-cheol"]
    );
    let volcano = proposal(&proposals, "volcano-high-2001");
    assert_eq!(
        volcano.reason,
        "named in full as “Volcano High”, followed by (2001)"
    );
}

#[test]
fn one_word_titles_are_proposed_through_their_links() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    // Deadline, 2015.
    let text = "Daniel Dae Kim (Hawaii Five-O, Lost) is developing the adaptation through \
                his production company, 3AD, which is based at CBS.";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(
        ids(&proposals),
        ["daniel-dae-kim", "hawaii-five-o", "lost", "3ad", "cbs"]
    );
    assert!(proposals.iter().all(|p| p.confidence == Confidence::High));
    assert_eq!(
        proposal(&proposals, "lost").reason,
        "linked to Daniel Dae Kim, named here"
    );
    // The parent company, through the company linked to the person.
    assert_eq!(
        proposal(&proposals, "cbs").reason,
        "linked to 3AD, named here"
    );

    let text = "Rosalind Ross (Matador) wrote the script.";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(ids(&proposals), ["rosalind-ross", "matador"]);

    // A forum post: an actor's initials and a title, vouched for by a
    // co-star named in full.
    let text = "I just adore CIP since Fireworks (with Lee Young Ae) and Perfect Love \
                (with Kim Hee Ae).";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(
        sorted(ids(&proposals)),
        sorted(vec![
            "cha-in-pyo",
            "fireworks",
            "lee-young-ae",
            "perfect-love",
            "kim-hee-ae"
        ])
    );
    assert_eq!(
        proposal(&proposals, "fireworks").reason,
        "linked to Lee Young Ae, named here"
    );
    assert_eq!(
        proposal(&proposals, "cha-in-pyo").reason,
        "linked to Perfect Love, named here"
    );
}

#[test]
fn every_spelling_of_a_person_finds_the_person() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    let people: &[(&str, &[&str])] = &[
        (
            "kim-tae-kyun",
            &[
                "Kim Tae-gyoon",
                "Kim Tae-gyun",
                "Kim Tae-kyun",
                "KIM Tae-kyun",
                "Tae-kyun Kim",
                "Kim Tae Gyoon",
                "Gim Tae-gyun",
                "Kim T'ae-gyun",
                "KIM TAE-KYUN",
                "김태균",
            ],
        ),
        (
            "shin-myung-chul",
            &[
                "Shin Myeong-cheol",
                "Shin Myoung-cheol",
                "Shin Myung-chul",
                "SHIN Myoung-cheol",
                "Myung-chul Shin",
                "Sin Myŏng-ch'ŏl",
                "신명철",
            ],
        ),
        (
            "cha-in-pyo",
            &[
                "Cha In-pyo",
                "CHA In-pyo",
                "Cha In Pyo",
                "Ch'a In-p'yo",
                "차인표",
            ],
        ),
        (
            "kim-tae-seong",
            &["Kim Tae-seong", "Kim Tae-sung", "김태성"],
        ),
    ];
    for (id, spellings) in people {
        for spelling in *spellings {
            let text = format!("The film stars {spelling}, who said little.");
            let proposals = demo.propose(&gazetteer, &text);
            assert_eq!(ids(&proposals), [*id], "{spelling}: {proposals:#?}");
            let p = &proposals[0];
            assert_eq!(p.confidence, Confidence::High, "{spelling}");
            assert_eq!(p.spellings, [*spelling]);
        }
    }
    let found = gazetteer.find("Tae-kyun Kim directed it.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].how, Matched::Spelling);
    assert_eq!(found[0].words, 2);
}

#[test]
fn hangul_names_are_found_before_their_particles() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    let text = "김태균 감독의 영화 크로싱은 차인표가 주연을 맡았다.";
    let found = gazetteer.find(text);
    let written: Vec<&str> = found.iter().map(|f| f.written.as_str()).collect();
    assert_eq!(written, ["김태균", "크로싱", "차인표"]);
    assert!(
        found
            .iter()
            .all(|f| f.how == Matched::Hangul && f.words == 3)
    );
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(
        ids(&proposals),
        ["kim-tae-kyun", "crossing-2008", "cha-in-pyo"]
    );
    assert!(proposals.iter().all(|p| p.confidence == Confidence::High));
    assert_eq!(
        proposal(&proposals, "crossing-2008").reason,
        "named in Hangul as “크로싱”"
    );
    // A Hangul name the catalog has in Latin letters only is found by
    // its spelling: 김성민 is Kim Sung-min; 신명철은 with its particle.
    let proposals = demo.propose(&gazetteer, "김성민 씨와 신명철은 만났다.");
    assert_eq!(ids(&proposals), ["kim-sung-min", "shin-myung-chul"]);
    // Inside a longer word, at its end, a name is no name.
    assert!(demo.propose(&gazetteer, "한국영화크로싱").is_empty());
}

#[test]
fn common_words_are_not_names() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    for text in [
        "Many defectors are lost crossing the border north of the border into China on a \
         monday.",
        "Lost souls wander.",
        "Defectors flee North Korea on the border, and many are lost.",
        "They are escaping North Korea through China.",
        "A perfect love story of fireworks and a matador.",
        "Crossing the river, they saw fireworks.",
        "Cha said he would not run. Kim said nothing.",
    ] {
        let proposals = demo.propose(&gazetteer, text);
        assert!(proposals.is_empty(), "{text}: {proposals:#?}");
    }
    // A single word is found, but not proposed without evidence.
    let found = gazetteer.find("Lost souls wander.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].written, "Lost");
    assert!(found[0].candidates.contains(&key(EntityKind::Film, "lost")));
    // With a lowercase word the title's capitals ask for, a title is no
    // title (`escaping North Korea`), unless quoted.
    assert!(gazetteer.find("escaping North Korea").is_empty());
    let found = gazetteer.find("the documentary “South of the border” (2006)");
    assert_eq!(found.len(), 1);
    assert!(found[0].quoted);
    assert_eq!(found[0].year_after, Some(2006));
}

#[test]
fn the_longest_name_wins() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    let found = gazetteer.find("Mike Kim of Crossing Borders wrote it.");
    let written: Vec<&str> = found.iter().map(|f| f.written.as_str()).collect();
    assert_eq!(written, ["Mike Kim", "Crossing Borders"]);
    assert_eq!(
        found[1].candidates,
        [key(EntityKind::Company, "crossing-borders")]
    );
    let found = gazetteer.find("IDFA showed The Defector: Escape from North Korea.");
    assert_eq!(
        found[1].candidates,
        [key(
            EntityKind::Film,
            "the-defector-escape-from-north-korea"
        )]
    );
    assert_eq!(found[1].written, "The Defector: Escape from North Korea");
    // When the longest is written wrongly, a shorter name at the same
    // place is found.
    let found = gazetteer.find("“Crossing” borders on the unbearable.");
    assert_eq!(found[0].written, "Crossing");
    assert!(found[0].quoted);
}

#[test]
fn films_that_share_a_title_are_told_apart() {
    let demo = Demo::load();
    let mut entries = demo.entries.clone();
    entries.push(NameEntry {
        kind: EntityKind::Film,
        id: EntityId::parse("crossing-2007").unwrap(),
        name: "Crossing".to_owned(),
    });
    let gazetteer = Gazetteer::new(entries);
    let mut years = demo.years.clone();
    years.insert(key(EntityKind::Film, "crossing-2007"), 2007);
    let run = |text: &str| {
        propose(
            &gazetteer.find(text),
            &|a, b| demo.links.contains(&(a.clone(), b.clone())),
            &|entity| years.get(entity).copied(),
        )
    };
    // By the year after the title.
    let proposals = run("Crossing (2007) opened in Los Angeles.");
    assert_eq!(ids(&proposals), ["crossing-2007"]);
    assert_eq!(proposals[0].confidence, Confidence::High);
    assert_eq!(proposals[0].reason, "“Crossing” followed by (2007)");
    // By its director, named in another spelling.
    let proposals = run("Tae-kyun Kim shot Crossing in secret.");
    assert_eq!(ids(&proposals), ["kim-tae-kyun", "crossing-2008"]);
    assert_eq!(proposals[1].confidence, Confidence::High);
    // A later mention follows the first.
    let proposals = run("“Crossing” (2008) opened. Crossing is a drama.");
    assert_eq!(ids(&proposals), ["crossing-2008"]);
    assert_eq!(proposals[0].count, 2);
    // Nothing to choose by: the first, with medium confidence.
    let proposals = run("Critics loved “Crossing”.");
    assert_eq!(ids(&proposals), ["crossing-2008"]);
    assert_eq!(proposals[0].confidence, Confidence::Medium);
    assert_eq!(
        proposals[0].reason,
        "in quotes as “Crossing”; 1 other shares the name"
    );
}

#[test]
fn a_year_in_parentheses_weighs_as_the_catalog_dates_the_film() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    let found = gazetteer.find("Matador (2022) is a comedy.");
    let run = |year: Option<i32>| {
        propose(&found, &|_, _| false, &|_| year)
            .into_iter()
            .map(|p| (p.id.as_str().to_owned(), p.confidence, p.reason))
            .collect::<Vec<_>>()
    };
    let matador = || "matador".to_owned();
    assert_eq!(
        run(Some(2022)),
        [(
            matador(),
            Confidence::High,
            "“Matador” followed by (2022)".to_owned()
        )]
    );
    // The demo catalog gives Matador no year.
    assert_eq!(
        run(None),
        [(
            matador(),
            Confidence::Medium,
            "“Matador” followed by (2022), a year the catalog does not give".to_owned()
        )]
    );
    assert_eq!(
        run(Some(1986)),
        [(
            matador(),
            Confidence::Low,
            "“Matador” followed by (2022), but the catalog dates it otherwise".to_owned()
        )]
    );
    // Without the year, a lone word is dropped.
    let found = gazetteer.find("Matador is a comedy.");
    assert!(propose(&found, &|_, _| false, &|_| Some(2022)).is_empty());
    // An acronym written as the catalog writes it: low, for the editor
    // to check.
    let proposals = demo.propose(&gazetteer, "The film was shown on CBS.");
    assert_eq!(ids(&proposals), ["cbs"]);
    assert_eq!(proposals[0].confidence, Confidence::Low);
}

#[test]
fn a_forum_post_with_hangul_and_latin_names() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    let text = "Director : Kim Tae Gyoon 김태균\n\n\
                Cast : Cha In Pyo 차인표, Shin Myung Chul 신명철\n\n\
                16 Crossing 김태성";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(
        ids(&proposals),
        [
            "kim-tae-kyun",
            "cha-in-pyo",
            "shin-myung-chul",
            "crossing-2008",
            "kim-tae-seong"
        ]
    );
    assert_eq!(
        proposal(&proposals, "kim-tae-kyun").spellings,
        ["Kim Tae Gyoon", "김태균"]
    );
    assert_eq!(
        proposal(&proposals, "crossing-2008").reason,
        "linked to Kim Tae Gyoon, named here"
    );
}

#[test]
fn a_bare_surname_counts_only_for_one_person() {
    let demo = Demo::load();
    let gazetteer = demo.gazetteer();
    // The Korea Herald, 19 March 2008.
    let text = "\"Crossing\" director Kim Tae-kyun and lead actor Cha In-pyo finally \
                disclosed the plot. \"This movie is about a man,\" Cha said. Kim said the \
                staff had met defectors. Cha, who is also widely recognized in China, \
                declined.";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(
        ids(&proposals),
        ["crossing-2008", "kim-tae-kyun", "cha-in-pyo"]
    );
    assert_eq!(proposal(&proposals, "cha-in-pyo").count, 3);
    assert_eq!(proposal(&proposals, "kim-tae-kyun").count, 2);
    assert_eq!(proposal(&proposals, "cha-in-pyo").spellings, ["Cha In-pyo"]);
    // Two Kims named in full: a bare Kim is neither.
    let text = "Kim Tae-kyun met Kim Sung-min. Kim said nothing.";
    let proposals = demo.propose(&gazetteer, text);
    assert!(proposals.iter().all(|p| p.count == 1), "{proposals:#?}");
    // A surname followed by a given name is someone else's name.
    let found = gazetteer.find("Cha In-pyo plays Kim Yong-soo.");
    let hows: Vec<Matched> = found.iter().map(|f| f.how).collect();
    assert_eq!(hows, [Matched::Exact, Matched::OtherName], "{found:#?}");
    assert_eq!(found[1].written, "Kim Yong-soo");
    // The Chosun Ilbo, 30 April 2008: the character's wife is not Kim
    // Sung-min's.
    let text = "Kim Sung-min, a former North Korean refugee, attended. The audience \
                wept as Kim Yong-soo (Cha In-pyo) leaves his wife. More tears came as \
                Kim's wife succumbed. Cha said little.";
    let proposals = demo.propose(&gazetteer, text);
    assert_eq!(ids(&proposals), ["kim-sung-min", "cha-in-pyo"]);
    assert_eq!(proposal(&proposals, "kim-sung-min").count, 1);
    assert_eq!(proposal(&proposals, "cha-in-pyo").count, 2);
}

#[test]
fn an_empty_gazetteer_finds_nothing() {
    let gazetteer = Gazetteer::new(Vec::new());
    assert!(gazetteer.is_empty());
    assert_eq!(gazetteer.len(), 0);
    assert!(gazetteer.find("Crossing (2008), “Lost”, 김태균").is_empty());
    assert!(propose(&[], &|_, _| false, &|_| None).is_empty());
}

/// Pseudo-words from a counter: `Kavelo`, `Minaru`…
fn word(mut n: u64) -> String {
    const SYLLABLES: &[&str] = &[
        "ka", "ve", "lo", "mi", "na", "ru", "so", "te", "bi", "gu", "da", "ne", "po", "ri", "za",
        "fo", "le", "xu", "ha", "jo",
    ];
    let mut word = String::new();
    for _ in 0..4 {
        word.push_str(SYLLABLES[(n % SYLLABLES.len() as u64) as usize]);
        n /= SYLLABLES.len() as u64;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}

#[test]
fn a_hundred_thousand_names() {
    let mut entries = Vec::new();
    for n in 0..100_000u64 {
        let (kind, name) = if n % 4 == 0 {
            let surname = word(n * 31 % 160_000);
            (EntityKind::Person, format!("{} {surname}", word(n)))
        } else {
            let second = word(n * 7919 % 160_000);
            (EntityKind::Film, format!("The {} {second}", word(n)))
        };
        entries.push(NameEntry {
            kind,
            id: EntityId::parse(&format!("e-{n}")).unwrap(),
            name,
        });
    }
    let wanted = [5u64, 12_345, 99_999, 40_000];
    let names: Vec<String> = wanted
        .iter()
        .map(|&n| entries[n as usize].name.clone())
        .collect();
    let gazetteer = Gazetteer::new(entries);
    assert_eq!(gazetteer.len(), 100_000);
    let text = format!(
        "In {} ({}), a film by {} with {}, the heroes meet {}.",
        names[0], "1999", names[3], names[1], names[2]
    );
    let found = gazetteer.find(&text);
    for (n, name) in wanted.iter().zip(&names) {
        let f = found
            .iter()
            .find(|f| &f.written == name)
            .unwrap_or_else(|| panic!("{name} not found in {found:#?}"));
        assert!(
            f.candidates
                .iter()
                .any(|(_, id)| id.as_str() == format!("e-{n}")),
            "{name}: {f:#?}"
        );
    }
    assert_eq!(found[0].year_after, Some(1999));
}

#[test]
fn confirmed_spellings_become_links_in_the_text() {
    let targets = vec![
        vec!["Kim Tae-gyoon".to_owned(), "김태균".to_owned()],
        vec!["Crossing".to_owned()],
    ];
    let pieces = link_spellings(
        "\"Crossing\" by Kim Tae-gyoon (김태균은) opens; Crossings and crossing do not.",
        &targets,
    );
    let linked: Vec<(&str, usize)> = pieces
        .iter()
        .filter_map(|(text, owner)| owner.map(|owner| (*text, owner)))
        .collect();
    assert_eq!(
        linked,
        [("Crossing", 1), ("Kim Tae-gyoon", 0), ("김태균", 0)]
    );
    let whole: String = pieces.iter().map(|(text, _)| *text).collect();
    assert!(whole.starts_with("\"Crossing\" by"));
    assert_eq!(
        link_spellings("nothing here", &[]),
        [("nothing here", None)]
    );
}

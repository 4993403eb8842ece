//! Folding of names for the plain search: one key per spelling, so that
//! `Kim Tae Gyoon`, `KIM Tae-gyoon` and `kim taegyoon` meet.
//!
//! [`person_keys`] goes further for people: the keys under which a name is
//! found in every script and spelling (Hangul, Revised Romanization,
//! McCune–Reischauer, newspaper spellings, either name order).

pub use crate::accents::fold_accents;

/// Drops apostrophes, which McCune–Reischauer writes inside words
/// (`T'ae-gyun`, `p'yo`): they join, they do not separate.
pub fn drop_apostrophes(text: &str) -> String {
    text.replace(['\'', '’', 'ʼ', '`'], "")
}

/// Lowercase, accent-free, punctuation turned into single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in fold_accents(text).chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            folded.push(c);
        } else if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    folded.trim_end().to_owned()
}

/// The folded name without spaces: `kim tae gyoon` → `kimtaegyoon`.
pub fn compact(text: &str) -> String {
    fold(text).replace(' ', "")
}

/// The keys a person's name is found under: two names that share a key are
/// spellings of one name. `Kim Tae-kyun`, `Kim Tae Gyoon`, `Tae-gyun Kim`,
/// `Gim Taegyun` and `김태균` share `ko 김 tekyon`; every name also has its
/// words in any order (`herzog werner`).
pub fn person_keys(name: &str) -> Vec<String> {
    use crate::korean::{System, fold_romanized, given_name, split_name, surnames_spelled};
    let mut keys = std::collections::BTreeSet::new();
    if let Some((surname, given)) =
        split_name(name).filter(|(surname, _)| crate::korean::is_surname(surname))
    {
        for system in [System::RevisedRomanization, System::McCuneReischauer] {
            keys.insert(format!(
                "ko {surname} {}",
                fold_romanized(&given_name(given, system))
            ));
        }
    }
    // McCune–Reischauer's apostrophes (T'ae, p'yo) are within a word.
    let name = drop_apostrophes(name);
    let folded = fold(&name);
    let words: Vec<&str> = folded.split(' ').filter(|word| !word.is_empty()).collect();
    // Words as written, hyphens kept: a hyphenated word (Tae-kyun) is a
    // given name, never a surname.
    let written: Vec<&str> = name.split_whitespace().collect();
    if written.len() >= 2 {
        // Surname first or last, the given name in one or more words.
        let readings = [
            (written[0], &written[1..]),
            (written[written.len() - 1], &written[..written.len() - 1]),
        ];
        for (surname, given) in readings {
            if surname.contains('-') {
                continue;
            }
            for hangul in surnames_spelled(&compact(surname)) {
                keys.insert(format!("ko {hangul} {}", fold_romanized(&given.concat())));
            }
        }
    }
    if !words.is_empty() {
        let mut sorted = words.clone();
        sorted.sort_unstable();
        keys.insert(sorted.join(" "));
    }
    keys.into_iter().collect()
}

/// The keys any name or title is found under: a person's keys (above), and
/// for Hangul text its Revised Romanization and McCune–Reischauer
/// (`크로싱` is also `keurosing` and `kurosing`).
pub fn name_keys(text: &str) -> Vec<String> {
    use crate::korean::{Style, System, has_hangul, romanize};
    let mut keys = person_keys(text);
    if has_hangul(text) {
        for system in [System::RevisedRomanization, System::McCuneReischauer] {
            let romanized = romanize(text, system, Style::Word);
            let folded = fold(&drop_apostrophes(&romanized));
            let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
            words.sort_unstable();
            keys.push(words.join(" "));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Whether a character is written in a script without spaces between
/// words, or with few: Hangul (syllables and jamo), Han, kana, as Unicode
/// assigns scripts. A letter the kana share (the long vowel mark `ー`)
/// counts as theirs.
pub fn is_cjk(c: char) -> bool {
    use unicode_script::{Script, UnicodeScript};
    const CJK: [Script; 4] = [
        Script::Hangul,
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
    ];
    match c.script() {
        Script::Common | Script::Inherited => {
            let shared = c.script_extension();
            c.is_alphabetic()
                && !shared.is_common()
                && !shared.is_inherited()
                && CJK.iter().any(|&script| shared.contains_script(script))
        }
        script => CJK.contains(&script),
    }
}

/// Overlapping pairs of characters of each run of Hangul, Han or kana
/// (`크로싱` → `크로`, `로싱`); a run of one character is itself. Text in
/// these scripts is found by any part of it, spaces or not.
pub fn cjk_bigrams(text: &str) -> Vec<String> {
    let mut grams = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, grams: &mut Vec<String>| {
        match run.len() {
            0 => {}
            1 => grams.push(run[0].to_string()),
            _ => grams.extend(run.windows(2).map(|pair| pair.iter().collect::<String>())),
        }
        run.clear();
    };
    for c in fold(text).chars() {
        if is_cjk(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut grams);
        }
    }
    flush(&mut run, &mut grams);
    grams.sort();
    grams.dedup();
    grams
}

/// The words a name is searched by, one by one: its folded words, with
/// McCune–Reischauer's apostrophes dropped inside a word (`T'ae-gyun` →
/// `tae`, `gyun`), and for Hangul also the words of its Revised
/// Romanization and McCune–Reischauer (`크로싱` → `크로싱`, `keurosing`,
/// `kurosing`).
pub fn search_words(text: &str) -> Vec<String> {
    use crate::korean::{Style, System, has_hangul, romanize};
    let text = drop_apostrophes(text);
    let mut words: Vec<String> = fold(&text).split(' ').map(str::to_owned).collect();
    if has_hangul(&text) {
        for system in [System::RevisedRomanization, System::McCuneReischauer] {
            let romanized = drop_apostrophes(&romanize(&text, system, Style::Word));
            words.extend(fold(&romanized).split(' ').map(str::to_owned));
        }
    }
    words.retain(|word| !word.is_empty());
    let mut seen = std::collections::HashSet::new();
    words.retain(|word| seen.insert(word.clone()));
    words
}

/// Whether two names are spellings of one name.
pub fn same_person_name(a: &str, b: &str) -> bool {
    let keys = person_keys(a);
    person_keys(b).iter().any(|key| keys.contains(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, folded: &str, compacted: &str) {
        assert_eq!(fold(input), folded, "fold({input})");
        assert_eq!(compact(input), compacted, "compact({input})");
    }

    #[test]
    fn spellings_of_one_name_fold_together() {
        check("Kim Tae-gyoon", "kim tae gyoon", "kimtaegyoon");
        check("Kim Tae Gyoon", "kim tae gyoon", "kimtaegyoon");
        check("KIM Tae-kyun", "kim tae kyun", "kimtaekyun");
        check("Wertmüller", "wertmuller", "wertmuller");
        check("Nigel D'Sa", "nigel d sa", "nigeldsa");
        check("크로싱", "크로싱", "크로싱");
        check("渡江(도강)", "渡江 도강", "渡江도강");
        check(
            "  The Defector: Escape from North Korea ",
            "the defector escape from north korea",
            "thedefectorescapefromnorthkorea",
        );
    }

    /// Every spelling in the seed pages, and the ones newspapers, IMDb and
    /// Wikidata use, of one person each.
    #[test]
    fn spellings_of_one_person_share_a_key() {
        let people: &[&[&str]] = &[
            &[
                "Kim Tae-gyun",
                "Kim Tae-kyun",
                "Kim Tae Gyoon",
                "김태균",
                "Gim Tae-gyun",
                "Tae-kyun Kim",
                "KIM Taegyun",
                "Kim T'ae-gyun",
            ],
            &[
                "Shin Myung-chul",
                "Shin Myeong-cheol",
                "Shin Myoung-cheol",
                "신명철",
                "Sin Myŏng-ch'ŏl",
                "Myung-chul Shin",
            ],
            &[
                "Cha In-pyo",
                "Cha In Pyo",
                "차인표",
                "Ch'a In-p'yo",
                "In-pyo Cha",
            ],
            &["Kim Tae-sung", "Kim Tae-seong", "김태성", "Kim T'ae-sŏng"],
            &[
                "Park Chan-wook",
                "Bak Chan-uk",
                "박찬욱",
                "Pak Ch'an-uk",
                "Chan-wook Park",
            ],
            &[
                "Lee Chang-dong",
                "Yi Chang-dong",
                "이창동",
                "Rhee Chang-dong",
                "I Ch'ang-dong",
            ],
            &["Choi Min-sik", "Choe Min-sik", "최민식"],
            &["Jung Woo-sung", "Jeong U-seong", "정우성", "Chung Woo-sung"],
            &["Bong Joon-ho", "Bong Jun-ho", "봉준호", "Pong Chun-ho"],
            // Spellings of the Wikidata fixture, as the people use them.
            &["Yum Jung-ah", "Yeom Jeong-a", "염정아"],
            &["Youn Yuh-jung", "Yun Yŏ-jŏng", "윤여정"],
            &["Kim Ok-vin", "Kim Ok-bin", "김옥빈"],
            &["Kim Eui-sung", "Kim Ui-seong", "김의성"],
            &["Lina Wertmüller", "Lina Wertmuller", "Wertmüller Lina"],
        ];
        for spellings in people {
            for a in *spellings {
                for b in *spellings {
                    assert!(
                        same_person_name(a, b),
                        "`{a}` and `{b}` should meet: {:?} / {:?}",
                        person_keys(a),
                        person_keys(b)
                    );
                }
            }
        }
    }

    #[test]
    fn hangul_titles_are_found_by_their_romanizations() {
        let keys = name_keys("크로싱");
        for key in ["keurosing", "kurosing", "크로싱"] {
            assert!(keys.contains(&key.to_owned()), "{key} not in {keys:?}");
        }
        assert!(
            !keys.iter().any(|key| key.starts_with("ko ")),
            "크 is no surname: {keys:?}"
        );
    }

    #[test]
    fn hangul_han_and_kana_are_told_by_their_script() {
        for c in ['크', 'ᄀ', 'ㄱ', '渡', '々', 'ゆ', 'カ', 'ー', 'ｶ'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['C', 'ü', '2', '２', '・', '、', ' ', 'Д'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn cjk_text_is_cut_into_pairs() {
        let cases: &[(&str, &[&str])] = &[
            ("크로싱", &["로싱", "크로"]),
            ("김", &["김"]),
            ("渡江(도강)", &["渡江", "도강"]),
            ("탈북 소년", &["소년", "탈북"]),
            ("ゆれる", &["ゆれ", "れる"]),
            ("メール", &["メー", "ール"]),
            ("Crossing", &[]),
        ];
        for (text, grams) in cases {
            assert_eq!(cjk_bigrams(text), *grams, "{text}");
        }
    }

    #[test]
    fn words_of_a_name_include_its_romanizations() {
        let cases: &[(&str, &[&str])] = &[
            ("Kim T'ae-gyun", &["kim", "tae", "gyun"]),
            ("크로싱", &["크로싱", "keurosing", "kurosing"]),
            ("Wertmüller, Lina", &["wertmuller", "lina"]),
        ];
        for (text, words) in cases {
            assert_eq!(search_words(text), *words, "{text}");
        }
    }

    #[test]
    fn different_people_do_not_share_a_key() {
        for (a, b) in [
            ("Kim Tae-kyun", "Kim Tae-sung"),
            ("김태균", "김태성"),
            ("Park Chan-wook", "Park Chan-ho"),
            ("Shin Myung-chul", "Shin Min-chul"),
            ("Cha In-pyo", "Cho In-pyo"),
            ("Werner Herzog", "Werner Schroeter"),
            // Read surname last, this would be 지 Kimin.
            ("Gim Min-ji", "Kim In ji"),
        ] {
            assert!(
                !same_person_name(a, b),
                "`{a}` and `{b}` should not meet: {:?} / {:?}",
                person_keys(a),
                person_keys(b)
            );
        }
    }
}

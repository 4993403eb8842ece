//! Hangul in Latin letters: Revised Romanization (South Korea's standard
//! since 2000) and McCune–Reischauer (the older system, still used by
//! libraries and in North Korea's own variant), with the sound changes
//! between syllables that decide how a word is spelled.
//!
//! Written here because the field has no library that fits: the one Hangul
//! romanization crate found is GPL-3.0 and does Revised Romanization only.
//! The rules follow the published standards (the Ministry of Culture's
//! Romanization of Korean, 2000; McCune and Reischauer, 1939, as the Library
//! of Congress applies it).
//!
//! Two styles:
//!
//! - [`Style::Word`]: a word or title, with the sound changes across
//!   syllables (liaison, nasalization, the ㄹ rules): 독립문 → dongnimmun.
//! - [`Style::Name`]: a person's name, surname first. The surname is set
//!   apart and capitalized; the given name is spelled syllable by syllable
//!   without sound changes, as both standards ask for names: 김태균 →
//!   Gim Taegyun (RR), Kim T'aegyun (MR).
//!
//! Text that is not Hangul passes through unchanged.

/// How to romanize: a word, with sound changes, or a person's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Word,
    Name,
}

/// The romanization systems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    RevisedRomanization,
    McCuneReischauer,
}

const FIRST_SYLLABLE: u32 = 0xAC00;
const LAST_SYLLABLE: u32 = 0xD7A3;

/// A Hangul syllable's jamo: initial (0–18), vowel (0–20), final (0–27,
/// 0 for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Syllable {
    pub initial: usize,
    pub vowel: usize,
    pub last: usize,
}

/// The jamo of a precomposed Hangul syllable (가–힣).
pub fn syllable(c: char) -> Option<Syllable> {
    let code = c as u32;
    if !(FIRST_SYLLABLE..=LAST_SYLLABLE).contains(&code) {
        return None;
    }
    let index = (code - FIRST_SYLLABLE) as usize;
    Some(Syllable {
        initial: index / (21 * 28),
        vowel: (index % (21 * 28)) / 28,
        last: index % 28,
    })
}

/// Whether the text holds a Hangul syllable.
pub fn has_hangul(text: &str) -> bool {
    text.chars().any(|c| syllable(c).is_some())
}

// Initials: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
const G: usize = 0;
const N: usize = 2;
const D: usize = 3;
const R: usize = 5;
const M: usize = 6;
const B: usize = 7;
const S: usize = 9;
const SILENT: usize = 11;
const J: usize = 12;
const H: usize = 18;

const RR_INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
/// McCune–Reischauer initials where they are voiceless (at the start of a
/// word, after k, t, p); voiced forms are in `MR_VOICED`.
const MR_INITIALS: [&str; 19] = [
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'",
    "p'", "h",
];

const RR_VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const MR_VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we",
    "wi", "yu", "ŭ", "ŭi", "i",
];

// Finals: (none) ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ
/// The sound a final has before a pause or a consonant: one of the seven
/// codas, as an index into `CODAS`.
const CODA_OF_FINAL: [usize; 28] = [
    0, 1, 1, 1, 2, 2, 2, 3, 4, 1, 5, 4, 4, 4, 6, 4, 5, 6, 6, 3, 3, 7, 3, 3, 1, 3, 6, 3,
];
/// The seven codas: none, k, n, t, l, m, p, ng (the same letters in both
/// systems).
const NO_CODA: usize = 0;
const CODA_K: usize = 1;
const CODA_N: usize = 2;
const CODA_T: usize = 3;
const CODA_L: usize = 4;
const CODA_M: usize = 5;
const CODA_P: usize = 6;
const CODA_NG: usize = 7;
const RR_CODAS: [&str; 8] = ["", "k", "n", "t", "l", "m", "p", "ng"];

/// A final that moves to the next syllable when that one begins with a
/// silent ㅇ (liaison): the initial it becomes, and the coda left behind (a
/// double final keeps its first consonant).
fn liaison(last: usize) -> Option<(usize, usize)> {
    Some(match last {
        1 => (NO_CODA, G),
        2 => (NO_CODA, 1), // ㄲ
        3 => (CODA_K, S),  // ㄳ
        4 => (NO_CODA, N),
        5 => (CODA_N, J),  // ㄵ
        6 => (NO_CODA, N), // ㄶ: ㅎ falls silent
        7 => (NO_CODA, D),
        8 => (NO_CODA, R),
        9 => (CODA_L, G),   // ㄺ
        10 => (CODA_L, M),  // ㄻ
        11 => (CODA_L, B),  // ㄼ
        12 => (CODA_L, S),  // ㄽ
        13 => (CODA_L, 16), // ㄾ
        14 => (CODA_L, 17), // ㄿ
        15 => (NO_CODA, R), // ㅀ
        16 => (NO_CODA, M),
        17 => (NO_CODA, B),
        18 => (CODA_P, S), // ㅄ
        19 => (NO_CODA, S),
        20 => (NO_CODA, 10), // ㅆ
        22 => (NO_CODA, J),
        23 => (NO_CODA, 14),     // ㅊ
        24 => (NO_CODA, 15),     // ㅋ
        25 => (NO_CODA, 16),     // ㅌ
        26 => (NO_CODA, 17),     // ㅍ
        27 => (NO_CODA, SILENT), // ㅎ falls silent
        _ => return None,        // none, ㅇ
    })
}

/// Surnames of two syllables; any other surname is one syllable.
const DOUBLE_SURNAMES: &[&str] = &[
    "남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금", "망절",
];

/// Romanizes `text` in `system` and `style`. Runs of Hangul are romanized;
/// everything else is kept.
pub fn romanize(text: &str, system: System, style: Style) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut run: Vec<Syllable> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        match syllable(c) {
            Some(s) => {
                run.push(s);
                word.push(c);
            }
            None => {
                if !run.is_empty() {
                    out.push_str(&romanize_run(&word, &run, system, style));
                    run.clear();
                    word.clear();
                }
                out.push(c);
            }
        }
    }
    if !run.is_empty() {
        out.push_str(&romanize_run(&word, &run, system, style));
    }
    out
}

/// Revised Romanization of a word or title.
pub fn revised(text: &str) -> String {
    romanize(text, System::RevisedRomanization, Style::Word)
}

/// McCune–Reischauer of a word or title.
pub fn mccune_reischauer(text: &str) -> String {
    romanize(text, System::McCuneReischauer, Style::Word)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn romanize_run(word: &str, run: &[Syllable], system: System, style: Style) -> String {
    match style {
        Style::Word => spell(run, system, true),
        Style::Name => {
            // A name of one syllable, or one that is all surname, has no
            // given name to set apart.
            let surname_length = if run.len() > 2
                && DOUBLE_SURNAMES
                    .iter()
                    .any(|surname| word.starts_with(surname))
            {
                2
            } else {
                1
            };
            if run.len() <= surname_length {
                return capitalize(&spell(run, system, false));
            }
            let (surname, given) = run.split_at(surname_length);
            format!(
                "{} {}",
                capitalize(&spell(surname, system, false)),
                capitalize(&spell_given(given, system))
            )
        }
    }
}

/// A Hangul name split into surname and given name (`남궁민` → `남궁`,
/// `민`); None when it is not a Hangul name of two syllables or more.
pub fn split_name(name: &str) -> Option<(&str, &str)> {
    let name = name.trim();
    if name.chars().count() < 2 || !name.chars().all(|c| syllable(c).is_some()) {
        return None;
    }
    let surname_bytes = DOUBLE_SURNAMES
        .iter()
        .find(|surname| name.starts_with(**surname) && name.chars().count() > 2)
        .map(|surname| surname.len())
        .unwrap_or_else(|| name.chars().next().map_or(0, char::len_utf8));
    Some(name.split_at(surname_bytes))
}

/// A given name in Latin letters, syllable by syllable, as names are
/// written: 태균 → taegyun (RR), t'aegyun (MR).
pub fn given_name(hangul: &str, system: System) -> String {
    let run: Vec<Syllable> = hangul.chars().filter_map(syllable).collect();
    spell_given(&run, system)
}

/// A given name (or a surname): syllable by syllable, without sound changes
/// between them, except that McCune–Reischauer voices a plain consonant
/// after a voiced sound, as it does everywhere (T'aegyun, not T'aekyun).
fn spell_given(run: &[Syllable], system: System) -> String {
    let mut out = String::new();
    for (index, s) in run.iter().enumerate() {
        let previous_coda = index
            .checked_sub(1)
            .map(|previous| CODA_OF_FINAL[run[previous].last]);
        out.push_str(&initial(s.initial, previous_coda, system));
        out.push_str(vowel(s.vowel, system));
        out.push_str(RR_CODAS[CODA_OF_FINAL[s.last]]);
    }
    out
}

/// Spells a run of syllables, with the sound changes between them when
/// `changes` is set (words), or each syllable on its own (surnames).
fn spell(run: &[Syllable], system: System, changes: bool) -> String {
    if !changes {
        return spell_given(run, system);
    }
    // Work on (initial, vowel, coda) with codas already reduced, then apply
    // the changes at each boundary.
    let mut initials: Vec<usize> = run.iter().map(|s| s.initial).collect();
    let mut codas: Vec<usize> = run.iter().map(|s| CODA_OF_FINAL[s.last]).collect();
    for index in 0..run.len().saturating_sub(1) {
        let next = index + 1;
        let last = run[index].last;
        if initials[next] == SILENT {
            if let Some((left, moved)) = liaison(last) {
                codas[index] = left;
                initials[next] = moved;
            }
            continue;
        }
        // ㅎ final before ㄱ ㄷ ㅈ: aspirates them.
        if matches!(last, 6 | 15 | 27) {
            let aspirated = match initials[next] {
                G => Some(15),
                D => Some(16),
                J => Some(14),
                _ => None,
            };
            if let Some(aspirated) = aspirated {
                initials[next] = aspirated;
                codas[index] = match last {
                    6 => CODA_N,
                    15 => CODA_L,
                    _ => NO_CODA,
                };
                continue;
            }
        }
        // ㄱ ㄷ ㅂ before ㅎ: aspirated in McCune–Reischauer (and spoken);
        // Revised Romanization writes them as k, t, p + h.
        if initials[next] == H && matches!(codas[index], CODA_K | CODA_T | CODA_P) {
            if system == System::McCuneReischauer {
                initials[next] = match codas[index] {
                    CODA_K => 15,
                    CODA_T => 16,
                    _ => 17,
                };
                codas[index] = NO_CODA;
            }
            continue;
        }
        // ㄹ after a consonant other than ㄴ, ㄹ is n; ㄴ + ㄹ and ㄹ + ㄴ
        // are ll.
        if initials[next] == R {
            match codas[index] {
                NO_CODA | CODA_L => {}
                CODA_N => codas[index] = CODA_L,
                _ => initials[next] = N,
            }
        } else if initials[next] == N && codas[index] == CODA_L {
            initials[next] = R;
        }
        // Nasalization: k, t, p before n, m become ng, n, m.
        if matches!(initials[next], N | M) {
            codas[index] = match codas[index] {
                CODA_K => CODA_NG,
                CODA_T => CODA_N,
                CODA_P => CODA_M,
                other => other,
            };
        }
    }
    let mut out = String::new();
    for (index, s) in run.iter().enumerate() {
        let previous_coda = index.checked_sub(1).map(|previous| codas[previous]);
        let mut start = initial(initials[index], previous_coda, system);
        // ㄹ + ㄹ is ll.
        if initials[index] == R && previous_coda == Some(CODA_L) {
            start = "l".into();
        }
        // McCune–Reischauer marks n + g (not ng) with an apostrophe: Han'guk.
        if system == System::McCuneReischauer
            && previous_coda == Some(CODA_N)
            && start.starts_with('g')
        {
            start.insert(0, '\'');
        }
        out.push_str(&start);
        out.push_str(vowel(s.vowel, system));
        out.push_str(RR_CODAS[codas[index]]);
    }
    out
}

fn vowel(index: usize, system: System) -> &'static str {
    match system {
        System::RevisedRomanization => RR_VOWELS[index],
        System::McCuneReischauer => MR_VOWELS[index],
    }
}

/// An initial, after the previous syllable's coda (None at the start).
fn initial(index: usize, previous_coda: Option<usize>, system: System) -> String {
    match system {
        System::RevisedRomanization => {
            // ㄹ at the start of a word is r in Revised Romanization too.
            RR_INITIALS[index].to_owned()
        }
        System::McCuneReischauer => {
            // Voiced between voiced sounds: after a vowel or n, l, m, ng.
            let voiced = matches!(
                previous_coda,
                Some(NO_CODA | CODA_N | CODA_L | CODA_M | CODA_NG)
            );
            let plain = match (index, voiced) {
                (G, true) => "g",
                (D, true) => "d",
                (B, true) => "b",
                (J, true) => "j",
                // ㄹ between vowels is r, after l it is l (handled by the
                // caller), elsewhere at the start of a word r.
                _ => MR_INITIALS[index],
            };
            plain.to_owned()
        }
    }
}

/// Korean surnames with the spellings they are found under: Revised
/// Romanization, McCune–Reischauer, and the spellings of passports,
/// newspapers, IMDb and Wikidata (after the National Institute of Korean
/// Language's surname romanization survey and common usage). North Korean
/// forms with initial ㄹ (리, 림, 로, 류, 라) are listed under the southern
/// surname they spell.
pub const SURNAMES: &[(&str, &[&str])] = &[
    ("김", &["kim", "gim", "ghim"]),
    (
        "이",
        &["lee", "yi", "rhee", "i", "ri", "rhie", "yee", "lie", "li"],
    ),
    ("박", &["park", "pak", "bak", "bahk", "pack"]),
    ("최", &["choi", "choe", "choy"]),
    (
        "정",
        &["jung", "jeong", "chung", "cheong", "joung", "chong"],
    ),
    ("강", &["kang", "gang"]),
    ("조", &["cho", "jo", "joe", "chough"]),
    ("윤", &["yoon", "yun", "youn"]),
    ("장", &["jang", "chang"]),
    ("임", &["lim", "im", "rim", "yim", "leem"]),
    ("한", &["han", "hahn"]),
    ("오", &["oh", "o"]),
    ("서", &["seo", "suh", "so", "seoh"]),
    ("신", &["shin", "sin", "shinn"]),
    ("권", &["kwon", "gwon", "kweon"]),
    ("황", &["hwang", "whang"]),
    ("안", &["ahn", "an"]),
    ("송", &["song"]),
    ("류", &["ryu", "yoo", "yu", "ryoo", "rew"]),
    ("유", &["yoo", "yu", "you"]),
    ("전", &["jeon", "jun", "chun", "chon", "jeun"]),
    ("홍", &["hong"]),
    ("고", &["ko", "go", "koh"]),
    ("문", &["moon", "mun"]),
    ("양", &["yang", "ryang"]),
    ("손", &["son", "sohn"]),
    ("배", &["bae", "pae", "bai"]),
    ("백", &["baek", "paek", "paik", "baik", "back"]),
    ("허", &["heo", "hur", "huh", "ho"]),
    ("남", &["nam"]),
    ("심", &["shim", "sim"]),
    ("노", &["noh", "roh", "no", "ro"]),
    ("하", &["ha"]),
    ("곽", &["kwak", "gwak"]),
    ("성", &["sung", "seong", "song"]),
    ("차", &["cha"]),
    ("주", &["joo", "ju", "chu", "choo"]),
    ("우", &["woo", "u"]),
    ("구", &["koo", "gu", "ku", "goo"]),
    ("민", &["min"]),
    ("진", &["jin", "chin"]),
    ("나", &["na", "ra"]),
    ("지", &["ji", "chi"]),
    ("엄", &["eom", "um", "om"]),
    ("채", &["chae", "chai"]),
    ("원", &["won", "weon"]),
    ("천", &["cheon", "chun", "chon"]),
    ("방", &["bang", "pang"]),
    ("공", &["kong", "gong"]),
    ("현", &["hyun", "hyeon", "hyon"]),
    ("함", &["ham"]),
    ("변", &["byun", "byeon", "pyon", "byon"]),
    ("염", &["yeom", "yum", "youm", "yom"]),
    ("여", &["yeo", "yo", "yuh"]),
    ("추", &["choo", "chu"]),
    ("도", &["do", "to", "doh"]),
    ("소", &["so", "soh"]),
    ("석", &["seok", "suk", "sok"]),
    ("선", &["sun", "seon", "son"]),
    ("설", &["seol", "sul", "sol"]),
    ("마", &["ma"]),
    ("길", &["gil", "kil"]),
    ("연", &["yeon", "yun", "youn", "yon"]),
    ("위", &["wi", "wee"]),
    ("표", &["pyo"]),
    ("명", &["myung", "myeong", "myong"]),
    ("기", &["ki", "gi"]),
    ("반", &["ban", "pan"]),
    ("왕", &["wang"]),
    ("금", &["keum", "geum", "kum"]),
    ("옥", &["ok"]),
    ("육", &["yuk", "yook"]),
    ("인", &["in"]),
    ("맹", &["maeng"]),
    ("제", &["je", "che"]),
    ("모", &["mo"]),
    ("탁", &["tak"]),
    ("국", &["kook", "guk", "kuk"]),
    ("은", &["eun", "un"]),
    ("편", &["pyun", "pyeon", "pyon"]),
    ("용", &["yong"]),
    ("예", &["ye"]),
    ("경", &["kyung", "gyeong", "kyong"]),
    ("봉", &["bong", "pong"]),
    ("사", &["sa"]),
    ("부", &["boo", "bu", "pu"]),
    ("황보", &["hwangbo"]),
    ("남궁", &["namgung", "namkung", "namkoong"]),
    ("제갈", &["jegal", "chegal"]),
    ("선우", &["sunwoo", "seonu", "sonu"]),
    ("독고", &["dokgo", "tokko", "dokko"]),
    ("사공", &["sagong", "sakong"]),
];

/// Whether a Hangul text is a surname in [`SURNAMES`].
pub fn is_surname(hangul: &str) -> bool {
    SURNAMES.iter().any(|(surname, _)| *surname == hangul)
}

/// The Hangul surnames a romanized surname may spell (`yu` is 유 or 류).
pub fn surnames_spelled(romanized: &str) -> Vec<&'static str> {
    let romanized = romanized.to_lowercase();
    SURNAMES
        .iter()
        .filter(|(_, spellings)| spellings.contains(&romanized.as_str()))
        .map(|(hangul, _)| *hangul)
        .collect()
}

/// A romanized Korean syllable string folded so that the common spellings
/// of one Hangul name meet: `Tae-kyun`, `Tae-gyun`, `Tae Gyoon`, `T'aegyun`
/// all give `tekyon`. Vowels ㅓ ㅗ ㅜ ㅡ fold together (eo, ŏ, o, u, oo, eu,
/// ŭ), as do plain and voiced consonants (k/g, t/d, p/b, ch/j), r and l,
/// doubled letters, and MR's apostrophes and breves.
pub fn fold_romanized(text: &str) -> String {
    let letters: String = crate::accents::fold_accents(text)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    let mut folded = letters;
    for (from, to) in [
        ("tch", "c"),
        ("ch", "c"),
        ("j", "c"),
        ("sh", "s"),
        ("woo", "u"),
        ("eui", "i"),
        ("ui", "i"),
        ("ee", "i"),
        ("eo", "o"),
        ("ou", "o"),
        ("oo", "o"),
        ("eu", "o"),
        ("u", "o"),
        ("ae", "e"),
        ("ai", "e"),
        ("g", "k"),
        ("d", "t"),
        ("b", "p"),
        ("v", "p"),
        ("r", "l"),
    ] {
        folded = folded.replace(from, to);
    }
    // An h that begins no syllable only lengthens a vowel (Jung-ah, Yuh).
    let letters: Vec<char> = folded.chars().collect();
    let vowel = |c: Option<&char>| c.is_some_and(|c| "aeiouwy".contains(*c));
    let mut out = String::with_capacity(folded.len());
    for (index, c) in letters.iter().enumerate() {
        if *c == 'h' && !vowel(letters.get(index + 1)) {
            continue;
        }
        if !out.ends_with(*c) {
            out.push(*c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rr(hangul: &str, style: Style) -> String {
        romanize(hangul, System::RevisedRomanization, style)
    }

    fn mr(hangul: &str, style: Style) -> String {
        romanize(hangul, System::McCuneReischauer, style)
    }

    #[test]
    fn syllables_decompose_into_their_jamo() {
        assert_eq!(
            syllable('한'),
            Some(Syllable {
                initial: 18,
                vowel: 0,
                last: 4
            })
        );
        assert_eq!(syllable('A'), None);
        assert!(has_hangul("Crossing 크로싱"));
        assert!(!has_hangul("Crossing"));
    }

    /// Words and place names with the spellings the standards give.
    #[test]
    fn words_take_the_sound_changes_between_syllables() {
        let cases = [
            // (Hangul, Revised Romanization, McCune–Reischauer)
            ("크로싱", "keurosing", "k'ŭrosing"),
            ("부산", "busan", "pusan"),
            ("대구", "daegu", "taegu"),
            ("평양", "pyeongyang", "p'yŏngyang"),
            ("조선", "joseon", "chosŏn"),
            ("한국", "hanguk", "han'guk"),
            ("한국어", "hangugeo", "han'gugŏ"),
            ("종로", "jongno", "chongno"),
            ("신라", "silla", "silla"),
            ("독립문", "dongnimmun", "tongnimmun"),
            ("백마", "baengma", "paengma"),
            ("설날", "seollal", "sŏllal"),
            ("압록강", "amnokgang", "amnokkang"),
            ("강남", "gangnam", "kangnam"),
            ("탈북자", "talbukja", "t'albukcha"),
            ("좋고", "joko", "chok'o"),
            ("국경", "gukgyeong", "kukkyŏng"),
            ("중앙", "jungang", "chungang"),
        ];
        for (hangul, revised_form, mr_form) in cases {
            assert_eq!(revised(hangul), revised_form, "RR of {hangul}");
            assert_eq!(mccune_reischauer(hangul), mr_form, "MR of {hangul}");
        }
    }

    /// Names from the seed pages, and well-known ones.
    #[test]
    fn names_set_the_surname_apart_and_spell_the_given_name_as_written() {
        let cases = [
            ("김태균", "Gim Taegyun", "Kim T'aegyun"),
            ("차인표", "Cha Inpyo", "Ch'a Inp'yo"),
            ("신명철", "Sin Myeongcheol", "Sin Myŏngch'ŏl"),
            ("김태성", "Gim Taeseong", "Kim T'aesŏng"),
            ("서영화", "Seo Yeonghwa", "Sŏ Yŏnghwa"),
            ("주다인", "Ju Dain", "Chu Tain"),
            ("김일성", "Gim Ilseong", "Kim Ilsŏng"),
            ("남궁민", "Namgung Min", "Namgung Min"),
            ("박", "Bak", "Pak"),
        ];
        for (hangul, revised_form, mr_form) in cases {
            assert_eq!(rr(hangul, Style::Name), revised_form, "RR of {hangul}");
            assert_eq!(mr(hangul, Style::Name), mr_form, "MR of {hangul}");
        }
    }

    #[test]
    fn other_text_passes_through() {
        assert_eq!(
            revised("Crossing (크로싱, 2008)"),
            "Crossing (keurosing, 2008)"
        );
        assert_eq!(revised("渡江"), "渡江");
    }
}

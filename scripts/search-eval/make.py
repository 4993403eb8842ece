#!/usr/bin/env python3
"""Build tests/fixtures/search-eval.tsv, Kinora's search-quality evaluation set.

Each row is a query a reader might type and the entity they mean:

    category <TAB> query <TAB> kind <TAB> expected_id

Rows come from two data sets:

- the Wikidata fixture (tests/fixtures/wikidata-films, IMDb layout): the
  expected id is the nm…/tt… id as it appears in the files;
- the demo catalog (data/demo/*.json): the expected id is the Kinora id.

Entities are picked with a seeded random generator (random.Random(5)) from
sorted candidate lists, and the Korean names, Hangul spellings and film
titles are listed below as data, so the output is the same on every run:

    python3 scripts/search-eval/make.py

Every row is checked against the data before it is written: the expected id
exists, no other entity of the same kind (in either data set) has the same
folded name (lowercase, accent-free, punctuation-free), and the query does
not fold to another entity's name. Korean names are also compared under a
looser key that merges romanization variants (Jung/Jeong, Soo/Su, k/g …), so
that a name with a near-homonym in the data (Hwang Jung-min and Hwang
Jeong-min are two people) gets no Hangul or variant rows. Typo rows must be
one edit from the intended name and more than one edit from every other
name; partial titles must occur in no other title. "-v" lists the rows that
were left out and why.
"""

import collections
import csv
import glob
import gzip
import json
import os
import random
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "wikidata-films")
DEMO = os.path.join(ROOT, "data", "demo")
OUT = os.path.join(ROOT, "tests", "fixtures", "search-eval.tsv")

CATEGORIES = [
    "exact", "case", "accents", "reversed", "joined", "hangul", "rr", "mr",
    "newspaper", "typo", "title_typo", "partial",
]

# ---------------------------------------------------------------------------
# Folding

# Letters that Unicode decomposition does not reduce to ASCII.
SPECIAL = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "ß": "ss", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ł": "l", "Ł": "L", "ı": "i", "ʻ": "", "ʹ": "", "’": "'", "ǃ": "",
}


def ascii_fold(s):
    """Drop accents, keep case and punctuation: François → Francois."""
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(s):
    """Lowercase, accent-free, punctuation-free, single spaces."""
    s = ascii_fold(s).lower().replace("'", "")
    return " ".join(re.findall(r"[a-z0-9]+", s))


def fold2(s):
    """fold() without spaces: 'Bong Joon-ho' and 'Bong Joonho' agree."""
    return fold(s).replace(" ", "")


# Korean surnames as newspapers and credits spell them, each mapped to one
# key, so that the spellings of one name agree (Park/Pak/Bak, Lee/Yi/Rhee …).
SURNAME_KEY = {}
for key, spellings in {
    "gim": "kim gim", "i": "lee yi i rhee ri rie yee", "bak": "park pak bak bahk",
    "choe": "choi choe chwe", "jeong": "jung jeong chung chong joung jeung",
    "gang": "kang gang", "jo": "cho jo", "yun": "yoon yun youn", "jang": "jang chang",
    "im": "im lim yim", "han": "han", "o": "oh o", "seo": "seo suh so", "sin": "shin sin",
    "gwon": "kwon gwon", "hwang": "hwang", "an": "ahn an", "song": "song",
    "jeon": "jeon jun chun jon chon cheon", "hong": "hong", "yu": "yoo yu ryu ryoo you",
    "go": "ko go koh", "mun": "moon mun", "yang": "yang", "son": "son sohn",
    "bae": "bae pae", "baek": "baek paek baik paik", "heo": "heo hur huh", "nam": "nam",
    "sim": "shim sim", "no": "noh roh no", "ha": "ha", "gwak": "kwak gwak",
    "seong": "sung seong", "cha": "cha", "ju": "joo ju chu choo", "u": "woo u",
    "gu": "koo gu ku", "min": "min", "na": "na ra la", "jin": "jin chin",
    "ji": "ji chi", "eom": "uhm um eom", "won": "won", "gong": "gong kong",
    "hyeon": "hyun hyeon", "byeon": "byun byeon pyon", "yeom": "yum yeom",
    "seol": "sul seol sol", "ma": "ma", "yeon": "yeon yon", "bong": "bong pong",
    "ye": "ye", "cheon": "cheon", "namgung": "namkoong namgoong namgung",
    "do": "do to", "gil": "gil kil", "pyo": "pyo", "chu": "chu", "yeo": "yeo",
}.items():
    for sp in spellings.split():
        SURNAME_KEY.setdefault(sp, key)


def _vowel_class(run):
    """One class for the spellings of a Korean vowel: eo/o/u/oo/eu → O,
    i/ee/ui → I, ae/e → E, a → A; a y glide is kept (yu, yeo, yo → yO)."""
    glide = "y" if re.match(r"w?y.", run) else ""
    core = run.replace("w", "").replace("y", "")
    if not core:
        return "I"
    if "i" in core or core in ("ee", "ea"):
        return glide + "I"
    if core in ("ae", "e", "ai", "oe"):
        return glide + "E"
    if core == "a":
        return glide + "A"
    return glide + "O"


def _syllables_key(piece):
    t = re.sub(r"([aeiou])h(?![aeiouwy])", r"\1", piece)
    for a, b in (("ch", "j"), ("sh", "s"), ("ck", "g"), ("k", "g"), ("t", "d"),
                 ("p", "b"), ("l", "r"), ("c", "j")):
        t = t.replace(a, b)
    t = re.sub(r"w?y?[aeiou]+|[wy]", lambda m: _vowel_class(m.group(0)), t)
    return re.sub(r"([a-z])\1+", r"\1", t)


def korean_keys(s):
    """Keys under which the romanizations of one Korean name agree, or ()
    if the name does not look Korean: the surname's key and the given name's
    syllables with voiced and voiceless consonants merged and vowel spellings
    reduced to classes (Jung/Jeong/Chung, Duk/Deok, Soo/Su). The first key
    keeps the hyphens, the second joins the given name. Names are indexed
    under both and looked up by the first. Used to skip names that have a
    near-homonym in the data."""
    words = ascii_fold(s).lower().replace("'", "").split()
    words = [re.sub(r"[^a-z-]", "", w) for w in words]
    words = [w for w in words if w.strip("-")]
    if len(words) < 2:
        return ()
    if words[0] in SURNAME_KEY:
        sur, given = SURNAME_KEY[words[0]], words[1:]
    elif words[-1] in SURNAME_KEY:
        sur, given = SURNAME_KEY[words[-1]], words[:-1]
    else:
        return ()
    pieces = [p for w in given for p in w.split("-") if p]
    split = sur + "|" + ".".join(_syllables_key(p) for p in pieces)
    joined = sur + "|" + _syllables_key("".join(pieces))
    return (split, joined)


def osa(a, b):
    """Optimal string alignment distance (edits and adjacent swaps)."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    prev2 = None
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[lb]


def deletes(s):
    return {s} | {s[:i] + s[i + 1:] for i in range(len(s))}


# ---------------------------------------------------------------------------
# Hangul romanization (for names: given name syllable by syllable)

RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "",
              "j", "jj", "ch", "k", "t", "p", "h"]
MR_INITIAL = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "",
              "ch", "tch", "ch'", "k'", "t'", "p'", "h"]
MR_VOICED = {0: "g", 3: "d", 7: "b", 12: "j"}
RR_VOWEL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
            "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
MR_VOWEL = ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae",
            "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"]
FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
         "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# Finals after which a plain consonant stays voiced in McCune–Reischauer.
MR_SONORANT_FINAL = {0, 4, 16, 21}          # none, ㄴ, ㅁ, ㅇ
MR_OBSTRUENT_FINAL = {1, 2, 7, 17, 19, 20, 22, 23, 24, 25, 26, 27}
# Conventional McCune–Reischauer spellings of surnames (as the Library of
# Congress writes them) where the plain rules would give something else.
MR_SURNAME = {"이": "Yi"}


def jamo(c):
    i = ord(c) - 0xAC00
    assert 0 <= i < 11172, c
    return i // 588, (i % 588) // 28, i % 28


def rr_syllable(c):
    ini, vow, fin = jamo(c)
    return RR_INITIAL[ini] + RR_VOWEL[vow] + FINAL[fin]


def rr_name(hangul, surname_len=1, hyphen=True):
    """Strict Revised Romanization of a name: 박찬욱 → Bak Chan-uk."""
    sur = "".join(rr_syllable(c) for c in hangul[:surname_len])
    given = [rr_syllable(c) for c in hangul[surname_len:]]
    g = ("-" if hyphen else "").join(given)
    return sur.capitalize() + " " + g.capitalize()


def rr_join_ambiguous(hangul, surname_len=1):
    """Whether the unhyphenated given name could be split two ways."""
    syl = [jamo(c) for c in hangul[surname_len:]]
    for (i1, v1, f1), (i2, v2, f2) in zip(syl, syl[1:]):
        if f1 and i2 == 11:                  # final consonant + vowel
            return True
        if FINAL[f1] in ("n", "ng") and i2 in (0, 18):  # n+g, ng+h …
            return True
        if f1 == 0 and i2 == 11:             # vowel + vowel
            return True
    return False


def mr_syllable(c, prev_final):
    """prev_final: None at the start of a word, else the previous final."""
    ini, vow, fin = jamo(c)
    if prev_final is None:
        if ini == 5:                          # word-initial ㄹ: skip
            return None
        cons = MR_INITIAL[ini]
    elif ini in MR_VOICED:
        if prev_final in MR_SONORANT_FINAL:
            cons = MR_VOICED[ini]
        elif prev_final in MR_OBSTRUENT_FINAL:
            cons = MR_INITIAL[ini]
        else:
            return None                       # after ㄹ: tensing varies
    elif ini in (2, 5, 6, 18):                # ㄴ ㄹ ㅁ ㅎ
        if prev_final == 8 or prev_final in MR_OBSTRUENT_FINAL:
            return None                       # assimilation across syllables
        if ini == 5 and prev_final != 0:
            return None
        cons = MR_INITIAL[ini]
    else:
        if prev_final == 8:
            return None
        cons = MR_INITIAL[ini]
    if ini == 9 and vow == 16:                # 쉬 → shwi
        cons = "sh"
    return cons + MR_VOWEL[vow] + FINAL[fin]


def mr_name(hangul, surname_len=1):
    """McCune–Reischauer as libraries write names: 박찬욱 → Pak Ch'an-uk.
    None where a sound change would make the spelling uncertain."""
    sur = hangul[:surname_len]
    if sur in MR_SURNAME:
        s = MR_SURNAME[sur]
    else:
        parts, prev = [], None
        for c in sur:
            p = mr_syllable(c, prev)
            if p is None:
                return None
            parts.append(p)
            prev = jamo(c)[2]
        s = "".join(parts).capitalize()
    given, prev = [], None
    for c in hangul[surname_len:]:
        p = mr_syllable(c, prev)
        if p is None:
            return None
        given.append(p)
        prev = jamo(c)[2]
    return s + " " + "-".join(given).capitalize()


# ---------------------------------------------------------------------------
# Data

def read_tsv(name):
    with gzip.open(os.path.join(FIXTURE, name), "rt", encoding="utf-8", newline="") as fh:
        r = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(r)
        return [dict(zip(header, row)) for row in r]


class Entity:
    def __init__(self, kind, id, names, source, year=None):
        self.kind, self.id, self.names, self.source, self.year = kind, id, names, source, year
        self.name = names[0]


def load():
    ents = []
    credits = collections.Counter()
    film_people = collections.defaultdict(set)
    for row in read_tsv("title.principals.tsv.gz"):
        film_people[row["tconst"]].add(row["nconst"])
    for row in read_tsv("title.crew.tsv.gz"):
        for f in ("directors", "writers"):
            if row[f] != "\\N":
                film_people[row["tconst"]].update(row[f].split(","))
    for ps in film_people.values():
        for p in ps:
            credits[p] += 1
    for row in read_tsv("name.basics.tsv.gz"):
        ents.append(Entity("person", row["nconst"], [row["primaryName"]], "fixture"))
    for row in read_tsv("title.basics.tsv.gz"):
        ents.append(Entity("film", row["tconst"], [row["primaryTitle"]], "fixture",
                           row["startYear"]))
    for path in sorted(glob.glob(os.path.join(DEMO, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            cat = json.load(fh)
        for p in cat.get("people", []):
            ents.append(Entity("person", p["id"], [n["text"] for n in p["names"]], "demo"))
        for f in cat.get("films", []):
            years = [y["year"] for y in f.get("years", [])]
            ents.append(Entity("film", f["id"], [t["text"] for t in f["titles"]], "demo",
                               years[0] if years else None))
    return ents, credits


ENTS, CREDITS = load()
BY_ID = {(e.kind, e.id): e for e in ENTS}
BY_FOLD = collections.defaultdict(set)        # (kind, fold2) → ids
BY_KEY = collections.defaultdict(set)         # Korean name key → person ids
DEL_INDEX = collections.defaultdict(set)      # (kind, deletion) → ids
TITLES_FOLD = []                              # (" title ", id) for partials
for e in ENTS:
    for n in e.names:
        BY_FOLD[(e.kind, fold2(n))].add(e.id)
        if e.kind == "person":
            for k in korean_keys(n):
                BY_KEY[k].add(e.id)
        for d in deletes(fold2(n)):
            DEL_INDEX[(e.kind, d)].add(e.id)
        if e.kind == "film":
            TITLES_FOLD.append((" " + fold(n) + " ", e.id))


def fixture_id(kind, name, year=None):
    """The id of the fixture entity with exactly this name (and year)."""
    hits = [e for e in ENTS if e.source == "fixture" and e.kind == kind and e.name == name
            and (year is None or e.year == str(year))]
    if len(hits) != 1:
        sys.exit("fixture lookup failed for %r (%s): %d hits" % (name, year, len(hits)))
    return hits[0].id


# ---------------------------------------------------------------------------
# Rows and checks

ROWS = []
SEEN = set()
SKIPPED = []


def skip(reason, *what):
    SKIPPED.append((reason,) + what)
    return False


def unique_name(kind, id):
    """No other entity of the kind shares a folded name with this one."""
    e = BY_ID[(kind, id)]
    for n in e.names:
        if not re.search(r"[A-Za-z0-9]", ascii_fold(n)):
            continue
        if BY_FOLD[(kind, fold2(n))] - {id}:
            return False
    return True


def unique_korean_key(id):
    """No other person's name is a romanization variant of this one's."""
    for n in BY_ID[("person", id)].names:
        keys = korean_keys(n)
        if keys and BY_KEY[keys[0]] - {id}:
            return False
    return True


def has_hangul(s):
    return any(0xAC00 <= ord(c) <= 0xD7A3 for c in s)


def add(category, query, kind, id):
    """Check a row and keep it; returns whether it was kept."""
    assert category in CATEGORIES, category
    assert "\t" not in query and "\n" not in query and query == query.strip()
    if (kind, id) not in BY_ID:
        sys.exit("unknown id %s %s" % (kind, id))
    e = BY_ID[(kind, id)]
    key = (query, kind, id)
    if key in SEEN:
        return False
    if not unique_name(kind, id):
        if not (kind == "film" and has_hangul(query) and id in HANGUL_UNAMBIGUOUS):
            return skip("name shared with another entity", category, query, id)
    korean_variant = (category in ("hangul", "rr", "mr", "newspaper", "joined")
                      or (category == "reversed" and korean(e)))
    if kind == "person" and korean_variant:
        if not unique_korean_key(id):
            return skip("near-homonym in the data", category, query, id)
    if not has_hangul(query):
        q2 = fold2(query)
        if not q2:
            return skip("empty fold", category, query, id)
        others = BY_FOLD.get((kind, q2), set()) - {id}
        if others:
            return skip("query is another entity's name", category, query, id, sorted(others))
        if kind == "person" and korean_variant and category != "reversed":
            keys = korean_keys(query)
            others = (BY_KEY.get(keys[0], set()) if keys else set()) - {id}
            if others:
                return skip("query is close to another entity", category, query, id,
                            sorted(others))
        names2 = {fold2(n) for n in e.names}
        if category == "exact":
            assert query in e.names, (query, e.names)
        elif category in ("case", "joined"):
            assert q2 in names2 and query not in e.names, (category, query)
        elif category == "accents":
            assert query == ascii_fold(query), query
        elif category in ("rr", "newspaper"):
            if q2 in names2:
                return skip("same letters as a stored name", category, query, id)
        elif category == "mr":
            if query.lower() in {n.lower() for n in e.names}:
                return skip("same as a stored name", category, query, id)
        if category in ("typo", "title_typo"):
            d = min(osa(q2, n) for n in names2)
            if d != 1:
                return skip("typo is not one edit away", category, query, id, d)
            near = set()
            for dl in deletes(q2):
                near |= DEL_INDEX.get((kind, dl), set())
            near.discard(id)
            for o in sorted(near):
                if any(osa(q2, fold2(n)) <= 1 for n in BY_ID[(kind, o)].names):
                    return skip("typo is as close to another entity", category, query, id, o)
        if category == "partial":
            fq = " " + fold(query) + " "
            hits = {i for t, i in TITLES_FOLD if fq in t}
            if hits != {id}:
                return skip("partial title not distinctive", category, query, id, sorted(hits)[:3])
            if fold(query) in {fold(n) for n in e.names}:
                return skip("partial is the whole title", category, query, id)
    SEEN.add(key)
    ROWS.append((category, query, kind, id))
    return True


# Korean people in the demo catalog (the fixture's are marked by korean_rows).
DEMO_KOREAN = {
    "kim-tae-kyun", "cha-in-pyo", "shin-myung-chul", "kim-tae-seong", "suh-young-hwa",
    "kim-chul-yong", "kim-sun-yong", "kim-woo-jung", "lee-eun-joo", "yang-sung-jin",
    "kim-sung-min", "an-in-ok", "lee-myung-ju", "lee-yoo-jin", "nam-sin-u",
    "song-seung-heon", "lee-young-ae", "kim-hee-ae",
}

# Korean films whose English title another film shares, but whose Hangul
# title means only the Korean film (the other film is foreign and is not
# known in Korea under that Hangul title).
HANGUL_UNAMBIGUOUS = {
    "tt0468492",   # 괴물, The Host (2006); the other is The Host (2013, US)
    "tt1373120",   # 똥파리, Breathless (2009); the others are 1960 (France) and 1983 (US)
    "tt1606384",   # 마이웨이, My Way (2011); the other is My Way (2012, France)
    "tt2290840",   # 광해, 왕이 된 남자, Masquerade (2012); the other is 1988 (US)
    "tt2828840",   # 전설의 주먹, Fist of Legend (2013); the other is 1994 (Hong Kong)
}


def korean(e):
    return getattr(e, "korean", False) or e.id in DEMO_KOREAN


# ---------------------------------------------------------------------------
# Korean people in the fixture.
#
# (name as in the fixture, Hangul, other spellings newspapers use, flags)
# flags: "stage" = a stage or single-word name (no RR/MR/reversed forms);
#        "major" = every form (both RR forms, all the other spellings);
#        "usual" = the first other spelling is the one the person is
#        usually credited with in English (Jang Dong-gun, Sol Kyung-gu).
# The Hangul is each person's name as written in Korea.

KOREAN_PEOPLE = [
    # directors
    ("Bong Joon-ho", "봉준호", ["Bong Jun-ho"], "major"),
    ("Park Chan-wook", "박찬욱", ["Pak Chan-wook", "Park Chan-uk"], "major"),
    ("Kim Ki-duk", "김기덕", ["Kim Ki Duk", "Kim Ki-deok", "Kim Gi-deok"], "major"),
    ("Lee Chang-dong", "이창동", ["Yi Chang-dong"], "major"),
    ("Hong Sang-soo", "홍상수", ["Hong Sang-su"], "major"),
    ("Kim Ji-woon", "김지운", ["Kim Jee-woon"], "major"),
    ("Na Hong-jin", "나홍진", [], "major"),
    ("Ryoo Seung-wan", "류승완", ["Ryu Seung-wan"], "major"),
    ("Kang Je-gyu", "강제규", ["Kang Je-kyu"], ""),
    ("Yoon Je-kyoon", "윤제균", ["Yoon Je-kyun", "Youn Je-kyun", "Yun Je-gyun"], ""),
    ("Kim Ki-young", "김기영", ["Kim Ki-yeong"], ""),
    ("Shin Sang-ok", "신상옥", ["Sin Sang-ok", "Shin Sang-ock"], ""),
    ("Im Sang-soo", "임상수", ["Lim Sang-soo", "Im Sang-su"], ""),
    ("Jang Joon-hwan", "장준환", ["Jang Jun-hwan", "Chang Joon-hwan"], ""),
    ("Yeon Sang-ho", "연상호", ["Yeon Sang Ho"], ""),
    ("Kang Woo-suk", "강우석", ["Kang Woo-seok", "Kang U-seok"], ""),
    ("Kwak Kyung-taek", "곽경택", ["Kwak Kyoung-taek", "Kwak Gyeong-taek"], ""),
    ("Choi Dong-hun", "최동훈", ["Choi Dong-hoon", "Choe Dong-hun"], "usual"),
    ("Lee Myeong-se", "이명세", ["Lee Myung-se", "Yi Myung-se"], "usual"),
    ("Yoon Jong-bin", "윤종빈", ["Yun Jong-bin"], ""),
    ("Park Cheol-su", "박철수", ["Park Chul-soo", "Park Chul-su"], "usual"),
    ("Lee Jeong-beom", "이정범", ["Lee Jung-beom", "Lee Jung-bum"], ""),
    ("Yim Pil-sung", "임필성", ["Im Pil-sung", "Lim Pil-sung", "Im Pil-seong"], ""),
    ("Kim Han-min", "김한민", [], ""),
    ("Shim Sung-bo", "심성보", ["Sim Sung-bo", "Shim Seong-bo"], ""),
    ("Jo Sung-hee", "조성희", ["Cho Sung-hee", "Jo Seong-hui"], ""),
    ("Yang Woo-seok", "양우석", ["Yang Woo-suk"], ""),
    ("Won Sin-yeon", "원신연", ["Won Shin-yeon", "Won Shin-yun"], ""),
    ("Choo Chang-min", "추창민", ["Chu Chang-min"], ""),
    ("Lee Yun-ki", "이윤기", ["Lee Yoon-ki", "Lee Yun-gi"], ""),
    ("Jang Hoon", "장훈", ["Jang Hun", "Chang Hoon"], ""),
    ("Lee Jae-gyu", "이재규", ["Lee Jae-kyu"], ""),
    ("Yang Ik-june", "양익준", ["Yang Ik-joon", "Yang Ik-jun"], ""),
    ("Park Kwang-hyun", "박광현", ["Park Gwang-hyeon"], ""),
    ("Jin Mo-young", "진모영", ["Jin Mo-yeong"], ""),
    ("Lee Seok-hoon", "이석훈", ["Lee Suk-hoon", "Lee Seok-hun"], ""),
    # actors
    ("Song Kang-ho", "송강호", ["Song Gang-ho"], "major"),
    ("Choi Min-sik", "최민식", ["Choe Min-sik", "Choi Min-shik"], "major"),
    ("Jeon Do-yeon", "전도연", ["Jun Do-yeon", "Jeon Do-youn", "Chun Do-yeon"], "major"),
    ("Bae Doona", "배두나", ["Bae Du-na", "Pae Doo-na"], "major"),
    ("Lee Byung-hun", "이병헌", ["Lee Byeong-heon", "Yi Byung-hun", "Lee Byung-heon"], "major"),
    ("Jung Woo-sung", "정우성", ["Jeong Woo-seong", "Chung Woo-sung", "Jung Woo-seong"], "major"),
    ("Ha Jung-woo", "하정우", ["Ha Jeong-woo", "Ha Jung-u"], "major"),
    ("Oh Dal-su", "오달수", ["Oh Dal-soo", "O Dal-su"], ""),
    ("Shin Ha-kyun", "신하균", ["Sin Ha-gyun", "Shin Ha-gyun"], ""),
    ("Yoo Ji-tae", "유지태", ["Yu Ji-tae"], ""),
    ("Kang Hye-jung", "강혜정", ["Kang Hye-jeong", "Gang Hye-jung"], ""),
    ("Moon So-ri", "문소리", ["Mun So-ri"], ""),
    ("Won Bin", "원빈", [], "stage"),
    ("Kim Yun-seok", "김윤석", ["Kim Yoon-seok", "Kim Yoon-suk"], ""),
    ("Cho Jin-woong", "조진웅", ["Jo Jin-woong", "Cho Jin-wung"], ""),
    ("Jang Dong-geon", "장동건", ["Jang Dong-gun", "Chang Dong-gun"], "usual"),
    ("Sul Kyung-gu", "설경구", ["Sol Kyung-gu", "Seol Gyeong-gu"], "usual"),
    ("Yum Jung-ah", "염정아", ["Yeom Jeong-a", "Yum Jung-a"], ""),
    ("Ahn Sung-ki", "안성기", ["Ahn Sung-kee", "An Seong-gi"], ""),
    ("Lee Jung-jae", "이정재", ["Lee Jeong-jae", "Yi Jung-jae"], ""),
    ("Gong Yoo", "공유", ["Gong Yu", "Kong Yoo"], "stage"),
    ("Hyun Bin", "현빈", ["Hyeon Bin"], "stage"),
    ("Jun Ji-hyun", "전지현", ["Jeon Ji-hyun", "Jeon Ji-hyeon"], ""),
    ("Son Ye-jin", "손예진", ["Sohn Ye-jin"], ""),
    ("Song Hye-kyo", "송혜교", ["Song Hye-gyo"], ""),
    ("Kim Hye-soo", "김혜수", ["Kim Hye-su"], ""),
    ("Kim Hye-ja", "김혜자", [], ""),
    ("Yoon Jeong-hee", "윤정희", ["Yun Jung-hee", "Yoon Jung-hee"], ""),
    ("Park Hae-il", "박해일", ["Pak Hae-il"], ""),
    ("Ryu Seung-ryong", "류승룡", ["Ryoo Seung-ryong", "Ryu Seung-ryoung"], ""),
    ("Lee Sun-kyun", "이선균", ["Lee Seon-gyun", "Lee Sun-gyun"], ""),
    ("Kim Sang-kyung", "김상경", ["Kim Sang-gyeong"], ""),
    ("Han Suk-kyu", "한석규", ["Han Seok-kyu", "Han Suk-gyu"], ""),
    ("Ha Ji-won", "하지원", [], ""),
    ("Moon Geun-young", "문근영", ["Mun Geun-yeong", "Moon Keun-young"], ""),
    ("Byun Hee-bong", "변희봉", ["Byeon Hee-bong", "Byun Hui-bong"], ""),
    ("Jung Jae-young", "정재영", ["Jeong Jae-yeong", "Chung Jae-young"], ""),
    ("Cho Jae-hyun", "조재현", ["Jo Jae-hyeon", "Cho Jae-hyeon"], ""),
    ("Kim Kang-woo", "김강우", ["Kim Gang-woo"], ""),
    ("Ji Jin-hee", "지진희", [], ""),
    ("Lee Beom-soo", "이범수", ["Lee Bum-soo", "Lee Beom-su"], ""),
    ("Ryoo Seung-bum", "류승범", ["Ryu Seung-beom", "Ryoo Seung-beom"], "usual"),
    ("Ma Dong-seok", "마동석", ["Ma Dong-suk"], ""),
    ("Kim Sae-ron", "김새론", [], ""),
    ("Lee Sung-min", "이성민", ["Lee Seong-min"], ""),
    ("Gang Dong-won", "강동원", ["Kang Dong-won"], "usual"),
    ("Ko A-sung", "고아성", ["Go Ah-sung", "Ko Ah-sung", "Go A-seong"], "usual"),
    ("Youn Yuh-jung", "윤여정", ["Yoon Yeo-jeong", "Yun Yeo-jeong"], ""),
    ("Kim Ok-vin", "김옥빈", ["Kim Ok-bin"], "usual"),
    ("Kim Nam-gil", "김남길", ["Kim Nam-kil"], ""),
    ("Song Joong-ki", "송중기", ["Song Jung-ki", "Song Jung-gi"], ""),
    ("Park Bo-young", "박보영", ["Park Bo-yeong"], ""),
    ("Kim Woo-bin", "김우빈", ["Kim U-bin"], ""),
    ("Kwak Do-won", "곽도원", ["Gwak Do-won"], ""),
    ("Cho Jung-seok", "조정석", ["Jo Jung-suk", "Cho Jeong-seok"], "usual"),
    ("Han Ji-min", "한지민", [], ""),
    ("Han Hyo-joo", "한효주", ["Han Hyo-ju"], ""),
    ("Shin Min-a", "신민아", ["Shin Min-ah", "Sin Min-a"], "usual"),
    ("Park Yoo-chun", "박유천", ["Park Yu-chun"], ""),
    ("Lee Je-hoon", "이제훈", ["Lee Je-hun"], ""),
    ("Park Bo-gum", "박보검", ["Park Bo-geom"], ""),
    ("Jin Goo", "진구", ["Jin Gu"], "stage"),
    ("Kim Byeong-ok", "김병옥", ["Kim Byung-ok"], ""),
    ("Lee Dae-yeon", "이대연", ["Lee Dae-yun"], ""),
    ("Yoon Je-moon", "윤제문", ["Yun Je-mun"], ""),
    ("Joo Jin-mo", "주진모", ["Ju Jin-mo"], ""),
    ("Yoo Yeon-seok", "유연석", ["Yu Yeon-seok"], ""),
    ("Kim Eui-sung", "김의성", ["Kim Ui-seong"], ""),
    ("Yu Jun-sang", "유준상", ["Yoo Joon-sang"], ""),
    ("Ye Ji-won", "예지원", [], ""),
    ("Han Ye-ri", "한예리", [], ""),
    ("Kim Young-ae", "김영애", ["Kim Yeong-ae"], ""),
    ("Park Seong-ung", "박성웅", ["Park Sung-woong"], ""),
    ("Baek Yoon-sik", "백윤식", ["Baek Yun-sik", "Paek Yoon-sik"], ""),
    ("Kim Hae-suk", "김해숙", ["Kim Hae-sook"], ""),
    ("Jo Seong-ha", "조성하", ["Cho Sung-ha"], ""),
    ("Seo Ji-seok", "서지석", [], ""),
    ("Im Su-jeong", "임수정", ["Lim Soo-jung", "Im Soo-jung"], "usual"),
    ("Lee Geung-young", "이경영", ["Lee Kyung-young", "Lee Gyeong-yeong"], ""),
    ("Kim You-jung", "김유정", ["Kim Yoo-jung"], ""),
    ("Jeong Seo-kyeong", "정서경", ["Chung Seo-kyung", "Jeong Seo-gyeong"], ""),
    ("Yoo Hai-jin", "유해진", ["Yoo Hae-jin", "Yu Hae-jin"], "usual"),
    ("Ryu Deok-hwan", "류덕환", ["Ryu Duk-hwan"], ""),
    ("Yunjin Kim", "김윤진", ["Kim Yun-jin", "Kim Yoon-jin"], "given_first"),
    ("Byung-chun Min", "민병천", ["Min Byeong-cheon"], "given_first"),
    ("July Jung", "정주리", ["Jung Ju-ri", "Jeong Ju-ri"], "given_first stage"),
]

# Korean films in the fixture: (title as stored, year, Hangul title, partials)
KOREAN_FILMS = [
    ("Crocodile", 1996, "악어", []),
    ("Shiri", 1999, "쉬리", []),
    ("Nowhere to Hide", 1999, "인정사정 볼 것 없다", []),
    ("The Isle", 2000, "섬", []),
    ("Peppermint Candy", 2000, "박하사탕", []),
    ("Joint Security Area", 2000, "공동경비구역 JSA", []),
    ("Bad Guy", 2001, "나쁜 남자", []),
    ("2009: Lost Memories", 2002, "2009 로스트 메모리즈", ["Lost Memories"]),
    ("Oasis", 2002, "오아시스", []),
    ("Sympathy for Mr. Vengeance", 2002, "복수는 나의 것", ["Mr. Vengeance"]),
    ("Oldboy", 2003, "올드보이", []),
    ("Spring, Summer, Fall, Winter... and Spring", 2003, "봄 여름 가을 겨울 그리고 봄",
     ["Spring Summer Fall Winter"]),
    ("Save the Green Planet!", 2003, "지구를 지켜라!", ["Green Planet"]),
    ("Wonderful Days", 2003, "원더풀 데이즈", []),
    ("Memories of Murder", 2003, "살인의 추억", []),
    ("Natural City", 2003, "내추럴 시티", []),
    ("A Tale of Two Sisters", 2003, "장화, 홍련", ["Tale of Two Sisters"]),
    ("Taegukgi", 2004, "태극기 휘날리며", []),
    ("Woman Is the Future of Man", 2004, "여자는 남자의 미래다", ["Future of Man"]),
    ("Samaritan Girl", 2004, "사마리아", []),
    ("Welcome to Dongmakgol", 2005, "웰컴 투 동막골", ["Dongmakgol"]),
    ("Sympathy for Lady Vengeance", 2005, "친절한 금자씨", ["Lady Vengeance"]),
    ("The Bow", 2005, "활", []),
    ("A Bittersweet Life", 2005, "달콤한 인생", ["Bittersweet Life"]),
    ("No Regret", 2006, "후회하지 않아", []),
    ("I'm a Cyborg, But That's OK", 2006, "싸이보그지만 괜찮아", ["I'm a Cyborg"]),
    ("Time", 2006, "시간", []),
    ("The City of Violence", 2006, "짝패", ["City of Violence"]),
    ("A Bloody Aria", 2006, "구타유발자들", []),
    ("The Host", 2006, "괴물", []),
    ("Breath", 2007, "숨", []),
    ("Secret Sunshine", 2007, "밀양", []),
    ("My Dear Enemy", 2008, "멋진 하루", []),
    ("The Good, the Bad, the Weird", 2008, "좋은 놈, 나쁜 놈, 이상한 놈", []),
    ("Night and Day", 2008, "밤과 낮", []),
    ("Thirst", 2009, "박쥐", []),
    ("Breathless", 2009, "똥파리", []),
    ("Mother", 2009, "마더", []),
    ("Hahaha", 2010, "하하하", []),
    ("Poetry", 2010, "시", []),
    ("The Man from Nowhere", 2010, "아저씨", ["Man from Nowhere"]),
    ("The Yellow Sea", 2010, "황해", []),
    ("I Saw the Devil", 2010, "악마를 보았다", []),
    ("The Front Line", 2011, "고지전", []),
    ("My Way", 2011, "마이 웨이", []),
    ("Arirang", 2011, "아리랑", []),
    ("The Journals of Musan", 2011, "무산일기", ["Journals of Musan"]),
    ("The King of Pigs", 2011, "돼지의 왕", ["King of Pigs"]),
    ("Pietà", 2012, "피에타", []),
    ("The Tower", 2012, "타워", []),
    ("The Thieves", 2012, "도둑들", []),
    ("Doomsday Book", 2012, "인류멸망보고서", []),
    ("Masquerade", 2012, "광해, 왕이 된 남자", []),
    ("A Werewolf Boy", 2012, "늑대소년", ["Werewolf Boy"]),
    ("Nameless Gangster", 2012, "범죄와의 전쟁: 나쁜놈들 전성시대", []),
    ("The Taste of Money", 2012, "돈의 맛", ["Taste of Money"]),
    ("The Attorney", 2013, "변호인", []),
    ("The Suspect", 2013, "용의자", []),
    ("Snowpiercer", 2013, "설국열차", []),
    ("Fist of Legend", 2013, "전설의 주먹", []),
    ("Friend: The Great Legacy", 2013, "친구 2", ["The Great Legacy"]),
    ("Moebius", 2013, "뫼비우스", []),
    ("Nobody's Daughter Haewon", 2013, "누구의 딸도 아닌 해원", ["Nobody's Daughter"]),
    ("Commitment", 2013, "동창생", []),
    ("My Love, Don't Cross That River", 2013, "님아, 그 강을 건너지 마오",
     ["Don't Cross That River"]),
    ("The Pirates", 2014, "해적: 바다로 간 산적", []),
    ("Kundo: Age of the Rampant", 2014, "군도: 민란의 시대", ["Kundo", "Age of the Rampant"]),
    ("Ode to My Father", 2014, "국제시장", []),
    ("The Admiral: Roaring Currents", 2014, "명량", ["Roaring Currents"]),
    ("The Fatal Encounter", 2014, "역린", ["Fatal Encounter"]),
    ("A Girl at My Door", 2014, "도희야", ["Girl at My Door"]),
    ("Sea Fog", 2014, "해무", []),
    ("Hill of Freedom", 2014, "자유의 언덕", []),
    ("No Tears for the Dead", 2014, "우는 남자", ["No Tears"]),
]

# East Asian and Hungarian names that readers also write the other way round
# (family name first or last). Fixture name → reversed query.
EAST_ASIAN_REVERSED = [
    ("Zhang Yimou", "Yimou Zhang"), ("Wong Kar-wai", "Kar-wai Wong"),
    ("Chen Kaige", "Kaige Chen"), ("Jia Zhangke", "Zhangke Jia"),
    ("Gong Li", "Li Gong"), ("Zhang Ziyi", "Ziyi Zhang"),
    ("Chow Yun-fat", "Yun-fat Chow"), ("Tsai Ming-liang", "Ming-liang Tsai"),
    ("Hou Hsiao-Hsien", "Hsiao-hsien Hou"),
    ("Akira Kurosawa", "Kurosawa Akira"), ("Yasujirō Ozu", "Ozu Yasujirō"),
    ("Hayao Miyazaki", "Miyazaki Hayao"), ("Takeshi Kitano", "Kitano Takeshi"),
    ("Kenji Mizoguchi", "Mizoguchi Kenji"), ("Takashi Miike", "Miike Takashi"),
    ("Nagisa Ōshima", "Ōshima Nagisa"), ("Toshirō Mifune", "Mifune Toshirō"),
    ("Kōji Yakusho", "Yakusho Kōji"), ("Tadanobu Asano", "Asano Tadanobu"),
    ("Kiyoshi Kurosawa", "Kurosawa Kiyoshi"), ("Ken Watanabe", "Watanabe Ken"),
    ("Béla Tarr", "Tarr Béla"), ("István Szabó", "Szabó István"),
    ("Miklós Jancsó", "Jancsó Miklós"),
]


def korean_rows(rng):
    for name, hangul, news, flags in KOREAN_PEOPLE:
        id = fixture_id("person", name)
        e = BY_ID[("person", id)]
        e.korean = True
        flags = flags.split()
        major = "major" in flags
        stage = "stage" in flags
        given_first = "given_first" in flags
        surname_len = 2 if "surname2" in flags else 1
        words = name.split()
        if given_first:
            given, family = " ".join(words[:-1]), words[-1]
        else:
            family, given = words[0], " ".join(words[1:])
        # one fixed set of draws per person: which of the forms to keep
        r = [rng.random() for _ in range(8)]
        pick = lambda i, p: major or r[i] < p

        add("hangul", hangul, "person", id)
        if pick(0, 0.05):
            add("exact", name, "person", id)

        # case: KOFIC writes the family name in capitals; readers type lowercase
        if pick(1, 0.05):
            if given_first or r[1] > 0.5:
                add("case", name.lower(), "person", id)
            else:
                add("case", family.upper() + " " + given, "person", id)

        # reversed: given name first, or family name first for given-first names
        if not stage and (given_first or pick(2, 0.08)):
            if given_first:
                add("reversed", family + " " + given, "person", id)
            elif r[2] < 0.5 and "-" in given:
                spaced = " ".join(p.capitalize() for p in given.split("-"))
                add("reversed", spaced + " " + family, "person", id)
            else:
                add("reversed", given + " " + family, "person", id)

        # joined: the given name written as one word or as two
        if "-" in given and pick(3, 0.1):
            one = given.replace("-", "").lower().capitalize()
            two = " ".join(p.capitalize() for p in given.split("-"))
            if given_first:
                forms = [one + " " + family, two + " " + family]
            else:
                forms = [family + " " + one, family + " " + two]
            add("joined", forms[int(r[3] * 100) % 2], "person", id)
        elif name == "Bae Doona":
            add("joined", "Bae Doo-na", "person", id)
            add("joined", "Bae Doo Na", "person", id)

        # strict Revised Romanization and McCune–Reischauer from the Hangul
        if not stage:
            hy = rr_name(hangul, surname_len, hyphen=True)
            jo = rr_name(hangul, surname_len, hyphen=False)
            if major:
                add("rr", jo, "person", id)
                add("rr", hy, "person", id)
            elif r[4] < 0.25:
                if rr_join_ambiguous(hangul, surname_len) or r[4] < 0.12:
                    add("rr", hy, "person", id)
                else:
                    add("rr", jo, "person", id)
            mr = mr_name(hangul, surname_len)
            if mr and pick(5, 0.25):
                add("mr", mr, "person", id)
                if major and mr != ascii_fold(mr):
                    add("accents", ascii_fold(mr), "person", id)

        # other spellings newspapers use: all for the best known; the usual
        # English spelling where the stored one is not; else one, sometimes
        if major:
            for n in news:
                add("newspaper", n, "person", id)
        elif "usual" in flags:
            add("newspaper", news[0], "person", id)
        elif news and r[6] < 0.3:
            add("newspaper", news[int(r[6] * 100) % len(news)], "person", id)

    # typos in well-known Korean names
    pool = [n for n, h, news, fl in KOREAN_PEOPLE if "stage" not in fl]
    for name in rng.sample(pool, 16):
        q = make_typo(name, rng)
        if q:
            add("typo", q, "person", fixture_id("person", name))

    for title, year, hangul, partials in KOREAN_FILMS:
        id = fixture_id("film", title, year)
        r = [rng.random() for _ in range(4)]
        # No Hangul row: the fixture holds no Korean titles, so no search
        # could find these films by one. (The demo's films have theirs.)
        if r[0] < 0.15:
            add("exact", title, "film", id)
        for p in partials:
            add("partial", p, "film", id)
        if r[1] < 0.08:
            add("case", title_case_variant(title, rng), "film", id)
        if r[2] < 0.15:
            q = make_typo(title, rng)
            if q:
                add("title_typo", q, "film", id)
    add("accents", "Pieta", "film", fixture_id("film", "Pietà", 2012))


# ---------------------------------------------------------------------------
# Typos

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS = {}
for r, row in enumerate(KEYBOARD):
    for c, ch in enumerate(row):
        near = set()
        for dr in (-1, 0, 1):
            rr = r + dr
            if 0 <= rr < len(KEYBOARD):
                for dc in (-1, 0, 1) if dr == 0 else (0, 1) if dr < 0 else (-1, 0):
                    cc = c + dc
                    if 0 <= cc < len(KEYBOARD[rr]) and (rr, cc) != (r, c):
                        near.add(KEYBOARD[rr][cc])
        NEIGHBOURS[ch] = "".join(sorted(near))


def make_typo(text, rng):
    """One realistic typo inside a word of five or more letters."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z][A-Za-z-]*[A-Za-z]", text)
             if len(m.group(0).replace("-", "")) >= 5 and m.group(0).isascii()]
    if not words:
        return None
    start, end = words[rng.randrange(len(words))]
    # positions of letters after the first one, inside the word
    pos = [i for i in range(start + 1, end) if text[i].isalpha()]
    kind = rng.choice(["swap", "drop", "double", "key"])
    for _ in range(10):
        i = rng.choice(pos)
        c = text[i]
        if kind == "swap":
            j = i + 1
            if j < end and text[j].isalpha() and text[j].lower() != c.lower():
                return text[:i] + text[j] + c + text[j + 1:]
        elif kind == "drop":
            if text[i - 1].lower() != c.lower():
                return text[:i] + text[i + 1:]
        elif kind == "double":
            if text[i - 1].lower() != c.lower() and (i + 1 >= len(text) or text[i + 1].lower() != c.lower()):
                return text[:i] + c + text[i:]
        else:
            k = NEIGHBOURS.get(c.lower())
            if k:
                n = rng.choice(k)
                n = n.upper() if c.isupper() else n
                return text[:i] + n + text[i + 1:]
        kind = rng.choice(["swap", "drop", "double", "key"])
    return None


def title_case_variant(title, rng):
    """Other letter case, punctuation or spacing, same letters."""
    plain = " ".join(re.findall(r"[\w']+", title)).replace("'", "")
    options = [title.lower(), title.upper(), plain.lower(), plain]
    options = [o for o in options if o != title]
    return options[rng.randrange(len(options))]


# ---------------------------------------------------------------------------
# The rest of the fixture: accents, reversed order, typos, titles

def lang_group(name):
    s = set(name)
    if s & set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹơư") or name.startswith(("Trần", "Lê ", "Ngô")):
        return "vietnamese"
    if s & set("łśżźńąęŁŻŚ"):
        return "polish"
    if s & set("řěůňďťľŘŤĽ"):
        return "czech"
    if s & set("ıİşğŞĞ"):
        return "turkish"
    if s & set("ðþÞ"):
        return "icelandic"
    if s & set("øåæØÅÆ"):
        return "scandinavian"
    if s & set("șțăȘȚ"):
        return "romanian"
    if s & set("őű"):
        return "hungarian"
    if s & set("ćčšžđĆČŠŽĐ"):
        return "yugoslav"
    if s & set("ōūŌŪ"):
        return "japanese"
    if s & set("ñãõ"):
        return "iberian"
    if s & set("ß"):
        return "german"
    if s & set("üöä") and not s & set("éèáíóú"):
        return "german"
    if s & set("çèêôîïëàÉÈâû") and not s & set("áíóúñ"):
        return "french"
    if s & set("é") and not s & set("áíóúñ"):
        return "french"
    if s & set("áíóúÁÍÓÚ"):
        return "iberian"
    return None


QUOTA = {"french": 7, "german": 6, "iberian": 5, "scandinavian": 5, "czech": 4,
         "polish": 4, "turkish": 4, "yugoslav": 4, "japanese": 4, "icelandic": 3,
         "romanian": 3, "hungarian": 3, "vietnamese": 3}

GERMAN = {"ü": "ue", "ö": "oe", "ä": "ae", "Ü": "Ue", "Ö": "Oe", "Ä": "Ae", "ß": "ss"}
NORDIC = {"ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa", "æ": "ae", "Æ": "Ae"}

PERSON_NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '\-’][^\W\d_]+){1,2}$")

# Family names that mark a Chinese, Japanese or Vietnamese name, whose order
# is not simply "given family" (kept out of the "Family, Given" rows).
EAST_ASIAN_NAMES = set("""
zhao wang li zhang liu chen yang huang wu zhou xu sun ma zhu hu guo he lin luo
gao zheng liang xie tang cao deng feng cheng cai peng pan yuan yu dong su ye lu
wei jiang tian du ding shen fan fu zhong wong chan leung lau cheung lam ho ng
tsui tse yip chow kwan mok lai chiu tsang siu hui kwok tam tsai hsu chang chu
nguyen tran le pham hoang vu dang bui ngo
""".split())


def good_person(e, min_credits=3):
    return (e.source == "fixture" and e.kind == "person" and not korean(e)
            and CREDITS[e.id] >= min_credits and PERSON_NAME_RE.match(e.name)
            and all(w[0].isupper() for w in e.name.split())
            and unique_name("person", e.id))


# Parts of well-known titles that readers type instead of the whole title.
# (query, title as stored, year)
PARTIAL_TITLES = [
    ("Fellowship of the Ring", "The Lord of the Rings: The Fellowship of the Ring", 2001),
    ("Return of the King", "The Lord of the Rings: The Return of the King", 2003),
    ("Two Towers", "The Lord of the Rings: The Two Towers", 2002),
    ("Black Pearl", "Pirates of the Caribbean: The Curse of the Black Pearl", 2003),
    ("Eternal Sunshine", "Eternal Sunshine of the Spotless Mind", 2004),
    ("Assassination of Jesse James", "The Assassination of Jesse James by the Coward Robert Ford", 2007),
    ("Goblet of Fire", "Harry Potter and the Goblet of Fire", 2005),
    ("Half-Blood Prince", "Harry Potter and the Half-Blood Prince", 2009),
    ("Empire Strikes Back", "Star Wars: Episode V – The Empire Strikes Back", 1980),
    ("Revenge of the Sith", "Star Wars: Episode III – Revenge of the Sith", 2005),
    ("Crouching Tiger", "Crouching Tiger, Hidden Dragon", 2000),
    ("Women on the Verge", "Women on the Verge of a Nervous Breakdown", 1988),
    ("Temple of Doom", "Indiana Jones and the Temple of Doom", 1984),
    ("Ghost Protocol", "Mission: Impossible – Ghost Protocol", 2011),
    ("Desolation of Smaug", "The Hobbit: The Desolation of Smaug", 2013),
    ("Master and Commander", "Master and Commander: The Far Side of the World", 2003),
    ("Catching Fire", "The Hunger Games: Catching Fire", 2013),
    ("Winter Soldier", "Captain America: The Winter Soldier", 2014),
    ("Judgment Day", "Terminator 2: Judgment Day", 1991),
    ("Wrath of Khan", "Star Trek II: The Wrath of Khan", 1982),
    ("Series of Unfortunate Events", "Lemony Snicket's A Series of Unfortunate Events", 2004),
    ("Grand Budapest", "The Grand Budapest Hotel", 2014),
    ("River Kwai", "The Bridge on the River Kwai", 1957),
    ("Strangelove", "Dr. Strangelove", 1964),
    ("Totoro", "My Neighbor Totoro", 1988),
    ("Shawshank", "The Shawshank Redemption", 1994),
]


def other_rows(rng):
    people = sorted((e for e in ENTS if e.kind == "person" and e.source == "fixture"),
                    key=lambda e: e.id)
    films = sorted((e for e in ENTS if e.kind == "film" and e.source == "fixture"),
                   key=lambda e: e.id)
    # how many people list a film among the titles they are known for: a
    # rough measure of how well known it is
    known_for = collections.Counter()
    for row in read_tsv("name.basics.tsv.gz"):
        if row["knownForTitles"] != "\\N":
            known_for.update(row["knownForTitles"].split(","))

    # accents dropped, by language
    groups = collections.defaultdict(list)
    for e in people:
        if good_person(e, 2) and e.name != ascii_fold(e.name):
            g = lang_group(e.name)
            if g:
                groups[g].append(e)
    for g in sorted(QUOTA):
        cands = groups[g]
        picks = rng.sample(cands, min(QUOTA[g], len(cands)))
        for e in picks:
            add("accents", ascii_fold(e.name), "person", e.id)
            if g == "german" and set(e.name) & set(GERMAN) and rng.random() < 0.5:
                add("accents", ascii_fold("".join(GERMAN.get(c, c) for c in e.name)),
                    "person", e.id)
            if g == "scandinavian" and set(e.name) & set(NORDIC) and rng.random() < 0.5:
                add("accents", ascii_fold("".join(NORDIC.get(c, c) for c in e.name)),
                    "person", e.id)
    for name in ("Lina Wertmüller", "François Truffaut", "Krzysztof Kieślowski",
                 "Pedro Almodóvar", "Volker Schlöndorff", "Stellan Skarsgård",
                 "Ruben Östlund", "Agnès Varda", "Luis Buñuel", "Miloš Forman",
                 "Jiří Menzel", "Trần Anh Hùng", "Gérard Depardieu",
                 "Penélope Cruz", "Alejandro González Iñárritu",
                 "Daniel Brühl", "Jürgen Prochnow"):
        e = BY_ID[("person", fixture_id("person", name))]
        add("accents", ascii_fold(e.name), "person", e.id)
        if set(e.name) & set(GERMAN):
            add("accents", ascii_fold("".join(GERMAN.get(c, c) for c in e.name)),
                "person", e.id)

    # reversed order
    for name, q in EAST_ASIAN_REVERSED:
        add("reversed", q, "person", fixture_id("person", name))
    western = [e for e in people if good_person(e, 4) and len(e.name.split()) == 2
               and "-" not in e.name.split()[1]
               and not {fold(w) for w in e.name.split()} & EAST_ASIAN_NAMES]
    for e in rng.sample(western, 15):
        given, family = e.name.split()
        if rng.random() < 0.75:
            add("reversed", family + ", " + given, "person", e.id)
        else:
            add("reversed", family + " " + given, "person", e.id)

    # exact and case for other people
    for e in rng.sample([e for e in people if good_person(e, 3)], 15):
        add("exact", e.name, "person", e.id)
    for e in rng.sample([e for e in people if good_person(e, 3)], 15):
        q = e.name.lower() if rng.random() < 0.6 else e.name.upper()
        if "-" in e.name and rng.random() < 0.5:
            q = e.name.replace("-", " ")
        add("case", q, "person", e.id)

    # typos in people's names
    cands = [e for e in people if good_person(e, 4) and e.name.isascii()]
    n = 0
    for e in rng.sample(cands, 120):
        q = make_typo(e.name, rng)
        if q and add("typo", q, "person", e.id):
            n += 1
        if n >= 25:
            break

    # film titles: well-known films (listed by twelve or more people)
    good_films = [f for f in films if unique_name("film", f.id) and known_for[f.id] >= 12
                  and len(f.name) >= 4]
    for f in rng.sample(good_films, 20):
        add("exact", f.name, "film", f.id)
    cased = [f for f in good_films if len(f.name.split()) >= 2]
    for f in rng.sample(cased, 15):
        add("case", title_case_variant(f.name, rng), "film", f.id)
    typo_films = [f for f in good_films if f.name.isascii()
                  and any(len(w) >= 5 for w in re.findall(r"[A-Za-z]+", f.name))]
    n = 0
    for f in rng.sample(typo_films, 120):
        q = make_typo(f.name, rng)
        if q and add("title_typo", q, "film", f.id):
            n += 1
        if n >= 30:
            break
    accented = [f for f in films if unique_name("film", f.id) and known_for[f.id] >= 6
                and ascii_fold(f.name) != f.name
                and ascii_fold(f.name) != f.name.replace("’", "'")]
    for f in rng.sample(accented, min(12, len(accented))):
        add("accents", ascii_fold(f.name), "film", f.id)
    for q, title, year in PARTIAL_TITLES:
        add("partial", q, "film", fixture_id("film", title, year))


# ---------------------------------------------------------------------------
# The demo catalog (data/demo), from the seed pages

DEMO_ROWS = [
    # Kim Tae-kyun, director of Crossing
    ("hangul", "김태균", "person", "kim-tae-kyun"),
    ("rr", "Gim Tae-gyun", "person", "kim-tae-kyun"),
    ("rr", "Gim Taegyun", "person", "kim-tae-kyun"),
    ("mr", "Kim T'ae-gyun", "person", "kim-tae-kyun"),
    ("joined", "Kim Taegyun", "person", "kim-tae-kyun"),
    ("joined", "Kim Taekyun", "person", "kim-tae-kyun"),
    ("joined", "Kim Tae Kyun", "person", "kim-tae-kyun"),
    ("newspaper", "Kim Tae-kyoon", "person", "kim-tae-kyun"),
    ("newspaper", "Kim Tae-gyoon", "person", "kim-tae-kyun"),
    ("reversed", "Tae-kyun Kim", "person", "kim-tae-kyun"),
    ("reversed", "Tae-gyun Kim", "person", "kim-tae-kyun"),
    ("case", "kim tae-kyun", "person", "kim-tae-kyun"),
    ("typo", "Kim Tae-kyunn", "person", "kim-tae-kyun"),
    # Cha In-pyo
    ("hangul", "차인표", "person", "cha-in-pyo"),
    ("rr", "Cha Inpyo", "person", "cha-in-pyo"),
    ("mr", "Ch'a In-p'yo", "person", "cha-in-pyo"),
    ("joined", "Cha Inpyo", "person", "cha-in-pyo"),
    ("reversed", "In-pyo Cha", "person", "cha-in-pyo"),
    ("reversed", "In Pyo Cha", "person", "cha-in-pyo"),
    ("case", "cha in-pyo", "person", "cha-in-pyo"),
    ("case", "CHA IN PYO", "person", "cha-in-pyo"),
    # Shin Myung-chul
    ("hangul", "신명철", "person", "shin-myung-chul"),
    ("rr", "Sin Myeong-cheol", "person", "shin-myung-chul"),
    ("rr", "Sin Myeongcheol", "person", "shin-myung-chul"),
    ("mr", "Sin Myŏng-ch'ŏl", "person", "shin-myung-chul"),
    ("accents", "Sin Myong-ch'ol", "person", "shin-myung-chul"),
    ("joined", "Shin Myungchul", "person", "shin-myung-chul"),
    ("joined", "Shin Myeongcheol", "person", "shin-myung-chul"),
    ("newspaper", "Shin Myoung-chul", "person", "shin-myung-chul"),
    ("newspaper", "Sin Myung-chul", "person", "shin-myung-chul"),
    ("reversed", "Myung-chul Shin", "person", "shin-myung-chul"),
    ("case", "shin myung-chul", "person", "shin-myung-chul"),
    ("typo", "Shin Myung-chull", "person", "shin-myung-chul"),
    # Kim Tae-seong, composer (the pages give only the Hangul)
    ("hangul", "김태성", "person", "kim-tae-seong"),
    ("rr", "Gim Tae-seong", "person", "kim-tae-seong"),
    ("mr", "Kim T'ae-sŏng", "person", "kim-tae-seong"),
    ("newspaper", "Kim Tae-seong", "person", "kim-tae-seong"),
    ("newspaper", "Kim Tae-sung", "person", "kim-tae-seong"),
    # other people in the seed pages
    ("newspaper", "Seo Young-hwa", "person", "suh-young-hwa"),
    ("newspaper", "Kim Cheol-yong", "person", "kim-chul-yong"),
    ("newspaper", "Kim Woo-choong", "person", "kim-woo-jung"),
    ("hangul", "김우중", "person", "kim-woo-jung"),
    ("newspaper", "Lee Eun-ju", "person", "lee-eun-joo"),
    ("newspaper", "Yang Seong-jin", "person", "yang-sung-jin"),
    ("newspaper", "Kim Seong-min", "person", "kim-sung-min"),
    ("hangul", "김성민", "person", "kim-sung-min"),
    ("newspaper", "Lee Myeong-ju", "person", "lee-myung-ju"),
    ("newspaper", "Lee Yu-jin", "person", "lee-yoo-jin"),
    ("newspaper", "Nam Shin-woo", "person", "nam-sin-u"),
    ("joined", "Song Seung-heon", "person", "song-seung-heon"),
    ("hangul", "송승헌", "person", "song-seung-heon"),
    ("joined", "Kim Hee-ae", "person", "kim-hee-ae"),
    ("hangul", "김희애", "person", "kim-hee-ae"),
    ("reversed", "Yoichi Shimada", "person", "shimada-yoichi"),
    ("reversed", "Shin, Ann", "person", "ann-shin"),
    ("case", "nigel dsa", "person", "nigel-d-sa"),
    ("typo", "Denis Halpin", "person", "dennis-halpin"),
    ("typo", "Patrick Cheeh", "person", "patrick-cheh"),
    ("case", "liu ye", "person", "liu-ye"),
    ("case", "dong jie", "person", "dong-jie"),
    # films
    ("hangul", "크로싱", "film", "crossing-2008"),
    ("case", "CROSSING", "film", "crossing-2008"),
    ("title_typo", "Crosing", "film", "crossing-2008"),
    ("partial", "Escape from North Korea", "film", "the-defector-escape-from-north-korea"),
    ("case", "the defector escape from north korea", "film",
     "the-defector-escape-from-north-korea"),
    ("title_typo", "The Defecter", "film", "the-defector-escape-from-north-korea"),
    ("title_typo", "Volcano Hihg", "film", "volcano-high-2001"),
    ("title_typo", "Whasan High Scool", "film", "volcano-high-2001"),
    ("title_typo", "Temptaton of Wolves", "film", "temptation-of-wolves-2004"),
    ("case", "A Millionaires First Love", "film", "a-millionaires-first-love-2006"),
    ("partial", "Millionaire's First Love", "film", "a-millionaires-first-love-2006"),
    ("title_typo", "A Milionaire's First Love", "film", "a-millionaires-first-love-2006"),
    ("title_typo", "Planet of Snial", "film", "planet-of-snail"),
    ("hangul", "한반도", "film", "hanbando"),
    ("title_typo", "Hanbanod", "film", "hanbando"),
    ("hangul", "국경의 남쪽", "film", "south-of-the-border-2006"),
    ("case", "the diary of anne frank", "film", "the-diary-of-anne-frank"),
    ("partial", "Anne Frank", "film", "the-diary-of-anne-frank"),
]


def demo_rows():
    demo = sorted((e for e in ENTS if e.source == "demo"), key=lambda e: (e.kind, e.id))
    # every stored Latin spelling, and the stored Hangul
    for e in demo:
        for n in e.names:
            if has_hangul(n):
                add("hangul", n, e.kind, e.id)
            elif e.id == "cha-in-pyo" and n in ("CIP", "In Pyo"):
                continue                      # fans' nicknames, not names
            elif e.id == "dragon-broker":
                continue                      # "Dragon" alone is not a name to search
            else:
                add("exact", n, e.kind, e.id)
    for cat, q, kind, id in DEMO_ROWS:
        add(cat, q, kind, id)


# ---------------------------------------------------------------------------

def main():
    rng = random.Random(5)
    demo_rows()
    korean_rows(rng)
    other_rows(rng)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("category\tquery\tkind\texpected_id\n")
        for row in ROWS:
            fh.write("\t".join(row) + "\n")
    counts = collections.Counter(r[0] for r in ROWS)
    print("%d rows -> %s" % (len(ROWS), os.path.relpath(OUT, ROOT)))
    for c in CATEGORIES:
        print("  %-11s %d" % (c, counts[c]))
    if "-v" in sys.argv:
        for s in SKIPPED:
            print("skipped:", *s, file=sys.stderr)


if __name__ == "__main__":
    main()

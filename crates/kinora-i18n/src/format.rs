//! Dates, times, numbers and the order of names as each language writes
//! them, from ICU4X with CLDR's data compiled in. The formatters are made
//! once per language, the first time one is needed.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_calendar::{Date, Gregorian};
use icu_collator::{Collator, CollatorBorrowed, options::CollatorOptions};
use icu_datetime::fieldsets::{E, T, Y, YM, YMD, YMDE};
use icu_datetime::input::Time;
use icu_datetime::options::TimePrecision;
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::{DecimalFormatter, input::Decimal};
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::displaynames::multi::{
    LanguageDisplayNames, RegionDisplayNames, ScriptDisplayNames,
};
use icu_experimental::displaynames::{DisplayNamesOptions, Style};
use icu_locale_core::Locale;
use icu_locale_core::subtags::{Language, Region, Script};

use crate::Lang;

/// A date as precise as it is known: a year, a month of a year, a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// One language's formatters.
pub struct Formats {
    day: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    /// A day with its weekday where CLDR's pattern is what the language's
    /// programmes print ("Sun, 18 Nov 2012"); `None` where the catalog
    /// composes it (Korean: "2012년 11월 18일 (일)", where CLDR's medium
    /// pattern gives "2012/11/18 일").
    weekday_day: Option<FixedCalendarDateTimeFormatter<Gregorian, YMDE>>,
    weekday: FixedCalendarDateTimeFormatter<Gregorian, E>,
    month: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    time: NoCalendarFormatter<T>,
    number: DecimalFormatter,
    collator: CollatorBorrowed<'static>,
    countries: RegionDisplayNames,
    languages: LanguageDisplayNames,
    scripts: ScriptDisplayNames,
    /// Whether round amounts of money are said compactly ("₩40억"):
    /// Korean counts in ten-thousands, and its film pages write budgets so.
    compact_money: bool,
    locale: Locale,
}

fn make(lang: Lang) -> Formats {
    let locale: Locale = lang.formats_locale().parse().unwrap_or(Locale::UNKNOWN);
    // The data is compiled in: a formatter fails to load only for a
    // language the data lacks, which a new `Lang` would show at once in
    // the tests. Fall back to the root locale's, never to nothing.
    macro_rules! load {
        ($ty:ty, $set:expr) => {
            <$ty>::try_new((&locale).into(), $set)
                .or_else(|_| <$ty>::try_new(Locale::UNKNOWN.into(), $set))
                .expect("CLDR data for the root locale is compiled in")
        };
    }
    Formats {
        day: load!(FixedCalendarDateTimeFormatter<Gregorian, YMD>, YMD::long()),
        weekday_day: match lang {
            Lang::En => {
                Some(load!(FixedCalendarDateTimeFormatter<Gregorian, YMDE>, YMDE::medium()))
            }
            Lang::Ko => None,
        },
        weekday: load!(FixedCalendarDateTimeFormatter<Gregorian, E>, E::short()),
        month: load!(FixedCalendarDateTimeFormatter<Gregorian, YM>, YM::long()),
        year: load!(FixedCalendarDateTimeFormatter<Gregorian, Y>, Y::long()),
        time: load!(
            NoCalendarFormatter<T>,
            T::short().with_time_precision(TimePrecision::Minute)
        ),
        number: DecimalFormatter::try_new((&locale).into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Locale::UNKNOWN.into(), Default::default()))
            .expect("CLDR data for the root locale is compiled in"),
        collator: Collator::try_new((&locale).into(), CollatorOptions::default())
            .or_else(|_| Collator::try_new(Locale::UNKNOWN.into(), CollatorOptions::default()))
            .expect("CLDR data for the root locale is compiled in"),
        countries: RegionDisplayNames::try_new((&locale).into(), country_names(lang))
            .unwrap_or_default(),
        languages: LanguageDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default())
            .unwrap_or_default(),
        scripts: ScriptDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default())
            .unwrap_or_default(),
        compact_money: lang == Lang::Ko,
        locale,
    }
}

/// Countries as film pages name them: "South Korea", "United States";
/// "한국", "미국" (CLDR's short Korean names, as Korean film sites write
/// a film's country, not the formal "대한민국").
fn country_names(lang: Lang) -> DisplayNamesOptions {
    let mut options = DisplayNamesOptions::default();
    if lang == Lang::Ko {
        options.style = Some(Style::Short);
    }
    options
}

static FORMATS: LazyLock<[Formats; 2]> = LazyLock::new(|| [make(Lang::En), make(Lang::Ko)]);

pub(crate) fn formats(lang: Lang) -> &'static Formats {
    &FORMATS[match lang {
        Lang::En => 0,
        Lang::Ko => 1,
    }]
}

impl Formats {
    /// A date as precise as it is known: "26 June 2008", "June 2008",
    /// "2008"; "2008년 6월 26일", "2008년 6월", "2008년". A date the
    /// calendar cannot hold is written as its numbers.
    pub fn date(&self, date: DateParts) -> String {
        let gregorian = |month: u8, day: u8| Date::try_new_gregorian(date.year, month, day).ok();
        match (date.month, date.day) {
            (Some(month), Some(day)) => gregorian(month, day)
                .map(|d| self.day.format(&d).to_string())
                .unwrap_or_else(|| format!("{}-{month:02}-{day:02}", date.year)),
            (Some(month), None) => gregorian(month, 1)
                .map(|d| self.month.format(&d).to_string())
                .unwrap_or_else(|| format!("{}-{month:02}", date.year)),
            _ => gregorian(1, 1)
                .map(|d| self.year.format(&d).to_string())
                .unwrap_or_else(|| date.year.to_string()),
        }
    }

    /// A day with its weekday as CLDR writes it, where that is what the
    /// language's programmes print.
    pub(crate) fn weekday_day(&self, year: i32, month: u8, day: u8) -> Option<String> {
        let formatter = self.weekday_day.as_ref()?;
        Date::try_new_gregorian(year, month, day)
            .ok()
            .map(|d| formatter.format(&d).to_string())
    }

    /// A day's weekday, abbreviated: "Thu", "목"; `None` for a day the
    /// calendar cannot hold.
    pub fn weekday(&self, year: i32, month: u8, day: u8) -> Option<String> {
        Date::try_new_gregorian(year, month, day)
            .ok()
            .map(|d| self.weekday.format(&d).to_string())
    }

    /// A time of day: "5:00 PM", "오후 5:00".
    pub fn time(&self, hour: u8, minute: u8) -> String {
        Time::try_new(hour, minute, 0, 0)
            .map(|t| self.time.format(&t).to_string())
            .unwrap_or_else(|_| format!("{hour:02}:{minute:02}"))
    }

    /// A whole number with the language's grouping: "4,000,000,000".
    pub fn number(&self, number: i64) -> String {
        self.number.format(&Decimal::from(number)).to_string()
    }

    /// An amount of money (a decimal number written as text, "4000000000")
    /// in a currency (ISO 4217 code), exactly: in full with the language's
    /// grouping ("₩4,000,000,000", "US$1,500,000"), or, where the language
    /// says round amounts compactly, so ("₩40억", "US$150만"). The compact
    /// form is used only when it is the exact amount: "₩23억 5천만" is not
    /// rounded to "₩24억".
    pub fn money(&self, amount: &str, currency: &str) -> String {
        if self.compact_money
            && let Some(compact) =
                exact_compact(amount).and_then(|_| self.compact(amount, currency))
        {
            return compact;
        }
        self.money_in_full(amount, currency)
    }

    /// "₩4,000,000,000", "XYZ 20": the sign (or the code) and the number.
    fn money_in_full(&self, amount: &str, currency: &str) -> String {
        match currency_sign(currency) {
            Some(sign) => format!("{sign}{}", self.decimal(amount)),
            None => format!("{currency} {}", self.decimal(amount)),
        }
    }

    /// An amount known only roughly (a conversion at a quoted rate), said
    /// compactly to two significant digits: "US$4m", "US$401만".
    pub fn money_about(&self, amount: f64, currency: &str) -> String {
        let text = format!("{amount:.0}");
        self.compact(&text, currency)
            .unwrap_or_else(|| self.money_in_full(&text, currency))
    }

    /// CLDR's compact currency format (ICU4X's, still in its experimental
    /// crate): "₩40억", "₩4bn".
    fn compact(&self, amount: &str, currency: &str) -> Option<String> {
        let code = CurrencyType::try_from_str(currency).ok()?;
        let value: Decimal = amount.parse().ok()?;
        let formatter = CurrencyFormatter::try_new_compact_symbol(
            (&self.locale).into(),
            code,
            Default::default(),
        )
        .ok()?;
        Some(formatter.format_fixed_decimal(&value).to_string())
    }

    /// A decimal number written as text ("3.5"), with the language's
    /// separators; the text itself when it is not a number.
    pub fn decimal(&self, text: &str) -> String {
        text.parse::<Decimal>()
            .map(|number| self.number.format(&number).to_string())
            .unwrap_or_else(|_| text.to_owned())
    }

    /// A country's name from its ISO 3166 code ("KR" → "South Korea",
    /// "대한민국"); `None` for a code CLDR does not name.
    pub fn country(&self, code: &str) -> Option<&str> {
        let region: Region = code.parse().ok()?;
        self.countries.of(region)
    }

    /// A language's name from its ISO 639 code ("ko" → "Korean", "한국어").
    pub fn language(&self, code: &str) -> Option<&str> {
        let language: Language = code.parse().ok()?;
        self.languages.of(language)
    }

    /// A script's name from its ISO 15924 code ("Hang" → "Hangul", "한글").
    pub fn script(&self, code: &str) -> Option<&str> {
        let script: Script = code.parse().ok()?;
        self.scripts.of(script)
    }

    /// The order of two names in this language: Hangul in 가나다 order,
    /// Latin letters with their accents folded.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }
}

/// The usual sign of the currencies films are financed in ("US$" wherever
/// dollars of several countries meet); `None` for the others, written with
/// their code.
pub fn currency_sign(currency: &str) -> Option<&'static str> {
    Some(match currency {
        "KRW" => "₩",
        "USD" => "US$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "JP¥",
        "CNY" => "CN¥",
        "CAD" => "CA$",
        _ => return None,
    })
}

/// Whether a compact form can say `amount` exactly: a whole number of at
/// least ten thousand with at most two significant digits (4,000,000,000;
/// 1,500,000), which CLDR's short patterns show without rounding.
fn exact_compact(amount: &str) -> Option<()> {
    let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
    let whole = whole.trim_start_matches('-').trim_start_matches('0');
    let significant = whole.trim_end_matches('0').len();
    (fraction.trim_end_matches('0').is_empty()
        && whole.len() >= 5
        && whole.chars().all(|c| c.is_ascii_digit())
        && significant <= 2)
        .then_some(())
}

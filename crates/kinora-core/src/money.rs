//! Amounts of money in a currency, kept as exact decimal text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codes::Currency;
use crate::date::PartialDate;

/// An exact non-negative decimal number, such as `4000000000` or `997.5`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", kinora_i18n::t_with("error-amount", &[("text", .0.clone().into())]))]
pub struct InvalidDecimal(pub String);

impl Decimal {
    pub fn parse(text: &str) -> Result<Decimal, InvalidDecimal> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        let valid = !whole.is_empty()
            && digits(whole)
            && digits(fraction)
            && (!text.contains('.') || !fraction.is_empty())
            && (whole == "0" || !whole.starts_with('0'));
        if valid {
            Ok(Decimal(text.to_owned()))
        } else {
            Err(InvalidDecimal(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The amount with thousands separators: `4,000,000,000`.
    pub fn grouped(&self) -> String {
        let (whole, fraction) = self.0.split_once('.').unwrap_or((&self.0, ""));
        let mut grouped = String::new();
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if !fraction.is_empty() {
            grouped.push('.');
            grouped.push_str(fraction);
        }
        grouped
    }

    pub fn to_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An amount in a currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub amount: Decimal,
    pub currency: Currency,
}

impl Money {
    /// The amount as the reader's language writes it: "₩4,000,000,000",
    /// "₩40억".
    pub fn display(&self) -> String {
        kinora_i18n::Lang::current()
            .formats()
            .money(&self.amount.0, self.currency.as_str())
    }
}

/// An exchange rate as a source quoted it: one unit of `base` is worth
/// `rate` units of `quote` (US$1 = ₩997 is base USD, quote KRW, rate 997).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExchangeRate {
    pub base: Currency,
    pub quote: Currency,
    pub rate: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<PartialDate>,
}

impl ExchangeRate {
    /// `US$1 = ₩997`.
    pub fn display(&self) -> String {
        format!(
            "{}1 = {}{}",
            self.base.sign(),
            self.quote.sign(),
            self.rate.grouped()
        )
    }

    /// Converts an amount in the quote currency to the base currency.
    pub fn to_base(&self, money: &Money) -> Option<f64> {
        (money.currency == self.quote).then(|| money.amount.to_f64() / self.rate.to_f64())
    }
}

impl crate::form::FormInput for Money {
    fn input() -> crate::form::Input {
        crate::form_group!(Money; amount: Decimal, currency: crate::codes::Currency)
    }
}

impl crate::form::FormInput for ExchangeRate {
    fn input() -> crate::form::Input {
        crate::form_group!(
            ExchangeRate;
            base: crate::codes::Currency,
            quote: crate::codes::Currency,
            rate: Decimal,
            as_of: Option<PartialDate>,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_exact_decimals() {
        for good in ["0", "4000000000", "997.5", "0.25"] {
            assert!(Decimal::parse(good).is_ok(), "{good}");
        }
        for bad in ["", "4e9", "-1", "1,000", "01", "1.", ".5", "W4 billion"] {
            assert!(Decimal::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_crossing_budget_reads_as_the_source_wrote_it() {
        let budget = Money {
            amount: Decimal::parse("4000000000").unwrap(),
            currency: Currency::parse("KRW").unwrap(),
        };
        let rate = ExchangeRate {
            base: Currency::parse("USD").unwrap(),
            quote: Currency::parse("KRW").unwrap(),
            rate: Decimal::parse("997").unwrap(),
            as_of: None,
        };
        assert_eq!(budget.display(), "₩4,000,000,000");
        assert_eq!(rate.display(), "US$1 = ₩997");
        assert_eq!(
            rate.to_base(&budget).map(|usd| usd.round()),
            Some(4012036.0)
        );
    }
}

//! How numbers, money and dates are written and read, in French and
//! English. Pure functions, tested here, so that the pages never format by
//! hand.
//!
//! Money is integer cents everywhere (as on the API); only these functions
//! turn it into text and back.

use crate::i18n::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// French groups thousands with a narrow no-break space and puts a no-break
/// space before the euro sign, as `Intl.NumberFormat("fr-FR")` does: a
/// figure never breaks across lines.
const FR_GROUP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// `1234567` → `1 234 567` (French) or `1,234,567` (English).
fn group_thousands(digits: &str, separator: char) -> String {
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

/// An amount in cents as the number part of a price: whole euros without
/// decimals, otherwise two decimals.
fn amount_digits(cents: i64, lang: Lang, group: char) -> String {
    let negative = cents < 0;
    let cents = cents.unsigned_abs();
    let (euros, rest) = (cents / 100, cents % 100);
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    let separator = match lang {
        Lang::Fr => group,
        Lang::En => ',',
    };
    text.push_str(&group_thousands(&euros.to_string(), separator));
    if rest != 0 {
        text.push(match lang {
            Lang::Fr => ',',
            Lang::En => '.',
        });
        text.push_str(&format!("{rest:02}"));
    }
    text
}

/// `125000050` → `1 250 000,50 €` / `€1,250,000.50`; whole amounts
/// without decimals: `1 250 000 €`.
pub fn euros(cents: i64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}{NBSP}€", amount_digits(cents, lang, FR_GROUP)),
        Lang::En => {
            let digits = amount_digits(cents, lang, ',');
            match digits.strip_prefix('-') {
                Some(positive) => format!("-€{positive}"),
                None => format!("€{digits}"),
            }
        }
    }
}

/// An amount as a user would type it back into an input, with plain
/// spaces (`1 250 000,50`), so that editing starts from a readable value.
pub fn euros_for_input(cents: i64, lang: Lang) -> String {
    amount_digits(cents, lang, ' ')
}

/// A decimal number with two decimals: `5,00` / `5.00`.
pub fn two_decimals(value: f64, lang: Lang) -> String {
    let text = format!("{value:.2}");
    let (whole, decimals) = text.split_once('.').unwrap_or((&text, "00"));
    let (sign, whole) = match whole.strip_prefix('-') {
        Some(whole) => ("-", whole),
        None => ("", whole),
    };
    match lang {
        Lang::Fr => format!("{sign}{},{decimals}", group_thousands(whole, FR_GROUP)),
        Lang::En => format!("{sign}{}.{decimals}", group_thousands(whole, ',')),
    }
}

/// A count: `2 243` / `2,243`.
pub fn integer(value: u64, lang: Lang) -> String {
    let separator = match lang {
        Lang::Fr => FR_GROUP,
        Lang::En => ',',
    };
    group_thousands(&value.to_string(), separator)
}

/// A decimal number with one decimal: `3,9` / `3.9`.
pub fn one_decimal(value: f64, lang: Lang) -> String {
    let text = format!("{value:.1}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Portfolio-sized amounts in millions of euros with one decimal, as the
/// unit reports them: `194,2 M€` / `€194.2M`. Cents stay exact elsewhere;
/// this is only for headline figures and chart labels.
pub fn millions_of_euros(cents: i64, lang: Lang) -> String {
    let millions = cents as f64 / 100_000_000.0;
    let number = one_decimal(millions, lang);
    match lang {
        Lang::Fr => format!("{number}{NBSP}M€"),
        Lang::En => match number.strip_prefix('-') {
            Some(positive) => format!("-€{positive}M"),
            None => format!("€{number}M"),
        },
    }
}

/// How many times shorter something became (the source document's
/// "instruction times divided by 4"): `÷ 3,9`; a dash without a ratio.
pub fn divided_by(value: Option<f64>, lang: Lang) -> String {
    match value {
        Some(value) => format!("÷{NBSP}{}", one_decimal(value, lang)),
        None => "—".to_owned(),
    }
}

/// How many times larger something became (the source document's
/// "investment capacity × 2"): `× 2,10`; a dash without a ratio.
pub fn times(value: Option<f64>, lang: Lang) -> String {
    match value {
        Some(value) => format!("×{NBSP}{}", two_decimals(value, lang)),
        None => "—".to_owned(),
    }
}

/// The source document's figure, "1 € of the city's brings 5 € from
/// others": `1 € → 5,00 €`; a dash when the city puts nothing in.
pub fn leverage(value: Option<f64>, lang: Lang) -> String {
    match (value, lang) {
        (None, _) => "—".to_owned(),
        (Some(value), Lang::Fr) => format!("1{NBSP}€ → {}{NBSP}€", two_decimals(value, lang)),
        (Some(value), Lang::En) => format!("€1 → €{}", two_decimals(value, lang)),
    }
}

/// `12 mars 2025` / `12 March 2025`: unambiguous in both languages.
pub fn date(day: NaiveDate, lang: Lang) -> String {
    let months = lang.month_names();
    let month = usize::try_from(day.month0())
        .ok()
        .and_then(|index| months.get(index))
        .copied()
        .unwrap_or("");
    format!("{}{NBSP}{month}{NBSP}{}", day.day(), day.year())
}

pub fn optional_date(day: Option<NaiveDate>, lang: Lang) -> String {
    day.map_or_else(|| "—".to_owned(), |day| date(day, lang))
}

/// A moment in the user's time zone, `offset_minutes` ahead of UTC:
/// `12 mars 2025, 14:05` / `12 March 2025, 14:05`.
pub fn date_time_at(moment: DateTime<Utc>, offset_minutes: i32, lang: Lang) -> String {
    let local = moment.naive_utc() + chrono::Duration::minutes(i64::from(offset_minutes));
    format!("{}, {}", date(local.date(), lang), local.format("%H:%M"))
}

/// A file size in the unit that keeps the number short: `12,5 Ko` / `12.5 KB`.
pub fn file_size(bytes: i64, lang: Lang) -> String {
    let units: [&str; 4] = match lang {
        Lang::Fr => ["o", "Ko", "Mo", "Go"],
        Lang::En => ["B", "KB", "MB", "GB"],
    };
    let mut size = bytes.max(0) as f64;
    let mut unit = 0;
    while size >= 1024.0 && unit < units.len() - 1 {
        size /= 1024.0;
        unit += 1;
    }
    let number = if unit == 0 {
        format!("{size:.0}")
    } else {
        let text = format!("{size:.1}");
        let text = text.strip_suffix(".0").unwrap_or(&text).to_owned();
        match lang {
            Lang::Fr => text.replace('.', ","),
            Lang::En => text,
        }
    };
    format!("{number}{NBSP}{}", units[unit])
}

/// Why a typed amount could not be read; each is also a field rule code
/// that the interface translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    Invalid,
    TooManyDecimals,
    TooLarge,
}

impl AmountError {
    pub fn code(self) -> &'static str {
        match self {
            AmountError::Empty => "required",
            AmountError::Negative => "negative",
            AmountError::Invalid => "invalid_amount",
            AmountError::TooManyDecimals => "too_many_decimals",
            AmountError::TooLarge => "too_large",
        }
    }
}

/// Reads an amount in euros as people type it and returns cents:
/// `1 250 000,50`, `1250000.5`, `1.250.000,50`, `1,250,000.50`, `300 000 €`.
///
/// Spaces (including no-break ones) are ignored. With both `,` and `.`, the
/// last one is the decimal separator. A single separator followed by one or
/// two digits is the decimal one; followed by groups of three digits it
/// separates thousands (nobody writes euros with three decimals).
pub fn parse_euros(input: &str) -> Result<i64, AmountError> {
    let trimmed = input.trim();
    let trimmed = trimmed
        .strip_suffix('€')
        .or_else(|| trimmed.strip_prefix('€'))
        .unwrap_or(trimmed);
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(AmountError::Empty);
    }
    if compact.starts_with('-') || compact.starts_with('\u{2212}') {
        return Err(AmountError::Negative);
    }
    if !compact
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(AmountError::Invalid);
    }

    let commas = compact.matches(',').count();
    let dots = compact.matches('.').count();
    let (whole, decimals) = match (commas, dots) {
        (0, 0) => (compact.as_str(), ""),
        (_, 0) | (0, _) => {
            let separator = if commas > 0 { ',' } else { '.' };
            let (head, tail) = compact.rsplit_once(separator).unwrap_or((&compact, ""));
            if commas + dots == 1 && (1..=2).contains(&tail.len()) {
                (head, tail)
            } else if commas + dots == 1 && tail.len() > 3 {
                return Err(AmountError::TooManyDecimals);
            } else {
                // Thousands separators only.
                return whole_euros(&compact, Some(separator), "");
            }
        }
        _ => {
            let last_comma = compact.rfind(',').unwrap_or(0);
            let last_dot = compact.rfind('.').unwrap_or(0);
            let (decimal, thousands) = if last_comma > last_dot {
                (',', '.')
            } else {
                ('.', ',')
            };
            if compact.matches(decimal).count() != 1 {
                return Err(AmountError::Invalid);
            }
            let (head, tail) = compact.rsplit_once(decimal).unwrap_or((&compact, ""));
            return whole_euros(head, Some(thousands), tail);
        }
    };
    whole_euros(whole, None, decimals)
}

/// `whole` (with `thousands` separators, if any) and up to two decimals,
/// in cents.
fn whole_euros(whole: &str, thousands: Option<char>, decimals: &str) -> Result<i64, AmountError> {
    let digits: String = match thousands {
        None => whole.to_owned(),
        Some(separator) => {
            let groups: Vec<&str> = whole.split(separator).collect();
            let first_ok = groups
                .first()
                .is_some_and(|g| (1..=3).contains(&g.len()) && *g != "0");
            if !first_ok || groups.iter().skip(1).any(|g| g.len() != 3) {
                return Err(AmountError::Invalid);
            }
            groups.concat()
        }
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AmountError::Invalid);
    }
    if decimals.len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    if !decimals.chars().all(|c| c.is_ascii_digit()) {
        return Err(AmountError::Invalid);
    }
    let euros: i64 = digits.parse().map_err(|_| AmountError::TooLarge)?;
    let cents: i64 = match decimals.len() {
        0 => 0,
        1 => decimals.parse::<i64>().map_err(|_| AmountError::Invalid)? * 10,
        _ => decimals.parse::<i64>().map_err(|_| AmountError::Invalid)?,
    };
    euros
        .checked_mul(100)
        .and_then(|euros| euros.checked_add(cents))
        .ok_or(AmountError::TooLarge)
}

/// A date input holding something other than `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidDate;

/// A date input's value (`YYYY-MM-DD`, or empty).
pub fn parse_date_input(value: &str) -> Result<Option<NaiveDate>, InvalidDate> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| InvalidDate)
}

pub fn date_input(day: Option<NaiveDate>) -> String {
    day.map(|day| day.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// An exact decimal as the API wrote it (`"1234.50"`), for reading: the
/// same digits, grouped and with the language's decimal mark
/// (`1 234,50` / `1,234.50`). Only the text changes, never the value: no
/// rounding through a float.
pub fn decimal_text(text: &str, lang: Lang) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return text.to_owned();
    }
    let (group, mark) = match lang {
        Lang::Fr => (FR_GROUP, ','),
        Lang::En => (',', '.'),
    };
    let mut written = format!("{sign}{}", group_thousands(whole, group));
    if let Some(fraction) = fraction {
        written.push(mark);
        written.push_str(fraction);
    }
    written
}

/// A decimal as typed, for the API: spaces dropped and a decimal comma
/// read as a point (`1 234,5` → `1234.5`). `None` if it is not a number.
pub fn parse_decimal<T: std::str::FromStr>(input: &str) -> Option<T> {
    let cleaned: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != FR_GROUP && *c != NBSP)
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse().ok()
}

/// A value and its unit, kept together on one line: `12,5 tCO2e`.
pub fn with_unit(value: &str, unit: &str) -> String {
    if unit.is_empty() {
        value.to_owned()
    } else {
        format!("{value}{NBSP}{unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_shown_in_local_time() {
        let moment = "2025-03-12T13:05:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            date_time_at(moment, 60, Lang::Fr),
            "12\u{a0}mars\u{a0}2025, 14:05"
        );
        let late = "2025-03-12T23:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(
            date_time_at(late, 120, Lang::En),
            "13\u{a0}March\u{a0}2025, 01:30"
        );
    }

    #[test]
    fn decimals_keep_their_digits() {
        assert_eq!(decimal_text("1234.50", Lang::Fr), "1\u{202f}234,50");
        assert_eq!(decimal_text("-0.1", Lang::En), "-0.1");
        assert_eq!(decimal_text("1234567", Lang::En), "1,234,567");
        assert_eq!(decimal_text("n/a", Lang::Fr), "n/a");
        assert_eq!(parse_decimal::<f64>("1 234,5"), Some(1234.5));
        assert_eq!(parse_decimal::<f64>("  "), None);
        assert_eq!(parse_decimal::<f64>("douze"), None);
        assert_eq!(with_unit("12,5", "m²"), "12,5\u{a0}m²");
    }

    #[test]
    fn euros_are_written_french_style() {
        assert_eq!(
            euros(125_000_000, Lang::Fr),
            "1\u{202f}250\u{202f}000\u{a0}€"
        );
        assert_eq!(
            euros(125_000_050, Lang::Fr),
            "1\u{202f}250\u{202f}000,50\u{a0}€"
        );
        assert_eq!(euros(5, Lang::Fr), "0,05\u{a0}€");
        assert_eq!(euros(0, Lang::Fr), "0\u{a0}€");
        assert_eq!(euros(99_900, Lang::Fr), "999\u{a0}€");
        assert_eq!(euros(-150_000, Lang::Fr), "-1\u{202f}500\u{a0}€");
        assert_eq!(euros(i64::MIN, Lang::Fr).chars().last(), Some('€'));
    }

    #[test]
    fn euros_are_written_english_style() {
        assert_eq!(euros(125_000_050, Lang::En), "€1,250,000.50");
        assert_eq!(euros(100_000_00, Lang::En), "€100,000");
        assert_eq!(euros(-1_50, Lang::En), "-€1.50");
    }

    #[test]
    fn amounts_round_trip_through_inputs() {
        for cents in [0, 1, 99, 100, 1_250_000_50, 300_000_00, 12_345_678_90] {
            for lang in [Lang::Fr, Lang::En] {
                let typed = euros_for_input(cents, lang);
                assert_eq!(parse_euros(&typed), Ok(cents), "{typed}");
                assert_eq!(parse_euros(&euros(cents, lang)), Ok(cents), "{typed}");
            }
        }
        assert_eq!(euros_for_input(1_250_000_50, Lang::Fr), "1 250 000,50");
    }

    #[test]
    fn typed_amounts_are_read_in_cents() {
        assert_eq!(parse_euros("1 250 000,50"), Ok(1_250_000_50));
        assert_eq!(parse_euros("1\u{a0}250\u{202f}000,50 €"), Ok(1_250_000_50));
        assert_eq!(parse_euros("1250000.5"), Ok(1_250_000_50));
        assert_eq!(parse_euros("1.250.000,50"), Ok(1_250_000_50));
        assert_eq!(parse_euros("1,250,000.50"), Ok(1_250_000_50));
        assert_eq!(parse_euros("100 000"), Ok(100_000_00));
        assert_eq!(parse_euros("300000 €"), Ok(300_000_00));
        assert_eq!(parse_euros("€200,000"), Ok(200_000_00));
        assert_eq!(parse_euros("12,5"), Ok(12_50));
        assert_eq!(parse_euros("0,99"), Ok(99));
        assert_eq!(parse_euros(" 7 "), Ok(7_00));
        assert_eq!(
            parse_euros("1.250"),
            Ok(1_250_00),
            "a group of three is thousands"
        );
    }

    #[test]
    fn unreadable_amounts_say_why() {
        assert_eq!(parse_euros(""), Err(AmountError::Empty));
        assert_eq!(parse_euros("  € "), Err(AmountError::Empty));
        assert_eq!(parse_euros("-5"), Err(AmountError::Negative));
        assert_eq!(parse_euros("douze"), Err(AmountError::Invalid));
        assert_eq!(parse_euros("1e6"), Err(AmountError::Invalid));
        assert_eq!(parse_euros("12,3456"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_euros("1.234,567"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_euros("1,2,3"), Err(AmountError::Invalid));
        assert_eq!(parse_euros("1,25.000,5"), Err(AmountError::Invalid));
        assert_eq!(parse_euros(",5"), Err(AmountError::Invalid));
        assert_eq!(parse_euros("0,125"), Err(AmountError::Invalid));
        assert_eq!(
            parse_euros("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(parse_euros("92233720368547759"), Err(AmountError::TooLarge));
    }

    #[test]
    fn leverage_reads_like_the_source_document() {
        assert_eq!(leverage(Some(5.0), Lang::Fr), "1\u{a0}€ → 5,00\u{a0}€");
        assert_eq!(leverage(Some(0.5), Lang::En), "€1 → €0.50");
        assert_eq!(leverage(None, Lang::Fr), "—");
        assert_eq!(two_decimals(1234.567, Lang::Fr), "1\u{202f}234,57");
        assert_eq!(two_decimals(-0.5, Lang::En), "-0.50");
    }

    #[test]
    fn portfolio_figures() {
        assert_eq!(integer(2_243, Lang::Fr), "2\u{202f}243");
        assert_eq!(integer(2_243, Lang::En), "2,243");
        assert_eq!(integer(96, Lang::Fr), "96");
        assert_eq!(millions_of_euros(19_422_000_000, Lang::Fr), "194,2\u{a0}M€");
        assert_eq!(millions_of_euros(19_422_000_000, Lang::En), "€194.2M");
        assert_eq!(millions_of_euros(-4_000_000_00, Lang::En), "-€4.0M");
        assert_eq!(millions_of_euros(0, Lang::Fr), "0,0\u{a0}M€");
        assert_eq!(divided_by(Some(3.896_551_724), Lang::Fr), "÷\u{a0}3,9");
        assert_eq!(divided_by(Some(4.0), Lang::En), "÷\u{a0}4.0");
        assert_eq!(divided_by(None, Lang::Fr), "—");
        assert_eq!(times(Some(2.1), Lang::Fr), "×\u{a0}2,10");
        assert_eq!(times(Some(0.25), Lang::En), "×\u{a0}0.25");
        assert_eq!(times(None, Lang::En), "—");
    }

    #[test]
    fn dates_and_sizes() {
        let day = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap_or_default();
        assert_eq!(date(day, Lang::Fr), "12\u{a0}mars\u{a0}2025");
        assert_eq!(date(day, Lang::En), "12\u{a0}March\u{a0}2025");
        assert_eq!(parse_date_input("2025-03-12"), Ok(Some(day)));
        assert_eq!(parse_date_input(""), Ok(None));
        assert!(parse_date_input("12/03/2025").is_err());
        assert_eq!(date_input(Some(day)), "2025-03-12");
        assert_eq!(file_size(512, Lang::Fr), "512\u{a0}o");
        assert_eq!(file_size(12_800, Lang::Fr), "12,5\u{a0}Ko");
        assert_eq!(file_size(3 * 1024 * 1024, Lang::En), "3\u{a0}MB");
    }
}

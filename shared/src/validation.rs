//! Input rules both sides apply: the web app to show a message before the
//! round trip, the backend to refuse what breaks them (422 with the field).

use crate::FieldError;

/// Something that can list what is wrong with it, field by field.
pub trait Validate {
    fn validate(&self) -> Vec<FieldError>;
}

/// The rules below as JSON Schema `pattern`s, for the OpenAPI document.
/// Each states exactly what the function of the same rule accepts, after
/// whatever trimming the record applies first; the document carries them
/// as literals (utoipa takes no expression there), and a test of the
/// backend checks each literal against these. Character classes are
/// spelled as ranges so every regex dialect reads them alike.
///
/// `char::is_control`: Unicode's `Cc`.
macro_rules! control {
    () => {
        r"\u0000-\u001F\u007F-\u009F"
    };
}
/// `char::is_whitespace` (Unicode's `White_Space`), what `str::trim` removes.
macro_rules! space {
    () => {
        r"\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}
/// Whitespace that is no control character.
macro_rules! plain_space {
    () => {
        r"\u0020\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}
/// Whitespace `long_text` lets through: all but vertical tab, form feed
/// and next line.
macro_rules! text_space {
    () => {
        r"\u0009\u000A\u000D\u0020\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}
/// Neither control nor whitespace.
macro_rules! visible {
    () => {
        r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"
    };
}
/// What `long_text` refuses: control characters but tab, line feed and
/// carriage return.
macro_rules! long_text_control {
    () => {
        r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F"
    };
}
macro_rules! email_shape {
    () => {
        concat!(
            r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,30}(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,15}){0,2}",
            r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
            r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,2}"
        )
    };
}
macro_rules! phone_shape {
    () => {
        r"[ +.()-]*(?:[0-9][ +.()-]*){6,20}"
    };
}

/// `required_text` on the value as sent: something visible, no control
/// character.
pub const REQUIRED_TEXT_PATTERN: &str = concat!(
    "^[",
    plain_space!(),
    "]*",
    visible!(),
    "[^",
    control!(),
    "]*$"
);
/// What remains of a value once trimmed, `max` characters at most, when
/// it follows `required_text`: visible at both ends, no control character.
fn trimmed_content(max: usize) -> String {
    if max < 2 {
        return visible!().to_owned();
    }
    format!(
        concat!(
            visible!(),
            "(?:[^",
            control!(),
            "]{{0,{}}}",
            visible!(),
            ")?"
        ),
        max.saturating_sub(2)
    )
}

/// `required_text` on the value once trimmed, at most `max` characters:
/// the same once leading and trailing whitespace (control characters
/// among it too) are removed.
pub fn trimmed_text_pattern(max: usize) -> String {
    format!(
        concat!("^[", space!(), "]*{}[", space!(), "]*$"),
        trimmed_content(max)
    )
}

/// `optional_text` on a value blank turns into absent, trimmed otherwise.
pub fn optional_trimmed_text_pattern(max: usize) -> String {
    format!(
        concat!("^[", space!(), "]*(?:{}[", space!(), "]*)?$"),
        trimmed_content(max)
    )
}

/// A value made of whitespace only (none at all included): blank, and so
/// absent where a field is optional.
pub const BLANK_PATTERN: &str = concat!("^[", space!(), "]*$");
/// `long_text`: line breaks and tabs, no other control character.
pub const LONG_TEXT_PATTERN: &str = concat!("^[^", long_text_control!(), "]*$");
/// A long text that must say something (a journal entry's body).
pub const REQUIRED_LONG_TEXT_PATTERN: &str = concat!(
    "^[",
    text_space!(),
    "]*",
    visible!(),
    "[^",
    long_text_control!(),
    "]*$"
);
/// Something besides whitespace (a sign-in's e-mail, a token).
pub const NOT_BLANK_PATTERN: &str = concat!("[^", space!(), "]");
/// A tag: `required_text` without double quotes.
pub const TAG_PATTERN: &str = concat!(
    "^[^\"",
    control!(),
    "]*[^\"",
    r"\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000",
    "][^\"",
    control!(),
    "]*$"
);
/// `email` (which trims): dot-atoms of RFC 5322's `atext`, a host name with
/// a dot. The server's parser takes a little more (quoted local parts,
/// address literals, non-ASCII); what this admits it always takes.
pub const EMAIL_PATTERN: &str = concat!("^[", space!(), "]*", email_shape!(), "[", space!(), "]*$");
/// `optional_email`: blank, or an address as `EMAIL_PATTERN`.
pub const OPTIONAL_EMAIL_PATTERN: &str = concat!(
    "^[",
    space!(),
    "]*(?:",
    email_shape!(),
    "[",
    space!(),
    "]*)?$"
);
/// `commune_insee` on a value blank turns into absent, trimmed otherwise.
pub const OPTIONAL_INSEE_PATTERN: &str = concat!(
    "^[",
    space!(),
    "]*(?:(?:[0-9]{2}|2A|2B)[0-9]{3}[",
    space!(),
    "]*)?$"
);
/// `website` on a value blank turns into absent, trimmed otherwise: more
/// than `https://`, no whitespace, `WEBSITE_MAX_CHARS` at most.
pub fn optional_website_pattern() -> String {
    format!(
        concat!(
            "^[",
            space!(),
            "]*(?:(?:https://[^",
            space!(),
            "]{{1,{https}}}|http://[^",
            space!(),
            "]{{2,{http}}})[",
            space!(),
            "]*)?$"
        ),
        https = WEBSITE_MAX_CHARS - "https://".len(),
        http = WEBSITE_MAX_CHARS - "http://".len(),
    )
}
/// `phone` on a value blank turns into absent, trimmed otherwise.
pub const OPTIONAL_TRIMMED_PHONE_PATTERN: &str = concat!(
    "^[",
    space!(),
    "]*(?:",
    phone_shape!(),
    "[",
    space!(),
    "]*)?$"
);
/// `phone` on a value blank turns into absent, untrimmed otherwise.
pub const OPTIONAL_PHONE_PATTERN: &str = concat!("^(?:[", space!(), "]*|", phone_shape!(), ")$");
/// A SIRET as `siret::parse_siret` reads it, blank for none: 14 digits,
/// whitespace anywhere. Its check digit is a rule no pattern states.
pub const OPTIONAL_SIRET_PATTERN: &str =
    concat!("^[", space!(), "]*(?:(?:[0-9][", space!(), "]*){14})?$");
/// A decimal sent as a string: what `rust_decimal` reads, in its plain
/// form (it also reads `+`, `_` and exponents): up to 29 digits before the
/// point, as its magnitudes below 2^96 have, and 28 after. (A 29-digit
/// string above 2^96 has the shape but not the magnitude: refused with 422.)
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]{1,29}(?:\.[0-9]{1,28})?$";
/// `Decimal` holds magnitudes below 2^96: a JSON number must lie strictly
/// within these (the nearest `f64` to the largest `Decimal` is 2^96).
pub const DECIMAL_NUMBER_BOUND: f64 = 79_228_162_514_264_337_593_543_950_336.0;
/// A webhook's URL as `webhooks::webhook_url` reads it (it trims): a host
/// after the scheme, no whitespace or control character, `max` characters
/// at most.
pub fn webhook_url_pattern(max: usize) -> String {
    format!(
        concat!(
            "^[",
            space!(),
            "]*(?:https://{host}",
            visible!(),
            "{{0,{https}}}|http://{host}",
            visible!(),
            "{{0,{http}}})[",
            space!(),
            "]*$"
        ),
        host = concat!(
            "[^/?",
            r"\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000",
            "]"
        ),
        https = max.saturating_sub("https://".len() + 1),
        http = max.saturating_sub("http://".len() + 1),
    )
}
/// No whitespace, no control character (a webhook's secret).
pub const VISIBLE_PATTERN: &str = concat!("^", visible!(), "*$");
/// A criterion's key, and so a key of an evaluation's `scores`.
pub const CRITERION_KEY_PATTERN: &str = "^[a-z0-9_]{1,60}$";

pub const PASSWORD_MIN_CHARS: usize = 12;
/// Bounds the hashing work an attacker can ask for.
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const NAME_MAX_CHARS: usize = 200;
pub const WEBSITE_MAX_CHARS: usize = 500;
pub const PHONE_MAX_CHARS: usize = 30;
/// The largest plausible amount: 100 billion euros, in cents.
pub const AMOUNT_MAX_CENTS: i64 = 100_000_000_000_00;

/// The canonical form an e-mail address is stored and compared in:
/// trimmed and lower-cased, so `Alice@Town.fr` and `alice@town.fr` are one.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn email(field: &str, value: &str) -> Option<FieldError> {
    let value = value.trim();
    if value.is_empty() {
        Some(FieldError::new(
            field,
            "required",
            "an e-mail address is required",
        ))
    } else if value.chars().count() > EMAIL_MAX_CHARS {
        Some(FieldError::new(
            field,
            "too_long",
            "e-mail address is too long",
        ))
    } else if !email_address::EmailAddress::is_valid(value) || !value.contains('.') {
        Some(FieldError::new(
            field,
            "invalid_email",
            "not a valid e-mail address",
        ))
    } else {
        None
    }
}

/// Length rules only; the backend also refuses passwords from a list of
/// common ones, which is too large to ship to the browser.
pub fn password_shape(field: &str, value: &str) -> Vec<FieldError> {
    let length = value.chars().count();
    if length < PASSWORD_MIN_CHARS {
        vec![FieldError::new(
            field,
            "too_short",
            format!("a password needs at least {PASSWORD_MIN_CHARS} characters"),
        )]
    } else if length > PASSWORD_MAX_CHARS {
        vec![FieldError::new(
            field,
            "too_long",
            format!("a password has at most {PASSWORD_MAX_CHARS} characters"),
        )]
    } else {
        vec![]
    }
}

/// A required, single-line label of bounded length.
pub fn required_text(field: &str, value: &str, max_chars: usize) -> Option<FieldError> {
    if value.trim().is_empty() {
        Some(FieldError::new(field, "required", "this field is required"))
    } else if value.chars().count() > max_chars {
        Some(FieldError::new(
            field,
            "too_long",
            format!("at most {max_chars} characters"),
        ))
    } else if value.chars().any(char::is_control) {
        Some(FieldError::new(
            field,
            "invalid_characters",
            "control characters are not allowed",
        ))
    } else {
        None
    }
}

pub fn display_name(field: &str, value: &str) -> Option<FieldError> {
    required_text(field, value, NAME_MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(email("email", "chargee.mission@ville-romans.fr").is_none());
        assert!(email("email", "  Alice@Town.FR ").is_none());
        assert_eq!(email("email", "").unwrap().code, "required");
        assert_eq!(
            email("email", "not-an-address").unwrap().code,
            "invalid_email"
        );
        assert_eq!(email("email", "a@b").unwrap().code, "invalid_email");
        let long = format!("{}@town.fr", "a".repeat(260));
        assert_eq!(email("email", &long).unwrap().code, "too_long");
        assert_eq!(normalize_email(" Alice@Town.FR "), "alice@town.fr");
    }

    #[test]
    fn passwords_have_bounded_length() {
        assert_eq!(password_shape("password", "short")[0].code, "too_short");
        assert_eq!(
            password_shape("password", "elevenchars")[0].code,
            "too_short"
        );
        assert!(password_shape("password", "twelve chars").is_empty());
        // Length is counted in characters, not bytes.
        assert!(password_shape("password", "éléphantsbleus").is_empty());
        assert_eq!(password_shape("p", &"x".repeat(129))[0].code, "too_long");
    }

    #[test]
    fn required_text_rules() {
        assert!(required_text("title", "Friche Jeanne d'Arc", 200).is_none());
        assert_eq!(required_text("title", "   ", 200).unwrap().code, "required");
        assert_eq!(required_text("title", "abc", 2).unwrap().code, "too_long");
        assert_eq!(
            required_text("title", "a\u{0}b", 200).unwrap().code,
            "invalid_characters"
        );
    }
}

pub const TEXT_MAX_CHARS: usize = 20_000;
pub const TAG_MAX_CHARS: usize = 50;
pub const MAX_TAGS: usize = 30;

/// An optional single-line text: when given, it follows `required_text`.
pub fn optional_text(field: &str, value: Option<&str>, max_chars: usize) -> Option<FieldError> {
    value.and_then(|v| required_text(field, v, max_chars))
}

/// A long free text (description, notes): bounded, newlines allowed.
pub fn long_text(field: &str, value: Option<&str>) -> Option<FieldError> {
    let value = value?;
    if value.chars().count() > TEXT_MAX_CHARS {
        Some(FieldError::new(
            field,
            "too_long",
            format!("at most {TEXT_MAX_CHARS} characters"),
        ))
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Some(FieldError::new(
            field,
            "invalid_characters",
            "control characters are not allowed",
        ))
    } else {
        None
    }
}

pub fn optional_email(field: &str, value: Option<&str>) -> Option<FieldError> {
    value
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| email(field, v))
}

/// An INSEE commune code: five characters, digits except Corsica's 2A/2B.
pub fn commune_insee(field: &str, value: Option<&str>) -> Option<FieldError> {
    let value = value?;
    let bytes = value.as_bytes();
    let valid = bytes.len() == 5
        && (bytes[..2].iter().all(u8::is_ascii_digit) || matches!(&bytes[..2], b"2A" | b"2B"))
        && bytes[2..].iter().all(u8::is_ascii_digit);
    (!valid).then(|| {
        FieldError::new(
            field,
            "invalid_insee_code",
            "an INSEE commune code has 5 characters, e.g. 26281",
        )
    })
}

pub fn website(field: &str, value: Option<&str>) -> Option<FieldError> {
    let value = value?;
    let valid = (value.starts_with("https://") || value.starts_with("http://"))
        && value.chars().count() > "https://".len()
        && value.chars().count() <= WEBSITE_MAX_CHARS
        && !value.chars().any(char::is_whitespace);
    (!valid).then(|| {
        FieldError::new(
            field,
            "invalid_url",
            "a web address starts with http:// or https://",
        )
    })
}

pub fn phone(field: &str, value: Option<&str>) -> Option<FieldError> {
    let value = value?;
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let valid = (6..=20).contains(&digits)
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
        && value.len() <= PHONE_MAX_CHARS;
    (!valid).then(|| FieldError::new(field, "invalid_phone", "not a phone number"))
}

pub fn tags(field: &str, values: &[String]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if values.len() > MAX_TAGS {
        errors.push(FieldError::new(
            field,
            "too_many",
            format!("at most {MAX_TAGS} tags"),
        ));
    }
    for (index, tag) in values.iter().enumerate() {
        if let Some(mut error) = required_text(&format!("{field}.{index}"), tag, TAG_MAX_CHARS) {
            error.field = format!("{field}.{index}");
            errors.push(error);
        } else if tag.contains('"') {
            errors.push(FieldError::new(
                format!("{field}.{index}"),
                "invalid_characters",
                "quotes are not allowed in tags",
            ));
        }
    }
    errors
}

/// Tags trimmed, de-duplicated, in the order given.
pub fn normalize_tags(values: &[String]) -> Vec<String> {
    let mut seen = Vec::<String>::new();
    for tag in values.iter().map(|t| t.trim().to_owned()) {
        if !tag.is_empty() && !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    seen
}

/// Non-negative money amount in cents.
pub fn amount_cents(field: &str, value: i64) -> Option<FieldError> {
    if value < 0 {
        Some(FieldError::new(
            field,
            "negative",
            "an amount cannot be negative",
        ))
    } else if value > AMOUNT_MAX_CENTS {
        Some(FieldError::new(
            field,
            "too_large",
            "this amount is not plausible",
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod record_tests {
    use super::*;

    #[test]
    fn insee_codes() {
        assert!(commune_insee("c", Some("26281")).is_none());
        assert!(commune_insee("c", Some("2A004")).is_none());
        assert!(commune_insee("c", Some("2628")).is_some());
        assert!(commune_insee("c", Some("2C004")).is_some());
        assert!(commune_insee("c", None).is_none());
        // Five bytes, not five characters: refused, without slicing a
        // character in two.
        assert!(commune_insee("c", Some("\u{601e9}n")).is_some());
        assert!(commune_insee("c", Some("é262")).is_some());
    }

    #[test]
    fn contact_details() {
        assert!(website("w", Some("https://www.ville-romans.fr")).is_none());
        assert!(website("w", Some("www.ville-romans.fr")).is_some());
        assert!(phone("p", Some("+33 4 75 05 51 51")).is_none());
        assert!(phone("p", Some("call me")).is_some());
        assert!(optional_email("e", Some("")).is_none());
        assert!(optional_email("e", Some("x@")).is_some());
    }

    #[test]
    fn tag_rules() {
        assert!(tags("tags", &["énergie".into(), "quartier".into()]).is_empty());
        assert_eq!(tags("tags", &["ok".into(), " ".into()])[0].field, "tags.1");
        assert_eq!(
            normalize_tags(&[" a ".into(), "a".into(), "b".into()]),
            vec!["a", "b"]
        );
        assert!(amount_cents("a", -1).is_some());
        assert!(amount_cents("a", 0).is_none());
    }
}

#[cfg(test)]
mod pattern_tests {
    //! Each pattern accepts exactly what its rule accepts, on values chosen
    //! at the edges: blanks, padding, control characters, lengths aside
    //! (the document states those as `minLength`/`maxLength`).
    use super::*;

    const SAMPLES: &[&str] = &[
        "",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\u{feff}",
        "\u{85}",
        "a",
        " a ",
        "\ta",
        "a\n",
        "a\nb",
        "a\u{0}b",
        "a\u{7f}",
        "a\u{9f}b",
        "a\u{b}b",
        "a\u{200b}",
        "é",
        "Friche Jeanne d'Arc",
        "say \"hi\"",
        "26281",
        "2A004",
        "2C004",
        " 26281 ",
        "2628",
        "aé12",
        "https://www.ville-romans.fr",
        "http://x",
        "http://xy",
        "https://x",
        "https://",
        " https://a.fr ",
        "https://a b",
        "https://\u{1}",
        "+33 4 75 05 51 51",
        " 0475055151 ",
        "\t0475055151",
        "12345",
        "123456",
        "(04) 75-05.51",
        "call me",
        "732 829 320 00074",
        "73282932000074",
        "7328293200007",
        "alice@town.fr",
        " Alice@Town.FR ",
        "a@b",
        "a.b.c@d.e",
        "not-an-address",
        "x@",
        "http://é",
        "  Tiers-lieu des Tanneurs  ",
        "0123456789012345678901234",
        " 0123456789 ",
        "https://0123456789",
        "\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}\u{85}",
    ];

    fn matches(pattern: &str, value: &str) -> bool {
        regex::Regex::new(pattern).unwrap().is_match(value)
    }

    fn trimmed(value: &str) -> Option<&str> {
        Some(value.trim()).filter(|v| !v.is_empty())
    }

    /// Whether `pattern` and `rule` agree on every sample.
    fn agree(name: &str, pattern: &str, rule: impl Fn(&str) -> bool) {
        for sample in SAMPLES {
            assert_eq!(
                matches(pattern, sample),
                rule(sample),
                "{name} on {sample:?}"
            );
        }
    }

    #[test]
    fn patterns_state_their_rules() {
        agree("required", REQUIRED_TEXT_PATTERN, |s| {
            required_text("f", s, usize::MAX).is_none()
        });
        for max in [1, 2, 3, 10, 20] {
            agree("trimmed", &trimmed_text_pattern(max), |s| {
                required_text("f", s.trim(), max).is_none()
            });
            agree(
                "optional trimmed",
                &optional_trimmed_text_pattern(max),
                |s| optional_text("f", trimmed(s), max).is_none(),
            );
            agree("webhook url", &webhook_url_pattern(max + 8), |s| {
                crate::webhooks::webhook_url_within("u", s, max + 8).is_none()
            });
        }
        agree("blank", BLANK_PATTERN, |s| s.trim().is_empty());
        agree("required long", REQUIRED_LONG_TEXT_PATTERN, |s| {
            !s.trim().is_empty() && long_text("f", Some(s)).is_none()
        });
        agree("not blank", NOT_BLANK_PATTERN, |s| !s.trim().is_empty());
        agree("tag", TAG_PATTERN, |s| {
            tags("t", &[s.to_owned()]).is_empty()
        });
        agree("email", EMAIL_PATTERN, |s| email("e", s).is_none());
        agree("optional email", OPTIONAL_EMAIL_PATTERN, |s| {
            optional_email("e", trimmed(s)).is_none()
        });
        agree("insee", OPTIONAL_INSEE_PATTERN, |s| {
            commune_insee("c", trimmed(s)).is_none()
        });
        agree("website", &optional_website_pattern(), |s| {
            website("w", trimmed(s)).is_none()
        });
        agree("trimmed phone", OPTIONAL_TRIMMED_PHONE_PATTERN, |s| {
            phone("p", trimmed(s)).is_none()
        });
        agree("phone", OPTIONAL_PHONE_PATTERN, |s| {
            phone("p", Some(s).filter(|s| !s.trim().is_empty())).is_none()
        });
        agree("siret", OPTIONAL_SIRET_PATTERN, |s| {
            trimmed(s).is_none_or(|s| {
                !matches!(
                    crate::siret::parse_siret(s),
                    Err(crate::siret::SiretError::Format)
                )
            })
        });
        agree("visible", VISIBLE_PATTERN, |s| {
            !s.chars().any(|c| c.is_whitespace() || c.is_control())
        });
    }

    #[test]
    fn the_criterion_key_pattern_has_its_bound() {
        let bound = format!("{{1,{}}}", crate::evaluation::CRITERION_KEY_MAX_CHARS);
        assert!(CRITERION_KEY_PATTERN.contains(&bound));
    }

    #[test]
    fn the_decimal_pattern_admits_only_what_parses() {
        use rust_decimal::Decimal;
        use std::str::FromStr;
        for (value, admitted) in [
            ("12.5", true),
            ("-3", true),
            ("0", true),
            ("7922816251426433759354395033.5", true),
            // A number near the bound, as the API writes it back.
            ("17078032880549564000000000000", true),
            ("790000000000000000000000000000", false),
            (
                "9999999999999999999999999999.9999999999999999999999999999",
                true,
            ),
            ("1.", false),
            (".5", false),
            ("1e5", false),
            ("abc", false),
            ("", false),
        ] {
            assert_eq!(matches(DECIMAL_PATTERN, value), admitted, "{value}");
            if admitted {
                assert!(Decimal::from_str(value).is_ok(), "{value}");
            }
        }
        assert!(Decimal::from_str(&(DECIMAL_NUMBER_BOUND).to_string()).is_err());
        let below = f64::from_bits(DECIMAL_NUMBER_BOUND.to_bits() - 1);
        assert!(Decimal::from_str(&below.to_string()).is_ok());
    }
}

//! Input rules both sides apply: the web app to show a message before the
//! round trip, the backend to refuse what breaks them (422 with the field).

use crate::FieldError;

/// Something that can list what is wrong with it, field by field.
pub trait Validate {
    fn validate(&self) -> Vec<FieldError>;
}

pub const PASSWORD_MIN_CHARS: usize = 12;
/// Bounds the hashing work an attacker can ask for.
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const NAME_MAX_CHARS: usize = 200;

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
        && value.len() > "https://".len()
        && value.len() <= 500
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
        && value.len() <= 30;
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
    const MAX_CENTS: i64 = 100_000_000_000_00; // 100 billion euros
    if value < 0 {
        Some(FieldError::new(
            field,
            "negative",
            "an amount cannot be negative",
        ))
    } else if value > MAX_CENTS {
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
        // Five bytes, not five characters, and no panic on a split one.
        assert!(commune_insee("c", Some("aé12")).is_some());
        assert!(commune_insee("c", Some("2é12")).is_some());
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

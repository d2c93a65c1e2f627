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

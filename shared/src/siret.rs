//! SIRET numbers (French establishment identifiers): 14 digits whose
//! Luhn checksum is valid, the first 9 being the company's SIREN. La Poste's
//! establishments are numbered by another rule: the sum of the digits is a
//! multiple of 5.

/// La Poste's SIREN, whose establishments follow their own check.
const LA_POSTE_SIREN: &str = "356000000";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiretError {
    /// Not exactly 14 digits once spaces are removed.
    Format,
    /// The check digit does not match.
    Checksum,
}

impl SiretError {
    pub fn message(&self) -> &'static str {
        match self {
            SiretError::Format => "a SIRET has exactly 14 digits",
            SiretError::Checksum => "this SIRET's check digit is wrong (Luhn)",
        }
    }
}

/// Luhn check over a string of ASCII digits.
pub fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Normalises (spaces removed) and checks a SIRET; returns the 14 digits.
pub fn parse_siret(raw: &str) -> Result<String, SiretError> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SiretError::Format);
    }
    let valid = if digits.starts_with(LA_POSTE_SIREN) {
        let sum: u32 = digits.bytes().map(|b| u32::from(b - b'0')).sum();
        sum.is_multiple_of(5) || luhn_valid(&digits)
    } else {
        luhn_valid(&digits)
    };
    if valid {
        Ok(digits)
    } else {
        Err(SiretError::Checksum)
    }
}

/// The SIREN (company) part of a valid SIRET.
pub fn siren_of(siret: &str) -> &str {
    siret.get(..9).unwrap_or(siret)
}

/// Appends the Luhn check digit that makes `body` (13 digits) a valid SIRET.
pub fn with_check_digit(body: &str) -> String {
    (0..10)
        .map(|d| format!("{body}{d}"))
        .find(|candidate| luhn_valid(candidate))
        .unwrap_or_else(|| format!("{body}0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_sirets_pass() {
        for siret in ["73282932000074", "44306184100047", "443 061 841 00047"] {
            assert!(parse_siret(siret).is_ok(), "{siret}");
        }
        assert_eq!(parse_siret("443 061 841 00047").unwrap(), "44306184100047");
    }

    #[test]
    fn wrong_check_digits_and_formats_fail() {
        assert_eq!(parse_siret("73282932000075"), Err(SiretError::Checksum));
        assert_eq!(parse_siret("7328293200007"), Err(SiretError::Format));
        assert_eq!(parse_siret("7328293200007A"), Err(SiretError::Format));
        assert_eq!(parse_siret(""), Err(SiretError::Format));
    }

    #[test]
    fn la_poste_follows_its_own_rule() {
        // Digit sum 20: a multiple of 5, though the Luhn sum is not.
        let la_poste = "35600000049837";
        assert!(!luhn_valid(la_poste));
        assert!(parse_siret(la_poste).is_ok());
        // Digit sum 21: refused.
        assert_eq!(parse_siret("35600000049838"), Err(SiretError::Checksum));
    }

    #[test]
    fn siren_and_check_digit_helpers() {
        assert_eq!(siren_of("73282932000074"), "732829320");
        let made = with_check_digit("1234567890123");
        assert!(parse_siret(&made).is_ok());
    }
}

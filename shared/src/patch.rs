//! Partial updates: in a PATCH body an absent field stays as it is and
//! `null` clears it. `Option<Option<T>>` tells the two apart.

use serde::{Deserialize, Deserializer};

/// Use with `#[serde(default, deserialize_with = "crate::patch::nullable")]`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// The new value of a nullable field after a patch.
pub fn apply<T: Clone>(current: &Option<T>, change: &Option<Option<T>>) -> Option<T> {
    match change {
        Some(new) => new.clone(),
        None => current.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "nullable")]
        sector: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_are_distinct() {
        let absent: Sample = serde_json::from_str("{}").unwrap();
        let null: Sample = serde_json::from_str(r#"{"sector": null}"#).unwrap();
        let value: Sample = serde_json::from_str(r#"{"sector": "BTP"}"#).unwrap();
        let current = Some("Industrie".to_owned());
        assert_eq!(apply(&current, &absent.sector), current);
        assert_eq!(apply(&current, &null.sector), None);
        assert_eq!(apply(&current, &value.sector), Some("BTP".to_owned()));
    }
}

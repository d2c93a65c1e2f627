//! Reading a parsed JSON body into a request type with JSON's own meaning,
//! which serde's defaults stretch in two ways:
//!
//! - a struct is read from an object only; serde would also take an array
//!   of its fields in order (`[null, "x"]`), which the document does not
//!   allow;
//! - a number with a zero fraction (`12.0`) is the integer it equals, as
//!   JSON Schema counts it; serde would refuse it where an integer is
//!   expected.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Error, Number, Value};

/// A deserializer over a parsed value, applying the rules above at every
/// depth.
pub struct Strict<'a>(pub &'a Value);

/// The largest magnitude below which every `f64` with a zero fraction is
/// exactly an `i64`.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

fn visit_number<'de, V: Visitor<'de>>(number: &Number, visitor: V) -> Result<V::Value, Error> {
    if let Some(value) = number.as_u64() {
        visitor.visit_u64(value)
    } else if let Some(value) = number.as_i64() {
        visitor.visit_i64(value)
    } else {
        let value = number.as_f64().unwrap_or(f64::NAN);
        if value.fract() == 0.0 && value.abs() < EXACT_INTEGER_LIMIT {
            // Exact: the magnitude is below 2^53.
            #[allow(clippy::cast_possible_truncation)]
            let integer = value as i64;
            visitor.visit_i64(integer)
        } else {
            visitor.visit_f64(value)
        }
    }
}

impl<'de, 'a> de::Deserializer<'de> for Strict<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(*value),
            Value::Number(number) => visit_number(number, visitor),
            Value::String(text) => visitor.visit_str(text),
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                pending: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(_) => self.deserialize_any(visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(text) => visitor.visit_enum(text.as_str().into_deserializer()),
            // Variants with data (`{"variant": ...}`) follow serde_json's reading.
            other => de::Deserializer::deserialize_enum(other.clone(), name, variants, visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(value) => de::Unexpected::Bool(*value),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Items<'a>(std::slice::Iter<'a, Value>);

impl<'de, 'a> SeqAccess<'de> for Items<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|value| seed.deserialize(Strict(value)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries<'a> {
    entries: serde_json::map::Iter<'a>,
    pending: Option<&'a Value>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                seed.deserialize(key.as_str().into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(Strict(value)),
            None => Err(de::Error::custom("a value was read before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        id: i64,
        ratio: Option<f64>,
        inner: Option<Inner>,
        kind: Option<Kind>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        weight: u8,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Public,
        Private,
    }

    fn read(json: &str) -> Result<Outer, Error> {
        let value: Value = serde_json::from_str(json).unwrap();
        Outer::deserialize(Strict(&value))
    }

    #[test]
    fn objects_only_for_structs_at_every_depth() {
        assert!(read("[1, null, null, null]").is_err());
        assert!(read(r#"{"id": 1, "inner": [3]}"#).is_err());
        assert_eq!(
            read(r#"{"id": 1, "inner": {"weight": 3}, "kind": "private", "tags": ["a"]}"#).unwrap(),
            Outer {
                id: 1,
                ratio: None,
                inner: Some(Inner { weight: 3 }),
                kind: Some(Kind::Private),
                tags: vec!["a".into()],
            }
        );
        assert!(read(r#"{"id": 1, "extra": true}"#).is_err());
        assert!(read(r#"{"id": 1, "kind": "secret"}"#).is_err());
    }

    #[test]
    fn integral_numbers_are_integers() {
        assert_eq!(read(r#"{"id": 12.0}"#).unwrap().id, 12);
        assert_eq!(read(r#"{"id": -3e2}"#).unwrap().id, -300);
        assert!(read(r#"{"id": 1.5}"#).is_err());
        assert!(read(r#"{"id": 1e300}"#).is_err());
        assert_eq!(read(r#"{"id": 1, "ratio": 2}"#).unwrap().ratio, Some(2.0));
        assert_eq!(
            read(r#"{"id": 1, "ratio": 0.25}"#).unwrap().ratio,
            Some(0.25)
        );
    }
}

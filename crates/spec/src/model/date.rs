//! Dates written either as a TOML date (`2026-01-01`) or a string (`"2026-01-01"`).

use std::fmt;

use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};

/// Deserializes a TOML local date or a string into its `YYYY-MM-DD` text.
pub(crate) fn string_or_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    struct DateVisitor;

    impl<'de> Visitor<'de> for DateVisitor {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date such as 2026-01-01")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
            let datetime: toml::value::Datetime =
                de::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
            Ok(datetime.to_string())
        }
    }

    deserializer.deserialize_any(DateVisitor)
}

//! `string_enum!`: enumerations spelled as fixed strings in `lakeforge.toml`.
//!
//! One declaration gives the enum, its serde spelling (with aliases accepted
//! when reading), `ALL`, `as_str`, `Display` and `FromStr`.

use crate::suggest;

/// A string that is not one of an enumeration's spellings.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{value}`; valid values are {}", .valid.join(", "))]
pub struct ParseEnumError {
    /// What was being parsed, e.g. "zone".
    pub what: &'static str,
    /// The rejected text.
    pub value: String,
    /// The valid spellings, closest match first.
    pub valid: Vec<&'static str>,
}

impl ParseEnumError {
    /// A rejection of `value` as a `what`, listing `valid` closest first.
    pub(crate) fn new(what: &'static str, value: &str, valid: &[&'static str]) -> Self {
        Self {
            what,
            value: value.to_owned(),
            valid: suggest::closest_first(value, valid.iter().copied()),
        }
    }
}

macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident ($what:literal) {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $text:literal $(| $alias:literal)*
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $text $(, alias = $alias)*)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The spelling used in `lakeforge.toml`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::string_enum::ParseEnumError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text $(| $alias)* => Ok(Self::$variant),)+
                    _ => Err($crate::string_enum::ParseEnumError::new(
                        $what,
                        s,
                        &[$($text),+],
                    )),
                }
            }
        }
    };
}

pub(crate) use string_enum;

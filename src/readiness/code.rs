//! Codes: the short ASCII names a value carries wherever it leaves the program — a database
//! column, a URL, a form, JSON, a Fluent message id, the command line.
//!
//! Each kind of code is an enum declared with [`code_enum!`], which writes the enum's `ALL`,
//! `CODES`, `as_str` and `parse` from one table, and its `FromStr`, `Display` and serde impls
//! from those. A list of codes written out by hand somewhere else drifts; `ALL` does not.

use std::fmt;

/// A code that is not one of its kind's: what was read and what kind it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    /// The kind of code, e.g. `audit action`.
    pub kind: &'static str,
    /// What was read (at most 64 characters of it: it may come from anywhere).
    pub code: String,
}

impl UnknownCode {
    /// `code` read as a `kind`.
    pub fn new(kind: &'static str, code: &str) -> Self {
        Self {
            kind,
            code: code.chars().take(64).collect(),
        }
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a known {} code", self.code, self.kind)
    }
}

impl std::error::Error for UnknownCode {}

/// Declares a code enum: each variant with its code, and what kind of code it is (for errors).
///
/// ```ignore
/// code_enum! {
///     /// What a run is.
///     pub enum RehearsalKind as "rehearsal kind" {
///         /// The probes.
///         Connection => "connection",
///     }
/// }
/// ```
///
/// The enum gets `ALL` (declaration order), `CODES` (the same order), `as_str`, `parse`
/// (`None` for an unknown code), `FromStr` (an [`UnknownCode`] error), `Display` (the code) and
/// serde impls that write and read exactly the code.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident as $kind:literal {
            $( $(#[$variant_meta:meta])* $variant:ident => $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [Self; [$($code),+].len()] = [$(Self::$variant),+];

            /// Every code, in the order of `ALL`.
            pub const CODES: [&'static str; [$($code),+].len()] = [$($code),+];

            /// The code, exactly as stored, sent and used in message ids.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( Self::$variant => $code, )+
                }
            }

            /// Reads a code; `None` for one this build does not know.
            pub fn parse(code: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|value| value.as_str() == code)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::readiness::code::UnknownCode;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::parse(code).ok_or_else(|| $crate::readiness::code::UnknownCode::new($kind, code))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&code)
                    .ok_or_else(|| ::serde::de::Error::unknown_variant(&code, &Self::CODES))
            }
        }
    };
}

pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    use super::*;

    code_enum! {
        /// A code for the tests.
        enum Colour as "colour" {
            /// Red.
            Red => "red",
            /// Light blue.
            LightBlue => "light_blue",
        }
    }

    #[test]
    fn every_code_parses_back_to_its_value_and_nothing_else_does() {
        for colour in Colour::ALL {
            assert_eq!(Colour::parse(colour.as_str()), Some(colour));
            assert_eq!(colour.to_string(), colour.as_str());
        }
        assert_eq!(Colour::CODES, ["red", "light_blue"]);
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(
            "green".parse::<Colour>(),
            Err(UnknownCode::new("colour", "green"))
        );
    }

    #[test]
    fn json_carries_exactly_the_code() {
        assert_eq!(
            serde_json::to_string(&Colour::LightBlue).unwrap(),
            "\"light_blue\""
        );
        assert_eq!(
            serde_json::from_str::<Colour>("\"red\"").unwrap(),
            Colour::Red
        );
        let unknown = serde_json::from_str::<Colour>("\"green\"").unwrap_err();
        assert!(unknown.to_string().contains("light_blue"), "{unknown}");
    }
}

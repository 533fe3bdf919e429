//! Serde helpers for ThreatConnect's loose booleans: several v2 fields arrive as the strings
//! `"true"`/`"false"` (§11 quirks 10 and 18), others as JSON booleans.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serializer};

struct LooseBool;

impl<'de> Visitor<'de> for LooseBool {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean or the string \"true\" or \"false\"")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        if v.trim().eq_ignore_ascii_case("true") {
            Ok(true)
        } else if v.trim().eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }
}

/// A bool read from a JSON boolean or a `"true"`/`"false"` string (also 0/1).
#[derive(Debug, Clone, Copy)]
struct Loose(bool);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseBool).map(Loose)
    }
}

/// `bool` on the wire as a boolean or a string; written as a JSON boolean.
pub(crate) mod loose_bool {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Loose::deserialize(d).map(|l| l.0)
    }

    pub(crate) fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*v)
    }
}

/// `Option<bool>` on the wire as a boolean, a string or null; written as a JSON boolean.
/// Use with `#[serde(default, skip_serializing_if = "Option::is_none")]`.
pub(crate) mod loose_opt_bool {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        Option::<Loose>::deserialize(d).map(|o| o.map(|l| l.0))
    }

    pub(crate) fn serialize<S: Serializer>(v: &Option<bool>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_bool(*b),
            None => s.serialize_none(),
        }
    }
}

/// `bool` written as the string `"true"`/`"false"`, as v2's type catalogues do; read from
/// either form.
pub(crate) mod string_bool {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Loose::deserialize(d).map(|l| l.0)
    }

    pub(crate) fn serialize<S: Serializer>(v: &bool, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if *v { "true" } else { "false" })
    }
}

/// A number written as an integer when it has no fractional part (`3`, not `3.0`), as tcex
/// writes ratings; read as any JSON number.
pub(crate) mod compact_opt_f64 {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match *v {
            // 2^53: every integer below it is exact in f64 and i64.
            // The guard makes the cast exact.
            Some(x) if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 => {
                s.serialize_i64(x as i64)
            }
            Some(x) => s.serialize_f64(x),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Option::<f64>::deserialize(d)
    }
}

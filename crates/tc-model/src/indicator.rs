//! Indicator types (`reference/threatconnect-api.md` §5.1): their names, API branches, JSON
//! keys and value fields.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The indicator types every ThreatConnect instance has: the five base types and the
/// built-in custom ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorType {
    Address,
    EmailAddress,
    File,
    Host,
    Url,
    Asn,
    Cidr,
    Mutex,
    RegistryKey,
    UserAgent,
}

impl IndicatorType {
    /// Every type, base types first.
    pub const ALL: [IndicatorType; 10] = [
        IndicatorType::Address,
        IndicatorType::EmailAddress,
        IndicatorType::File,
        IndicatorType::Host,
        IndicatorType::Url,
        IndicatorType::Asn,
        IndicatorType::Cidr,
        IndicatorType::Mutex,
        IndicatorType::RegistryKey,
        IndicatorType::UserAgent,
    ];

    /// The type name used in `type` fields and batch documents (`"URL"`, `"Registry Key"`).
    pub fn name(self) -> &'static str {
        match self {
            IndicatorType::Address => "Address",
            IndicatorType::EmailAddress => "EmailAddress",
            IndicatorType::File => "File",
            IndicatorType::Host => "Host",
            IndicatorType::Url => "URL",
            IndicatorType::Asn => "ASN",
            IndicatorType::Cidr => "CIDR",
            IndicatorType::Mutex => "Mutex",
            IndicatorType::RegistryKey => "Registry Key",
            IndicatorType::UserAgent => "User Agent",
        }
    }

    /// The v2 path segment: `/v2/indicators/{branch}`.
    pub fn branch(self) -> &'static str {
        match self {
            IndicatorType::Address => "addresses",
            IndicatorType::EmailAddress => "emailAddresses",
            IndicatorType::File => "files",
            IndicatorType::Host => "hosts",
            IndicatorType::Url => "urls",
            IndicatorType::Asn => "asns",
            IndicatorType::Cidr => "cidrBlocks",
            IndicatorType::Mutex => "mutexes",
            IndicatorType::RegistryKey => "registryKeys",
            IndicatorType::UserAgent => "userAgents",
        }
    }

    /// The JSON key of single items and typed lists (`apiEntity`).
    pub fn api_entity(self) -> &'static str {
        match self {
            IndicatorType::Address => "address",
            IndicatorType::EmailAddress => "emailAddress",
            IndicatorType::File => "file",
            IndicatorType::Host => "host",
            IndicatorType::Url => "url",
            IndicatorType::Asn => "asn",
            IndicatorType::Cidr => "cidrBlock",
            IndicatorType::Mutex => "mutex",
            IndicatorType::RegistryKey => "registryKey",
            IndicatorType::UserAgent => "userAgent",
        }
    }

    /// The JSON fields that hold the value, in summary order. Custom types use their label
    /// text, spaces included, as the key.
    pub fn value_fields(self) -> &'static [&'static str] {
        match self {
            IndicatorType::Address => &["ip"],
            IndicatorType::EmailAddress => &["address"],
            IndicatorType::File => &["md5", "sha1", "sha256"],
            IndicatorType::Host => &["hostName"],
            IndicatorType::Url => &["text"],
            IndicatorType::Asn => &["AS Number"],
            IndicatorType::Cidr => &["Block"],
            IndicatorType::Mutex => &["Mutex"],
            IndicatorType::RegistryKey => &["Key Name", "Value Name", "Value Type"],
            IndicatorType::UserAgent => &["User Agent String"],
        }
    }

    /// True for the built-in custom types (ASN, CIDR, Mutex, Registry Key, User Agent).
    pub fn is_custom(self) -> bool {
        matches!(
            self,
            IndicatorType::Asn
                | IndicatorType::Cidr
                | IndicatorType::Mutex
                | IndicatorType::RegistryKey
                | IndicatorType::UserAgent
        )
    }

    /// The type with this name (`"URL"`), matched exactly as ThreatConnect writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The type with this API branch (`"urls"`).
    pub fn from_branch(branch: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.branch() == branch)
    }

    /// The type with this JSON key (`"url"`).
    pub fn from_api_entity(entity: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.api_entity() == entity)
    }
}

impl fmt::Display for IndicatorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for IndicatorType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for IndicatorType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        IndicatorType::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown indicator type \"{name}\"")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_round_trip_for_every_type() {
        for t in IndicatorType::ALL {
            assert_eq!(IndicatorType::from_name(t.name()), Some(t));
            assert_eq!(IndicatorType::from_branch(t.branch()), Some(t));
            assert_eq!(IndicatorType::from_api_entity(t.api_entity()), Some(t));
            assert!(!t.value_fields().is_empty());
        }
        assert_eq!(IndicatorType::from_name("url"), None, "names are exact");
    }

    #[test]
    fn documented_facts() {
        assert_eq!(IndicatorType::RegistryKey.name(), "Registry Key");
        assert_eq!(IndicatorType::Cidr.branch(), "cidrBlocks");
        assert_eq!(IndicatorType::Cidr.api_entity(), "cidrBlock");
        assert_eq!(
            IndicatorType::File.value_fields(),
            ["md5", "sha1", "sha256"]
        );
        assert!(IndicatorType::Asn.is_custom() && !IndicatorType::Host.is_custom());
        let json = serde_json::to_string(&IndicatorType::UserAgent).unwrap();
        assert_eq!(json, "\"User Agent\"");
        assert!(serde_json::from_str::<IndicatorType>("\"Hash\"").is_err());
    }
}

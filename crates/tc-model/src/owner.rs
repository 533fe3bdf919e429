//! Owners and API users (`reference/threatconnect-api.md` §4).

use serde::{Deserialize, Serialize};

/// The kind of an owner. ThreatConnect keeps all data in owners of these kinds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OwnerType {
    /// The API user's own organisation (or another organisation it may see).
    Organization,
    /// A sharing community.
    Community,
    /// An intelligence source, usually one feed.
    Source,
    /// Legacy owner kind known to the Java SDK.
    Individual,
    /// A kind this version does not know; kept verbatim so nothing is lost.
    Other(String),
}

impl OwnerType {
    /// The name ThreatConnect uses on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            OwnerType::Organization => "Organization",
            OwnerType::Community => "Community",
            OwnerType::Source => "Source",
            OwnerType::Individual => "Individual",
            OwnerType::Other(s) => s,
        }
    }
}

impl From<&str> for OwnerType {
    fn from(s: &str) -> Self {
        match s {
            "Organization" => OwnerType::Organization,
            "Community" => OwnerType::Community,
            "Source" => OwnerType::Source,
            "Individual" => OwnerType::Individual,
            other => OwnerType::Other(other.to_owned()),
        }
    }
}

impl Serialize for OwnerType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for OwnerType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(OwnerType::from(s.as_str()))
    }
}

/// An owner as ThreatConnect returns it: `{"id": 2, "name": "Common Community", "type": "Community"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    /// Owner id; a 64-bit integer on the wire.
    pub id: i64,
    /// Owner name; this, not the id, is what the `owner` query parameter takes.
    pub name: String,
    /// Organization, Community or Source.
    #[serde(rename = "type")]
    pub owner_type: OwnerType,
}

/// The API user behind the credentials (`GET /v2/whoami`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// For API users this is the Access ID.
    pub user_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    /// `"Api User"` for API accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl User {
    /// A name to show a person: first and last name when known, else the user name.
    pub fn display_name(&self) -> String {
        let full = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if full.is_empty() {
            self.user_name.clone()
        } else {
            full
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_round_trips_with_type_key() {
        let json = r#"{"id":2,"name":"Common Community","type":"Community"}"#;
        let owner: Owner = serde_json::from_str(json).unwrap();
        assert_eq!(owner.owner_type, OwnerType::Community);
        assert_eq!(serde_json::to_string(&owner).unwrap(), json);
    }

    #[test]
    fn unknown_owner_type_is_kept_verbatim() {
        let owner: Owner =
            serde_json::from_str(r#"{"id":9,"name":"X","type":"Workspace"}"#).unwrap();
        assert_eq!(owner.owner_type, OwnerType::Other("Workspace".into()));
        assert!(
            serde_json::to_string(&owner)
                .unwrap()
                .contains(r#""type":"Workspace""#)
        );
    }

    #[test]
    fn ids_beyond_2_pow_53_survive() {
        let owner: Owner =
            serde_json::from_str(r#"{"id":9007199254740993,"name":"Big","type":"Source"}"#)
                .unwrap();
        assert_eq!(owner.id, 9_007_199_254_740_993);
    }

    #[test]
    fn display_name_prefers_full_name() {
        let mut user = User {
            user_name: "12345".into(),
            ..User::default()
        };
        assert_eq!(user.display_name(), "12345");
        user.first_name = Some("Ada".into());
        user.last_name = Some("Lovelace".into());
        assert_eq!(user.display_name(), "Ada Lovelace");
    }
}

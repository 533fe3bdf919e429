//! v2 JSON as it travels (`reference/threatconnect-api.md` §3.1, §5.4, §6.3, §7, §8.3).
//!
//! Success: `{"status":"Success","data":{...}}`; failure:
//! `{"status":"Failure","message":"..."}`. Collections sit under the type's singular key
//! with `resultCount`, which only the first page carries. The items inside `data` are in
//! [`indicator`], [`group`] and [`meta`]; because their key varies with the type, lists are
//! read with [`parse_items`] / [`parse_item`] rather than a derived struct.

pub mod group;
pub mod indicator;
pub mod meta;

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::owner::{Owner, User};

pub use group::Group;
pub use indicator::Indicator;
pub use meta::{
    Attribute, AttributeTypeInfo, BatchError, BatchStatus, FalsePositive, IndicatorTypeInfo,
    Observation, SecurityLabel, Tag,
};

/// `"Success"` or `"Failure"`. Anything else (the docs once said "Error") is kept as `Other`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResponseStatus {
    Success,
    Failure,
    #[serde(untagged)]
    Other(String),
}

/// The v2 envelope around every JSON response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub status: ResponseStatus,
    // No `default` here: serde reads a missing Option as None, and `default` would demand
    // `T: Default`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl<T> Envelope<T> {
    /// A success envelope around `data`.
    pub fn success(data: T) -> Self {
        Envelope {
            status: ResponseStatus::Success,
            data: Some(data),
            message: None,
        }
    }
}

impl Envelope<()> {
    /// A failure envelope with ThreatConnect's message.
    pub fn failure(message: impl Into<String>) -> Self {
        Envelope {
            status: ResponseStatus::Failure,
            data: None,
            message: Some(message.into()),
        }
    }
}

/// `data` of `GET /v2/owners`: `{"resultCount": 3, "owner": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerList {
    /// Total matches; present only when `resultStart` is 0 or absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_count: Option<u64>,
    #[serde(default)]
    pub owner: Vec<Owner>,
}

/// `data` of `GET /v2/owners/{id}` and `/v2/owners/mine`: one owner, still with `resultCount: 1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerSingle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_count: Option<u64>,
    pub owner: Owner,
}

/// `data` of `GET /v2/whoami`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhoAmI {
    pub user: User,
}

/// Reads a list from an envelope's `data`: `resultCount` (when present) and the items under
/// `key` (`"host"`, `"indicator"`, `"group"`, ...). A missing key is an empty list, and a
/// single object under the key is a list of one.
pub fn parse_items<T: DeserializeOwned>(
    data: &Value,
    key: &str,
) -> Result<(Option<u64>, Vec<T>), serde_json::Error> {
    let Value::Object(map) = data else {
        return Err(serde_json::Error::custom(format!(
            "expected `data` to be an object holding \"{key}\""
        )));
    };
    let result_count = match map.get("resultCount") {
        None | Some(Value::Null) => None,
        // Some doc samples quote numbers; accept "12" as well as 12.
        Some(Value::String(s)) => s.trim().parse().ok(),
        Some(v) => Some(u64::deserialize(v)?),
    };
    let items = match map.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(T::deserialize)
            .collect::<Result<Vec<T>, _>>()?,
        Some(single) => vec![T::deserialize(single)?],
    };
    Ok((result_count, items))
}

/// Reads the single item under `key` in an envelope's `data`.
pub fn parse_item<T: DeserializeOwned>(data: &Value, key: &str) -> Result<T, serde_json::Error> {
    match data.get(key) {
        Some(item @ Value::Object(_)) => T::deserialize(item),
        Some(_) => Err(serde_json::Error::custom(format!(
            "expected `data.{key}` to be one object"
        ))),
        None => Err(serde_json::Error::custom(format!(
            "`data` has no \"{key}\" item"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OwnerType;

    #[test]
    fn failure_envelope_has_no_data_key() {
        let json = serde_json::to_string(&Envelope::failure("Access Denied")).unwrap();
        assert_eq!(json, r#"{"status":"Failure","message":"Access Denied"}"#);
    }

    #[test]
    fn owner_list_parses_documented_shape() {
        let json = r#"{"status":"Success","data":{"resultCount":1,
            "owner":[{"id":2,"name":"Common Community","type":"Community"}]}}"#;
        let env: Envelope<OwnerList> = serde_json::from_str(json).unwrap();
        assert_eq!(env.status, ResponseStatus::Success);
        let data = env.data.unwrap();
        assert_eq!(data.result_count, Some(1));
        assert_eq!(data.owner[0].owner_type, OwnerType::Community);
    }

    #[test]
    fn parse_items_tolerates_missing_key_and_quoted_count() {
        let data = serde_json::json!({"resultCount": "0"});
        let (count, items) = parse_items::<Owner>(&data, "owner").unwrap();
        assert_eq!((count, items.len()), (Some(0), 0));
        let data = serde_json::json!({"owner": {"id": 1, "name": "A", "type": "Source"}});
        let (count, items) = parse_items::<Owner>(&data, "owner").unwrap();
        assert_eq!((count, items.len()), (None, 1));
        let err = parse_item::<Owner>(&serde_json::json!({}), "owner").unwrap_err();
        assert!(err.to_string().contains("\"owner\""), "{err}");
        assert!(parse_items::<Owner>(&serde_json::json!([]), "owner").is_err());
    }

    #[test]
    fn unexpected_status_word_is_kept() {
        let env: Envelope<()> =
            serde_json::from_str(r#"{"status":"Error","message":"x"}"#).unwrap();
        assert_eq!(env.status, ResponseStatus::Other("Error".into()));
    }
}

//! v2 response envelopes (`reference/threatconnect-api.md` §3.1).
//!
//! Success: `{"status":"Success","data":{...}}`; failure:
//! `{"status":"Failure","message":"..."}`. Collections sit under the type's singular key
//! with `resultCount`, which only the first page carries.

use serde::{Deserialize, Serialize};

use crate::owner::{Owner, User};

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
    fn unexpected_status_word_is_kept() {
        let env: Envelope<()> =
            serde_json::from_str(r#"{"status":"Error","message":"x"}"#).unwrap();
        assert_eq!(env.status, ResponseStatus::Other("Error".into()));
    }
}

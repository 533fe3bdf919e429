//! One v2 group as JSON (`reference/threatconnect-api.md` §6.3): typed lists, single items
//! and generic/associated lists (`data.group[]`, with `type`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::group::GroupType;
use crate::owner::Owner;
use crate::wire::meta::{Attribute, SecurityLabel, Tag};

/// One v2 group JSON item. Unset fields are omitted on output, as ThreatConnect does.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    pub id: i64,
    #[serde(default)]
    pub name: String,
    /// The type name (`"Incident"`, `"Intrusion Set"`); in generic and associated lists.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// Single items carry the owner object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// List items carry only the owner's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xid: Option<String>,
    /// Incident, Event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    /// Incident, Event (writable); Document (read-only upload status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Campaign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// Document, Report, Signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Signature (one of `SIGNATURE_FILE_TYPES`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// Signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_text: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `includeAttributes=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<Vec<Attribute>>,
    /// `includeTags=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Vec<Tag>>,
    /// `includes=labels` only (shape UNVERIFIED).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_label: Option<Vec<SecurityLabel>>,
    /// Everything else (`fileSize`, `malware`, `score`, `createdBy`, ...), kept as is.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

impl Group {
    /// The group's type: from its `type` field when that names a known type, else the hint
    /// (the type of the typed list or path it came from).
    pub fn group_type(&self, hint: Option<GroupType>) -> Option<GroupType> {
        self.type_name
            .as_deref()
            .and_then(GroupType::from_name)
            .or(hint)
    }

    /// The owner's name, from `owner` (single items) or `ownerName` (lists).
    pub fn effective_owner_name(&self) -> Option<&str> {
        self.owner
            .as_ref()
            .map(|o| o.name.as_str())
            .or(self.owner_name.as_deref())
    }
}

/// Reads a list from an envelope's `data`: `resultCount` and the groups under `key`
/// (`"incident"`, `"group"`, ...).
pub fn parse_list(data: &Value, key: &str) -> Result<(Option<u64>, Vec<Group>), serde_json::Error> {
    super::parse_items(data, key)
}

/// Reads the single group under `key` in an envelope's `data`.
pub fn parse_single(data: &Value, key: &str) -> Result<Group, serde_json::Error> {
    super::parse_item(data, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn generic_group_list_reads_type_and_keeps_extras() {
        let data = json!({
            "resultCount": 2,
            "group": [
                { "id": 42, "name": "Phish wave", "type": "Incident", "ownerName": "Acme Org",
                  "dateAdded": "2024-01-01T00:00:00Z", "eventDate": "2024-01-01T00:00:00Z",
                  "webLink": "https://app.threatconnect.com/auth/incident/incident.xhtml?incident=42" },
                { "id": 43, "name": "Memo", "type": "Document", "ownerName": "Acme Org",
                  "fileName": "memo.pdf", "fileSize": 1024, "malware": false }
            ]
        });
        let (count, groups) = parse_list(&data, "group").unwrap();
        assert_eq!(count, Some(2));
        assert_eq!(groups[0].group_type(None), Some(GroupType::Incident));
        assert_eq!(groups[1].fields["fileSize"], 1024);
        assert_eq!(groups[1].effective_owner_name(), Some("Acme Org"));
        assert_eq!(serde_json::to_value(&groups[1]).unwrap(), data["group"][1]);
    }

    #[test]
    fn single_signature_round_trips() {
        let item = json!({
            "id": 9, "name": "Rule", "owner": {"id": 3, "name": "Acme Org", "type": "Organization"},
            "fileName": "r.yar", "fileType": "YARA", "fileText": "rule x {condition: true}"
        });
        let g = parse_single(&json!({ "signature": item }), "signature").unwrap();
        assert_eq!(
            g.group_type(Some(GroupType::Signature)),
            Some(GroupType::Signature)
        );
        assert_eq!(g.file_type.as_deref(), Some("YARA"));
        assert_eq!(serde_json::to_value(&g).unwrap(), item);
    }
}

//! V2 Batch API documents (`reference/threatconnect-api.md` §8.1 and §8.4): the job
//! configuration sent to `POST /v2/batch`, and the upload document of indicators, groups and
//! associations.
//!
//! Field names follow the wire exactly: camelCase, except the association's `ref_1`, `id_1`,
//! `type_1` (and `_2`), which are snake_case. Booleans that tcex sends as strings
//! (`haltOnError`, `playbookTriggersEnabled`) are read in either form and written as JSON
//! booleans.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::serde_util::{compact_opt_f64, loose_bool, loose_opt_bool};

/// What a batch job does with the items of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BatchAction {
    /// Create the items, or update those that exist.
    Create,
    /// Delete the matching items.
    Delete,
}

/// How incoming attributes combine with existing ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttributeWriteType {
    /// Add all incoming attributes, without de-duplication.
    Append,
    /// Replace all existing attributes.
    Replace,
    /// Replace only the existing attributes of the same types.
    Singleton,
    /// Ignore incoming attributes of existing items.
    Static,
}

/// How incoming tags or security labels combine with existing ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WriteType {
    Append,
    Replace,
}

/// The job configuration of `POST /v2/batch` (§8.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchConfig {
    /// `V1` or `V2`; TC Bridge writes `V2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The owner's name.
    pub owner: String,
    #[serde(with = "loose_bool")]
    pub halt_on_error: bool,
    pub action: BatchAction,
    pub attribute_write_type: AttributeWriteType,
    /// Server default: `Replace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag_write_type: Option<WriteType>,
    /// Server default: `Replace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_label_write_type: Option<WriteType>,
    /// `Distribute` or `Merge` (server default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_merge_mode: Option<String>,
    /// `FavorExisting`, `FavorIncoming` (server default), `IgnoreExisting`, `IgnoreIncoming`
    /// or `Split`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash_collision_mode: Option<String>,
    /// Sent by tcex as `"false"`; not in the REST docs.
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub playbook_triggers_enabled: Option<bool>,
}

impl BatchConfig {
    /// A V2 create-or-update job for `owner` that does not halt on errors and replaces
    /// attributes (tcex's defaults); the other settings are left to the server.
    pub fn new(owner: impl Into<String>) -> Self {
        BatchConfig {
            version: Some("V2".to_owned()),
            owner: owner.into(),
            halt_on_error: false,
            action: BatchAction::Create,
            attribute_write_type: AttributeWriteType::Replace,
            tag_write_type: None,
            security_label_write_type: None,
            file_merge_mode: None,
            hash_collision_mode: None,
            playbook_triggers_enabled: None,
        }
    }
}

/// The upload document (§8.4). ThreatConnect needs `association` after `indicator` and
/// `group`, which the field order here guarantees.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BatchDocument {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicator: Vec<BatchIndicator>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<BatchGroup>,
    /// TC 7.8.2 and later.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub association: Vec<BatchAssociation>,
}

/// `{"name": ...}`, as batch tags are written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NameOnly {
    pub name: String,
}

/// A security label in a batch document; `description` and `color` are needed only to create
/// a new label.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchLabel {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// An attribute in a batch document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchAttribute {
    #[serde(rename = "type")]
    pub type_name: String,
    pub value: String,
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub displayed: Option<bool>,
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub pinned: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_label: Vec<BatchLabel>,
}

/// `{"groupXid": ...}`: a group in the same file or already in the owner.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupXid {
    pub group_xid: String,
}

/// Where a file was seen (File indicators only; at least one field).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileOccurrence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// `{"summary": ..., "indicatorType": ...}`: an indicator associated with a batch group.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociatedIndicator {
    pub summary: String,
    /// The type name (`"Address"`, `"Registry Key"`, or an instance's custom type).
    pub indicator_type: String,
}

/// One indicator of a batch document (§8.4).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchIndicator {
    /// The type name (`"Host"`, `"Registry Key"`, ...).
    #[serde(rename = "type")]
    pub type_name: String,
    /// Required unless the value fields are given; ignored for File when a hash field is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xid: Option<String>,
    /// 0–5; whole numbers are written without a fraction (`3`), as tcex does.
    #[serde(
        default,
        with = "compact_opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub rating: Option<f64>,
    /// 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<i64>,
    /// Server default: true.
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub active: Option<bool>,
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub active_locked: Option<bool>,
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub private_flag: Option<bool>,
    /// Becomes the default Description attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Becomes the default Source attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribute: Vec<BatchAttribute>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<NameOnly>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_label: Vec<BatchLabel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associated_groups: Vec<GroupXid>,
    /// File only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub file_occurrence: Vec<FileOccurrence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_date_added: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_date_expires: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_last_modified: Option<String>,
    /// Value fields (`ip`, `hostName`, `md5`, `"AS Number"`, `"Key Name"`, ...) and any
    /// other field (`size`, `dnsActive`, `associatedIndicators`, ...), kept as is.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// One group of a batch document (§8.4). `type`, `name` and `xid` are required; re-using an
/// xid updates the existing group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchGroup {
    /// The type name (`"Incident"`, `"Intrusion Set"`, ...).
    #[serde(rename = "type")]
    pub type_name: String,
    pub name: String,
    pub xid: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attribute: Vec<BatchAttribute>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag: Vec<NameOnly>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_label: Vec<BatchLabel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associated_group_xid: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associated_indicators: Vec<AssociatedIndicator>,
    /// Incident, Event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    /// Incident, Event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// Document, Report, Signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// Signature (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// Signature (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_text: Option<String>,
    /// Email (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// Email (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// Email (required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Document: the file is in the malware vault (then `password` is required).
    #[serde(
        default,
        with = "loose_opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub malware: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Any other field (`external*` dates, `insights`, ...), kept as is.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// One association of a batch document (TC 7.8.2+). `ref_*` is an indicator summary or a
/// group xid; `id_*` an existing item's id (it wins over `ref_*`); `type_*` is required for
/// indicators; `associationType` for indicator-to-indicator associations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchAssociation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_1: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_2: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_2: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_2: Option<String>,
    #[serde(
        rename = "associationType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub association_type: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The example document of reference §8.4, verbatim.
    const EXAMPLE: &str = r#"{
  "indicator": [
    { "type": "Host", "summary": "bad.example",
      "rating": 3, "confidence": 60,
      "xid": "my-feed:host:bad.example",
      "tag": [ { "name": "Ransomware" } ],
      "securityLabel": [ { "name": "TLP:AMBER" } ],
      "attribute": [ { "type": "Description", "value": "C2 host", "displayed": true } ],
      "associatedGroups": [ { "groupXid": "my-feed:incident:42" } ] },
    { "type": "File",
      "summary": "905ad8176a569a36421bf54c04ba7f95 : a52b6986d68cdfac53aa740566cbeade4452124e",
      "fileOccurrence": [ { "fileName": "drop.exe", "date": "2024-01-01T00:00:00Z" } ] }
  ],
  "group": [
    { "type": "Incident", "name": "Phish wave", "xid": "my-feed:incident:42",
      "eventDate": "2024-01-01T00:00:00Z", "status": "New",
      "associatedGroupXid": [ "my-feed:adversary:7" ],
      "associatedIndicators": [ { "summary": "1.2.3.4", "indicatorType": "Address" } ] }
  ],
  "association": [
    { "ref_1": "bad.example", "type_1": "Host", "ref_2": "my-feed:incident:42" },
    { "ref_1": "bad.example", "type_1": "Host",
      "ref_2": "http://bad.example/x", "type_2": "URL", "associationType": "URL Host" }
  ]
}"#;

    #[test]
    fn reference_example_document_round_trips() {
        let doc: BatchDocument = serde_json::from_str(EXAMPLE).unwrap();
        let host = &doc.indicator[0];
        assert_eq!(host.type_name, "Host");
        assert_eq!(host.rating, Some(3.0));
        assert_eq!(host.tag[0].name, "Ransomware");
        assert_eq!(host.attribute[0].displayed, Some(true));
        assert_eq!(host.associated_groups[0].group_xid, "my-feed:incident:42");
        assert!(
            host.fields.is_empty(),
            "every field of the example has a name"
        );
        assert_eq!(
            doc.indicator[1].file_occurrence[0].file_name.as_deref(),
            Some("drop.exe")
        );
        let incident = &doc.group[0];
        assert_eq!(incident.associated_indicators[0].indicator_type, "Address");
        assert_eq!(incident.associated_group_xid, ["my-feed:adversary:7"]);
        assert_eq!(
            doc.association[1].association_type.as_deref(),
            Some("URL Host")
        );
        assert_eq!(doc.association[0].type_2, None);

        let expected: Value = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(
            serde_json::to_value(&doc).unwrap(),
            expected,
            "the JSON is unchanged"
        );
        let text = serde_json::to_string(&doc).unwrap();
        let (i, g, a) = (
            text.find("\"indicator\"").unwrap(),
            text.find("\"group\"").unwrap(),
            text.find("\"association\"").unwrap(),
        );
        assert!(
            i < g && g < a,
            "association comes after indicator and group"
        );
    }

    #[test]
    fn value_fields_and_unknown_fields_are_kept() {
        let json = json!({ "type": "Registry Key", "Key Name": "HKEY_USERS\\X",
            "Value Name": " ", "Value Type": "REG_NONE", "rating": 2.5, "size": 10 });
        let ind: BatchIndicator = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(ind.fields["Value Type"], "REG_NONE");
        assert_eq!(ind.fields["size"], 10);
        assert_eq!(serde_json::to_value(&ind).unwrap(), json);
    }

    #[test]
    fn config_reads_string_booleans_and_writes_booleans() {
        let json = r#"{"version":"V2","owner":"Acme Org","haltOnError":"false",
            "action":"Create","attributeWriteType":"Replace","tagWriteType":"Append",
            "playbookTriggersEnabled":"false","hashCollisionMode":"FavorIncoming"}"#;
        let cfg: BatchConfig = serde_json::from_str(json).unwrap();
        assert!(!cfg.halt_on_error);
        assert_eq!(cfg.tag_write_type, Some(WriteType::Append));
        assert_eq!(cfg.playbook_triggers_enabled, Some(false));
        let out = serde_json::to_value(&cfg).unwrap();
        assert_eq!(out["haltOnError"], json!(false));
        assert_eq!(out["playbookTriggersEnabled"], json!(false));
        let cfg: BatchConfig = serde_json::from_str(
            r#"{"owner":"O","haltOnError":true,"action":"Delete","attributeWriteType":"Static"}"#,
        )
        .unwrap();
        assert_eq!(cfg.action, BatchAction::Delete);
        assert_eq!(cfg.attribute_write_type, AttributeWriteType::Static);
        assert!(serde_json::from_str::<BatchConfig>(
            r#"{"owner":"O","haltOnError":"yes","action":"Create","attributeWriteType":"Append"}"#
        )
        .is_err());
        assert_eq!(
            serde_json::to_value(BatchConfig::new("Acme Org")).unwrap(),
            json!({"version":"V2","owner":"Acme Org","haltOnError":false,"action":"Create",
                   "attributeWriteType":"Replace"})
        );
    }

    #[test]
    fn empty_document_is_empty_object() {
        assert_eq!(
            serde_json::to_string(&BatchDocument::default()).unwrap(),
            "{}"
        );
        let doc: BatchDocument = serde_json::from_str("{}").unwrap();
        assert!(doc.indicator.is_empty() && doc.group.is_empty() && doc.association.is_empty());
    }
}

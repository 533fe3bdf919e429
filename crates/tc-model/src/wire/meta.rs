//! The small v2 objects around indicators and groups: tags, attributes, security labels
//! (§7), the type catalogues (§5.1, §7.2), observations and false positives (§5.2), and batch
//! status and errors (§8.3).

use serde::{Deserialize, Serialize};

use crate::serde_util::string_bool;

/// A tag: `{"name": "...", "webLink": "...", "description": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An attribute on an indicator, group, task or victim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribute {
    /// Absent in create bodies; an integer in responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The attribute type's name (`"Description"`, `"Source"`, ...).
    #[serde(rename = "type")]
    pub type_name: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Meaningful for Description and Source: the displayed one is mirrored into the item's
    /// `description`/`source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub displayed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Only with `includeAdditional=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xid: Option<String>,
}

/// A security label such as `TLP:AMBER`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityLabel {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Hex colour without `#`, e.g. `FF0000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
}

/// One item of `GET /v2/types/indicatorTypes`. `custom` and `parsable` are the strings
/// `"true"`/`"false"` on the wire (§11 quirk 10); they are written back that way.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorTypeInfo {
    pub name: String,
    #[serde(with = "string_bool")]
    pub custom: bool,
    #[serde(with = "string_bool")]
    pub parsable: bool,
    pub api_branch: String,
    pub api_entity: String,
    /// Custom types: `upper`, `lower` or `sensitive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_preference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value1_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value1_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value2_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value2_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value3_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value3_type: Option<String>,
}

/// One item of `GET /v2/types/attributeTypes`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeTypeInfo {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_markdown: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// An indicator's observation count: `{count, lastReported}`.
///
/// UNVERIFIED: the reference gives no shape for the observation endpoints; this follows the
/// false-positive shape, and also reads `lastObserved`/`dateObserved` for the date.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    #[serde(default)]
    pub count: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        alias = "lastObserved",
        alias = "dateObserved"
    )]
    pub last_reported: Option<String>,
}

/// `data.falsePositive` of `POST .../falsePositive`: `{count, lastReported}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FalsePositive {
    #[serde(default)]
    pub count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reported: Option<String>,
}

/// `data.batchStatus` of `GET /v2/batch/{id}` (§8.3). The per-kind counters come only with
/// `includeAdditional=true`; the field is spelled `unprocessCount`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchStatus {
    /// Missing when `createAndUpload` processed the job inline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// `Created`, `Queued`, `Running` or `Completed`.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unprocess_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_indicator_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_indicator_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success_group_count: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_group_count: Option<i64>,
}

impl BatchStatus {
    /// True once the job has finished (a halted job also ends `Completed`).
    pub fn is_complete(&self) -> bool {
        self.status == "Completed"
    }
}

/// One error of `GET /v2/batch/{id}/errors` (`{errorReason, errorSource, errorMessage}`) or
/// of `/results` (which adds `code` and `severity` and may lack `errorSource`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchError {
    #[serde(default)]
    pub error_reason: String,
    #[serde(default)]
    pub error_source: String,
    #[serde(default)]
    pub error_message: String,
    /// Batch error code such as `0x1005` (invalid indicator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_type_info_booleans_are_strings_on_the_wire() {
        let json = r#"{"name":"ASN","custom":"true","parsable":"false","apiBranch":"asns",
            "apiEntity":"asn","casePreference":"upper","value1Label":"AS Number",
            "value1Type":"text"}"#;
        let info: IndicatorTypeInfo = serde_json::from_str(json).unwrap();
        assert!(info.custom && !info.parsable);
        assert_eq!(info.value1_label.as_deref(), Some("AS Number"));
        let out = serde_json::to_value(&info).unwrap();
        assert_eq!(out["custom"], "true");
        assert_eq!(out["parsable"], "false");
        assert!(out.get("value2Label").is_none(), "unset fields are omitted");
        let loose: IndicatorTypeInfo = serde_json::from_str(
            r#"{"name":"Host","custom":false,"parsable":true,"apiBranch":"hosts","apiEntity":"host"}"#,
        )
        .unwrap();
        assert!(
            loose.parsable && !loose.custom,
            "real booleans are read too"
        );
    }

    #[test]
    fn batch_status_reads_the_documented_shape() {
        let json = r#"{"id":12345,"status":"Completed","errorCount":2,"successCount":998,
            "unprocessCount":0,"successIndicatorCount":990,"errorIndicatorCount":2,
            "successGroupCount":8,"errorGroupCount":0}"#;
        let s: BatchStatus = serde_json::from_str(json).unwrap();
        assert!(s.is_complete());
        assert_eq!(s.unprocess_count, Some(0));
        assert_eq!(s.success_indicator_count, Some(990));
        let running: BatchStatus = serde_json::from_str(r#"{"status":"Running"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&running).unwrap(),
            r#"{"status":"Running"}"#
        );
    }

    #[test]
    fn batch_errors_and_attributes() {
        let e: BatchError = serde_json::from_str(
            r#"{"code":"0x1005","severity":"Error","errorReason":"r","errorMessage":"m"}"#,
        )
        .unwrap();
        assert_eq!(e.code.as_deref(), Some("0x1005"));
        assert_eq!(e.error_source, "");
        let a: Attribute =
            serde_json::from_str(r#"{"id":5,"type":"Description","value":"C2","displayed":true}"#)
                .unwrap();
        assert_eq!(a.type_name, "Description");
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"id":5,"type":"Description","value":"C2","displayed":true}"#
        );
        let o: Observation =
            serde_json::from_str(r#"{"count":3,"lastObserved":"2024-01-01T00:00:00Z"}"#).unwrap();
        assert_eq!(o.last_reported.as_deref(), Some("2024-01-01T00:00:00Z"));
    }
}

//! One v2 indicator as JSON (`reference/threatconnect-api.md` §5.4): the same struct reads
//! typed lists (`data.host[]`, value fields, `ownerName`), single items (`data.host`, with an
//! `owner` object) and generic lists (`data.indicator[]`, with `type` and `summary`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::indicator::IndicatorType;
use crate::owner::Owner;
use crate::rating::ThreatAssess;
use crate::value::summary_from_fields;
use crate::wire::meta::{Attribute, SecurityLabel, Tag};

/// One v2 indicator JSON item. Unset fields are omitted on output, as ThreatConnect does.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Indicator {
    pub id: i64,
    /// Single items (GET one, create, update) carry the owner object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    /// List items carry only the owner's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_name: Option<String>,
    /// The type name; in generic and association lists and custom single items.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// The value as one string; in generic and association lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_added: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// Threat Rating, 0–5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<f64>,
    /// Confidence Rating, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assess_rating: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assess_confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assess_score: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cal_score: Option<i32>,
    /// Seen as 1 and 2; meaning UNVERIFIED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cal_indicator_status: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_link: Option<String>,
    /// Mirrors the displayed Description attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Mirrors the displayed Source attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xid: Option<String>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation_count: Option<i64>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_observed: Option<String>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_positive_count: Option<i64>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub false_positive_last_reported: Option<String>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_flag: Option<bool>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// `includeAdditional=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_locked: Option<bool>,
    /// `includeAttributes=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<Vec<Attribute>>,
    /// `includeTags=true` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<Vec<Tag>>,
    /// `includes=labels` only (shape UNVERIFIED).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_label: Option<Vec<SecurityLabel>>,
    /// The value fields (`ip`, `hostName`, `md5`, `"AS Number"`, `dnsActive`, ...) and any
    /// field this struct does not name, kept so nothing is lost on a round trip.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// Reads a flag that v2 writes as the string `"true"`/`"false"` (and v3 as a boolean).
fn loose_flag(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

impl Indicator {
    /// The indicator's type: from its `type` field when that names a known type, else the
    /// hint (the type of the typed list or path it came from).
    pub fn indicator_type(&self, hint: Option<IndicatorType>) -> Option<IndicatorType> {
        self.type_name
            .as_deref()
            .and_then(IndicatorType::from_name)
            .or(hint)
    }

    /// The indicator's value: its `summary`, or the summary built from its value fields.
    pub fn value(&self, ty: IndicatorType) -> Option<String> {
        match &self.summary {
            Some(s) => Some(s.clone()),
            None => summary_from_fields(ty, &self.fields).ok(),
        }
    }

    /// Host `dnsActive`: the strings `"true"`/`"false"` or booleans.
    pub fn dns_active(&self) -> Option<bool> {
        loose_flag(self.fields.get("dnsActive"))
    }

    /// Host `whoisActive`: the strings `"true"`/`"false"` or booleans.
    pub fn whois_active(&self) -> Option<bool> {
        loose_flag(self.fields.get("whoisActive"))
    }

    /// The ThreatAssess fields together.
    pub fn threat_assess(&self) -> ThreatAssess {
        ThreatAssess {
            threat_assess_score: self.threat_assess_score,
            threat_assess_rating: self.threat_assess_rating,
            threat_assess_confidence: self.threat_assess_confidence,
        }
    }

    /// The owner's name, from `owner` (single items) or `ownerName` (lists).
    pub fn effective_owner_name(&self) -> Option<&str> {
        self.owner
            .as_ref()
            .map(|o| o.name.as_str())
            .or(self.owner_name.as_deref())
    }
}

/// Reads a list from an envelope's `data`: `resultCount` and the indicators under `key`
/// (`"host"`, `"indicator"`, ...).
pub fn parse_list(
    data: &Value,
    key: &str,
) -> Result<(Option<u64>, Vec<Indicator>), serde_json::Error> {
    super::parse_items(data, key)
}

/// Reads the single indicator under `key` in an envelope's `data`.
pub fn parse_single(data: &Value, key: &str) -> Result<Indicator, serde_json::Error> {
    super::parse_item(data, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn documented_host() -> Value {
        json!({
            "id": 90011,
            "owner": { "id": 3, "name": "Acme Org", "type": "Organization" },
            "dateAdded": "2024-05-01T10:00:00Z",
            "lastModified": "2024-05-02T08:30:00Z",
            "rating": 3.0,
            "confidence": 70,
            "threatAssessRating": 3.0,
            "threatAssessConfidence": 70.0,
            "threatAssessScore": 410,
            "webLink": "https://app.threatconnect.com/auth/indicators/details/host.xhtml?host=bad.example&owner=Acme+Org",
            "description": "C2 domain",
            "hostName": "bad.example",
            "dnsActive": "false",
            "whoisActive": "true"
        })
    }

    #[test]
    fn documented_single_host_reads_and_round_trips() {
        let data = json!({ "host": documented_host() });
        let host = parse_single(&data, "host").unwrap();
        assert_eq!(host.id, 90011);
        assert_eq!(host.effective_owner_name(), Some("Acme Org"));
        assert_eq!(host.rating, Some(3.0));
        assert_eq!(host.threat_assess().threat_assess_score, Some(410));
        assert_eq!(host.dns_active(), Some(false));
        assert_eq!(host.whois_active(), Some(true));
        assert_eq!(host.indicator_type(None), None);
        let ty = host.indicator_type(Some(IndicatorType::Host)).unwrap();
        assert_eq!(host.value(ty).as_deref(), Some("bad.example"));
        assert_eq!(serde_json::to_value(&host).unwrap(), documented_host());
    }

    #[test]
    fn generic_list_items_carry_type_and_summary() {
        let data = json!({
            "resultCount": 2,
            "indicator": [
                { "id": 1, "ownerName": "Acme Org", "type": "Registry Key",
                  "summary": "HKEY_USERS\\X :   : REG_NONE", "rating": 2.5 },
                { "id": 2, "ownerName": "Acme Org", "type": "Address", "summary": "1.2.3.4",
                  "confidence": 10 }
            ]
        });
        let (count, items) = parse_list(&data, "indicator").unwrap();
        assert_eq!(count, Some(2));
        assert_eq!(
            items[0].indicator_type(Some(IndicatorType::Host)),
            Some(IndicatorType::RegistryKey)
        );
        assert_eq!(
            items[1].value(IndicatorType::Address).as_deref(),
            Some("1.2.3.4")
        );
        assert!(
            items[1].fields.is_empty(),
            "named fields are not duplicated into `fields`"
        );
    }

    #[test]
    fn typed_file_items_build_the_summary_from_hashes() {
        let data = json!({
            "file": [ { "id": 7, "ownerName": "O", "md5": "905ad8176a569a36421bf54c04ba7f95",
                        "sha1": "A52B6986D68CDFAC53AA740566CBEADE4452124E", "size": 10 } ]
        });
        let (count, items) = parse_list(&data, "file").unwrap();
        assert_eq!(count, None);
        assert_eq!(
            items[0].value(IndicatorType::File).as_deref(),
            Some("905AD8176A569A36421BF54C04BA7F95 : A52B6986D68CDFAC53AA740566CBEADE4452124E")
        );
        assert_eq!(items[0].fields["size"], 10);
    }

    #[test]
    fn unset_fields_are_omitted() {
        let out = serde_json::to_string(&Indicator {
            id: 5,
            ..Indicator::default()
        })
        .unwrap();
        assert_eq!(out, r#"{"id":5}"#);
    }

    #[test]
    fn booleans_for_dns_active_are_read_too() {
        let mut ind = Indicator::default();
        ind.fields.insert("dnsActive".into(), Value::Bool(true));
        ind.fields
            .insert("whoisActive".into(), Value::String("maybe".into()));
        assert_eq!(ind.dns_active(), Some(true));
        assert_eq!(ind.whois_active(), None);
    }
}

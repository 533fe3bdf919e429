//! Items rendered as ThreatConnect's v2 JSON: lists carry `ownerName`, single items an
//! `owner` object (quirk 3); unset fields are left out (quirk 11); Host flags are strings
//! (quirk 10); dates are `YYYY-MM-DDTHH:MM:SSZ` (quirk 9).

use rusqlite::Connection;
use serde_json::{Map, Value, json};
use tc_model::IndicatorType;
use tc_model::value::{encode_segment, fields_from_summary};

use crate::store::indicators::IndicatorRecord;
use crate::store::meta::{self, AttributeRecord, ItemKind, LabelRecord, TagRecord};
use crate::store::{StoreResult, iso};

use super::request::Embed;

/// How an item appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A single GET, create or update: `owner` object, value fields (custom types also `type`).
    Single,
    /// A list of one type: `ownerName`, value fields.
    Typed,
    /// The all-types list and association lists: `ownerName`, `type`, `summary`.
    Generic,
}

/// Form encoding for the owner name in web links (`Example+Org`, quirk 20).
fn plus_encoded(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The legacy-UI link of an indicator (quirk 20).
pub fn indicator_link(web_base: &str, rec: &IndicatorRecord) -> String {
    let owner = plus_encoded(&rec.owner.name);
    if rec.ty.is_custom() {
        format!(
            "{web_base}/auth/indicators/details/customIndicator.xhtml?id={}&owner={owner}",
            rec.id
        )
    } else {
        let page = rec.ty.api_entity().to_ascii_lowercase();
        format!(
            "{web_base}/auth/indicators/details/{page}.xhtml?{page}={}&owner={owner}",
            encode_segment(&rec.summary)
        )
    }
}

fn bool_text(v: bool) -> Value {
    Value::String(if v { "true" } else { "false" }.into())
}

/// One indicator.
pub fn indicator(
    conn: &Connection,
    web_base: &str,
    rec: &IndicatorRecord,
    shape: Shape,
    embed: Embed,
) -> StoreResult<Value> {
    let mut o = Map::new();
    o.insert("id".into(), json!(rec.id));
    match shape {
        Shape::Single => {
            o.insert("owner".into(), json!({"id": rec.owner.id, "name": rec.owner.name, "type": rec.owner.owner_type.as_str()}));
        }
        Shape::Typed | Shape::Generic => {
            o.insert("ownerName".into(), json!(rec.owner.name));
        }
    }
    if shape == Shape::Generic || (shape == Shape::Single && rec.ty.is_custom()) {
        o.insert("type".into(), json!(rec.ty.name()));
    }
    o.insert("dateAdded".into(), json!(iso(rec.date_added)));
    o.insert("lastModified".into(), json!(iso(rec.last_modified)));
    if let Some(r) = rec.rating {
        o.insert("rating".into(), json!(r));
    }
    if let Some(c) = rec.confidence {
        o.insert("confidence".into(), json!(c));
    }
    o.insert("threatAssessRating".into(), json!(rec.ta_rating));
    o.insert("threatAssessConfidence".into(), json!(rec.ta_confidence));
    o.insert("threatAssessScore".into(), json!(rec.ta_score));
    o.insert("webLink".into(), json!(indicator_link(web_base, rec)));
    if let Some(d) = &rec.description {
        o.insert("description".into(), json!(d));
    }
    if let Some(s) = &rec.source {
        o.insert("source".into(), json!(s));
    }
    if shape == Shape::Generic {
        o.insert("summary".into(), json!(rec.summary));
    } else {
        o.extend(fields_from_summary(rec.ty, &rec.summary));
        if rec.ty == IndicatorType::Host {
            o.insert(
                "dnsActive".into(),
                bool_text(rec.dns_active.unwrap_or(false)),
            );
            o.insert(
                "whoisActive".into(),
                bool_text(rec.whois_active.unwrap_or(false)),
            );
        }
        if let Some(size) = rec.size {
            o.insert("size".into(), json!(size));
        }
    }
    if embed.additional {
        o.insert("observationCount".into(), json!(rec.observation_count));
        if let Some(t) = rec.last_observed {
            o.insert("lastObserved".into(), json!(iso(t)));
        }
        o.insert("falsePositiveCount".into(), json!(rec.false_positive_count));
        if let Some(t) = rec.false_positive_last {
            o.insert("falsePositiveLastReported".into(), json!(iso(t)));
        }
        o.insert("privateFlag".into(), json!(rec.private_flag));
        o.insert("active".into(), json!(rec.active));
        o.insert("activeLocked".into(), json!(rec.active_locked));
        if let Some(x) = &rec.xid {
            o.insert("xid".into(), json!(x));
        }
    }
    embed_meta(conn, web_base, &mut o, ItemKind::Indicator, rec.id, embed)?;
    Ok(Value::Object(o))
}

/// Adds `tag`, `attribute` and `securityLabel` arrays when asked for.
pub fn embed_meta(
    conn: &Connection,
    web_base: &str,
    o: &mut Map<String, Value>,
    kind: ItemKind,
    id: i64,
    embed: Embed,
) -> StoreResult<()> {
    if embed.tags {
        let tags = meta::item_tags(conn, kind, id)?;
        o.insert(
            "tag".into(),
            Value::Array(tags.iter().map(|t| tag(web_base, t)).collect()),
        );
    }
    if embed.attributes {
        let attributes = meta::attributes(conn, kind, id)?;
        o.insert(
            "attribute".into(),
            Value::Array(
                attributes
                    .iter()
                    .map(|a| attribute(a, embed.additional))
                    .collect(),
            ),
        );
    }
    if embed.labels {
        let labels = meta::item_labels(conn, kind, id)?;
        o.insert(
            "securityLabel".into(),
            Value::Array(labels.iter().map(label).collect()),
        );
    }
    Ok(())
}

/// A tag.
pub fn tag(web_base: &str, t: &TagRecord) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(t.name));
    o.insert(
        "webLink".into(),
        json!(format!(
            "{web_base}/auth/tags/tag.xhtml?tag={}",
            plus_encoded(&t.name)
        )),
    );
    if let Some(d) = &t.description {
        o.insert("description".into(), json!(d));
    }
    Value::Object(o)
}

/// An attribute; `xid` only with includeAdditional.
pub fn attribute(a: &AttributeRecord, additional: bool) -> Value {
    let mut o = Map::new();
    o.insert("id".into(), json!(a.id));
    o.insert("type".into(), json!(a.type_name));
    o.insert("dateAdded".into(), json!(iso(a.date_added)));
    o.insert("lastModified".into(), json!(iso(a.last_modified)));
    o.insert("displayed".into(), json!(a.displayed));
    o.insert("value".into(), json!(a.value));
    if let Some(s) = &a.source {
        o.insert("source".into(), json!(s));
    }
    if additional && let Some(x) = &a.xid {
        o.insert("xid".into(), json!(x));
    }
    Value::Object(o)
}

/// A security label.
pub fn label(l: &LabelRecord) -> Value {
    let mut o = Map::new();
    o.insert("name".into(), json!(l.name));
    if let Some(d) = &l.description {
        o.insert("description".into(), json!(d));
    }
    if let Some(c) = &l.color {
        o.insert("color".into(), json!(c));
    }
    o.insert("dateAdded".into(), json!(iso(l.date_added)));
    Value::Object(o)
}

/// One group.
pub fn group(
    conn: &Connection,
    web_base: &str,
    g: &crate::store::groups::GroupRecord,
    shape: Shape,
    embed: Embed,
) -> StoreResult<Value> {
    let mut o = Map::new();
    o.insert("id".into(), json!(g.id));
    o.insert("name".into(), json!(g.name));
    if shape == Shape::Generic {
        o.insert("type".into(), json!(g.ty.name()));
    }
    match shape {
        Shape::Single => {
            o.insert("owner".into(), json!({"id": g.owner.id, "name": g.owner.name, "type": g.owner.owner_type.as_str()}));
        }
        Shape::Typed | Shape::Generic => {
            o.insert("ownerName".into(), json!(g.owner.name));
        }
    }
    o.insert("dateAdded".into(), json!(iso(g.date_added)));
    o.insert("lastModified".into(), json!(iso(g.last_modified)));
    let page = g.ty.api_entity().to_ascii_lowercase();
    o.insert(
        "webLink".into(),
        json!(format!(
            "{web_base}/auth/{page}/{page}.xhtml?{page}={}",
            g.id
        )),
    );
    for (k, v) in &g.fields {
        // Malware Document passwords are write-only.
        if k != "password" {
            o.insert(k.clone(), v.clone());
        }
    }
    if embed.additional
        && let Some(x) = &g.xid
    {
        o.insert("xid".into(), json!(x));
    }
    embed_meta(conn, web_base, &mut o, ItemKind::Group, g.id, embed)?;
    Ok(Value::Object(o))
}

//! Processing a V2 batch document (`reference/threatconnect-api.md` §8): groups first (so
//! indicators can point at them by xid), then indicators, then every association. Each item
//! is applied in its own savepoint: an item that fails leaves nothing half-written, and the
//! job goes on (or stops, with `haltOnError`). Error codes are tcex's table (§8.3).

use rusqlite::Connection;
use serde_json::{Map, Value, json};
use tc_model::batch::{
    AttributeWriteType, BatchAction, BatchAssociation, BatchAttribute, BatchConfig, BatchGroup,
    BatchIndicator, BatchLabel, WriteType,
};
use tc_model::value::{FileHashes, normalize, summary_from_fields};
use tc_model::{GroupType, IndicatorType, Owner};

use super::assoc;
use super::groups::{self, GroupRecord};
use super::indicators::{self, IndicatorFields, IndicatorRecord};
use super::meta::{self, AttributeInput, ItemKind};
use super::{StoreError, StoreResult};

/// Most indicators one job may hold (§8.2).
pub const MAX_INDICATORS: usize = 25_000;

/// One error of a job, as `/v2/batch/{id}/errors` returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    pub code: &'static str,
    pub reason: &'static str,
    pub message: String,
    /// The item as it was sent.
    pub source: String,
}

impl ItemError {
    pub fn to_json(&self) -> Value {
        json!({
            "code": self.code,
            "severity": "Error",
            "errorReason": format!("{} {}", self.code, self.reason),
            "errorSource": self.source,
            "errorMessage": self.message,
        })
    }
}

/// What a job did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub success_indicators: i64,
    pub error_indicators: i64,
    pub success_groups: i64,
    pub error_groups: i64,
    /// Items not looked at because the job halted.
    pub unprocessed: i64,
    pub errors: Vec<ItemError>,
}

impl Outcome {
    pub fn success_count(&self) -> i64 {
        self.success_indicators + self.success_groups
    }
    pub fn error_count(&self) -> i64 {
        self.error_indicators + self.error_groups + self.association_errors()
    }
    fn association_errors(&self) -> i64 {
        self.errors
            .iter()
            .filter(|e| e.code == ASSOCIATION.0)
            .count() as i64
            - self
                .errors
                .iter()
                .filter(|e| e.code == ASSOCIATION.0 && e.reason == PARTIAL)
                .count() as i64
    }
}

const INVALID_INDICATOR: (&str, &str) = ("0x1005", "Invalid indicator");
const INVALID_GROUP: (&str, &str) = ("0x1006", "Invalid group");
const NOT_FOUND: (&str, &str) = ("0x1007", "Item not found");
const ASSOCIATION: (&str, &str) = ("0x1009", "Association");
const INDICATOR_PARTIAL: (&str, &str) = ("0x2001", "Indicator partial loss");
const GROUP_PARTIAL: (&str, &str) = ("0x2002", "Group partial loss");
const PARTIAL: &str = "partial";

fn error(
    kind: (&'static str, &'static str),
    message: impl Into<String>,
    source: &Value,
) -> ItemError {
    ItemError {
        code: kind.0,
        reason: kind.1,
        message: message.into(),
        source: source.to_string(),
    }
}

/// Counts the document's indicators without interpreting them (for the 25,000 limit).
pub fn indicator_count(doc: &Value) -> usize {
    doc.get("indicator")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// Runs a whole document in one transaction.
pub fn process(
    conn: &mut Connection,
    owner: &Owner,
    config: &BatchConfig,
    doc: &Value,
    now: i64,
) -> StoreResult<Outcome> {
    let tx = conn.transaction()?;
    let mut job = Job {
        tx: &tx,
        owner,
        config,
        now,
        out: Outcome::default(),
        halted: false,
    };
    let empty = Vec::new();
    let group_items = doc.get("group").and_then(Value::as_array).unwrap_or(&empty);
    let indicator_items = doc
        .get("indicator")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let association_items = doc
        .get("association")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let total = (group_items.len() + indicator_items.len()) as i64;
    let mut seen = 0;
    let mut parsed_groups = Vec::new();
    for item in group_items {
        if job.halted {
            break;
        }
        seen += 1;
        if let Some(g) = job.group(item)? {
            parsed_groups.push((g, item));
        }
    }
    for item in indicator_items {
        if job.halted {
            break;
        }
        seen += 1;
        job.indicator(item)?;
    }
    if config.action == BatchAction::Create {
        for (g, item) in &parsed_groups {
            if job.halted {
                break;
            }
            job.group_links(g, item)?;
        }
        for item in association_items {
            if job.halted {
                break;
            }
            job.association(item)?;
        }
    }
    job.out.unprocessed = total - seen;
    let out = job.out;
    tx.commit()?;
    Ok(out)
}

struct Job<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    owner: &'a Owner,
    config: &'a BatchConfig,
    now: i64,
    out: Outcome,
    halted: bool,
}

impl Job<'_> {
    fn fail(&mut self, e: ItemError) {
        self.out.errors.push(e);
        if self.config.halt_on_error {
            self.halted = true;
        }
    }

    /// Creates, updates or deletes one group. Returns it (parsed) when it succeeded.
    fn group(&mut self, item: &Value) -> StoreResult<Option<(GroupRecord, BatchGroup)>> {
        let parsed: BatchGroup = match serde_json::from_value(item.clone()) {
            Ok(g) => g,
            Err(e) => {
                self.out.error_groups += 1;
                self.fail(error(
                    INVALID_GROUP,
                    format!("A group needs type, name and xid ({e})"),
                    item,
                ));
                return Ok(None);
            }
        };
        let Some(ty) = GroupType::from_name(&parsed.type_name) else {
            self.out.error_groups += 1;
            self.fail(error(
                INVALID_GROUP,
                format!("{} is not a group type", parsed.type_name),
                item,
            ));
            return Ok(None);
        };
        if self.config.action == BatchAction::Delete {
            let found =
                groups::by_xid(self.tx, &parsed.xid)?.filter(|g| g.owner.id == self.owner.id);
            match found {
                Some(g) => {
                    groups::delete(self.tx, g.id)?;
                    self.out.success_groups += 1;
                }
                None => {
                    self.out.error_groups += 1;
                    self.fail(error(
                        NOT_FOUND,
                        format!("No group with xid {}", parsed.xid),
                        item,
                    ));
                }
            }
            return Ok(None);
        }
        let sp = Savepoint::begin(self.tx)?;
        let fields = group_fields(&parsed);
        let existed = groups::by_xid(&sp, &parsed.xid)?.is_some();
        let result = groups::upsert(
            &sp,
            self.owner,
            ty,
            &parsed.name,
            Some(&parsed.xid),
            &fields,
            self.now,
        )
        .and_then(|(g, _)| {
            let problems = self.apply_meta(
                &sp,
                ItemKind::Group,
                g.id,
                !existed,
                &parsed.attribute,
                &parsed.tag,
                &parsed.security_label,
            )?;
            Ok((g, problems))
        });
        match result {
            Ok((g, problems)) => {
                sp.commit()?;
                self.out.success_groups += 1;
                for p in problems {
                    self.out.errors.push(error(GROUP_PARTIAL, p, item));
                }
                Ok(Some((g, parsed)))
            }
            Err(StoreError::Invalid(message)) => {
                sp.rollback()?;
                self.out.error_groups += 1;
                self.fail(error(INVALID_GROUP, message, item));
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    fn indicator(&mut self, item: &Value) -> StoreResult<()> {
        let parsed: BatchIndicator = match serde_json::from_value(item.clone()) {
            Ok(i) => i,
            Err(e) => {
                self.out.error_indicators += 1;
                self.fail(error(
                    INVALID_INDICATOR,
                    format!("The indicator could not be read ({e})"),
                    item,
                ));
                return Ok(());
            }
        };
        let (ty, summary) = match indicator_identity(&parsed) {
            Ok(x) => x,
            Err(message) => {
                self.out.error_indicators += 1;
                self.fail(error(INVALID_INDICATOR, message, item));
                return Ok(());
            }
        };
        if self.config.action == BatchAction::Delete {
            match indicators::find(self.tx, self.owner.id, ty, &summary)? {
                Some(rec) => {
                    indicators::delete(self.tx, rec.id)?;
                    self.out.success_indicators += 1;
                }
                None => {
                    self.out.error_indicators += 1;
                    self.fail(error(
                        NOT_FOUND,
                        format!("No {} {summary} in {}", ty.name(), self.owner.name),
                        item,
                    ));
                }
            }
            return Ok(());
        }
        let fields = match indicator_fields(&parsed) {
            Ok(f) => f,
            Err(message) => {
                self.out.error_indicators += 1;
                self.fail(error(INVALID_INDICATOR, message, item));
                return Ok(());
            }
        };
        let sp = Savepoint::begin(self.tx)?;
        let (rec, new) = indicators::upsert(&sp, self.owner, ty, &summary, &fields, self.now)?;
        let mut attributes = parsed.attribute.clone();
        for (type_name, value) in [
            ("Description", &parsed.description),
            ("Source", &parsed.source),
        ] {
            if let Some(value) = value {
                attributes.push(BatchAttribute {
                    type_name: type_name.into(),
                    value: value.clone(),
                    displayed: Some(true),
                    ..Default::default()
                });
            }
        }
        let mut problems = match self.apply_meta(
            &sp,
            ItemKind::Indicator,
            rec.id,
            new,
            &attributes,
            &parsed.tag,
            &parsed.security_label,
        ) {
            Ok(p) => p,
            Err(StoreError::Invalid(message)) => {
                sp.rollback()?;
                self.out.error_indicators += 1;
                self.fail(error(INVALID_INDICATOR, message, item));
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        for link in &parsed.associated_groups {
            match groups::by_xid(&sp, &link.group_xid)?.filter(|g| g.owner.id == self.owner.id) {
                Some(g) => groups::associate_indicator(&sp, &g, &rec)?,
                None => problems.push(format!(
                    "No group with xid {} in {} to associate",
                    link.group_xid, self.owner.name
                )),
            }
        }
        sp.commit()?;
        if problems.is_empty() {
            self.out.success_indicators += 1;
        } else {
            self.out.error_indicators += 1;
            let message = problems.join("; ");
            self.fail(error(INDICATOR_PARTIAL, message, item));
        }
        Ok(())
    }

    /// Tags, labels and attributes with the job's write modes. Returns what could not be
    /// applied (a label that does not exist, say) without failing the item; a bad attribute
    /// fails it.
    #[allow(clippy::too_many_arguments)]
    fn apply_meta(
        &self,
        conn: &Connection,
        kind: ItemKind,
        id: i64,
        new: bool,
        attributes: &[BatchAttribute],
        tags: &[tc_model::batch::NameOnly],
        labels: &[BatchLabel],
    ) -> StoreResult<Vec<String>> {
        let mut problems = Vec::new();
        // Static keeps an existing item's attributes as they are. UNVERIFIED: whether
        // Replace with no incoming attributes clears them; the sandbox keeps them, so a feed
        // that sends none loses nothing.
        let keep_existing = self.config.attribute_write_type == AttributeWriteType::Static && !new;
        if !keep_existing && !attributes.is_empty() {
            match self.config.attribute_write_type {
                AttributeWriteType::Replace => meta::clear_attributes(conn, kind, id, None)?,
                AttributeWriteType::Singleton => {
                    for a in attributes {
                        meta::clear_attributes(conn, kind, id, Some(&a.type_name))?;
                    }
                }
                AttributeWriteType::Append | AttributeWriteType::Static => {}
            }
            for a in attributes {
                let input = AttributeInput {
                    type_name: a.type_name.clone(),
                    value: a.value.clone(),
                    displayed: a.displayed,
                    source: a.source.clone(),
                    xid: None,
                };
                meta::add_attribute(conn, kind, id, &input, self.now)?;
            }
        }
        if self.config.tag_write_type.unwrap_or(WriteType::Replace) == WriteType::Replace {
            meta::clear_tags(conn, kind, id)?;
        }
        for t in tags {
            meta::apply_tag(conn, self.owner.id, kind, id, &t.name)?;
        }
        if self
            .config
            .security_label_write_type
            .unwrap_or(WriteType::Replace)
            == WriteType::Replace
        {
            meta::clear_labels(conn, kind, id)?;
        }
        for l in labels {
            if let (Some(description), Some(color)) = (&l.description, &l.color) {
                meta::create_label(conn, &l.name, Some(description), Some(color), self.now)?;
            }
            match meta::apply_label(conn, kind, id, &l.name) {
                Ok(()) => {}
                Err(StoreError::NotFound(_)) => problems.push(format!("The security label {} does not exist (give a description and color to create it)", l.name)),
                Err(e) => return Err(e),
            }
        }
        Ok(problems)
    }

    /// A group's `associatedGroupXid` and `associatedIndicators`.
    fn group_links(
        &mut self,
        (g, parsed): &(GroupRecord, BatchGroup),
        item: &Value,
    ) -> StoreResult<()> {
        for xid in &parsed.associated_group_xid {
            match groups::by_xid(self.tx, xid)?.filter(|o| o.owner.id == self.owner.id) {
                Some(other) if other.id != g.id => groups::associate_groups(self.tx, g, &other)?,
                Some(_) => {}
                None => self.fail(error(
                    ASSOCIATION,
                    format!("No group with xid {xid} to associate with {}", g.name),
                    item,
                )),
            }
        }
        for link in &parsed.associated_indicators {
            let found = IndicatorType::from_name(&link.indicator_type)
                .and_then(|ty| normalize(ty, &link.summary).ok().map(|s| (ty, s)))
                .map(|(ty, s)| indicators::find(self.tx, self.owner.id, ty, &s))
                .transpose()?
                .flatten();
            match found {
                Some(ind) => groups::associate_indicator(self.tx, g, &ind)?,
                None => self.fail(error(
                    ASSOCIATION,
                    format!(
                        "No {} {} to associate with {}",
                        link.indicator_type, link.summary, g.name
                    ),
                    item,
                )),
            }
        }
        Ok(())
    }

    /// One entry of `association[]`.
    fn association(&mut self, item: &Value) -> StoreResult<()> {
        let parsed: BatchAssociation = match serde_json::from_value(item.clone()) {
            Ok(a) => a,
            Err(e) => {
                self.fail(error(
                    ASSOCIATION,
                    format!("The association could not be read ({e})"),
                    item,
                ));
                return Ok(());
            }
        };
        let one = self.resolve(
            parsed.id_1,
            parsed.ref_1.as_deref(),
            parsed.type_1.as_deref(),
        )?;
        let two = self.resolve(
            parsed.id_2,
            parsed.ref_2.as_deref(),
            parsed.type_2.as_deref(),
        )?;
        let result = match (one, two) {
            (Some(Ref::Indicator(i)), Some(Ref::Group(g)))
            | (Some(Ref::Group(g)), Some(Ref::Indicator(i))) => {
                groups::associate_indicator(self.tx, &g, &i)
            }
            (Some(Ref::Group(a)), Some(Ref::Group(b))) => groups::associate_groups(self.tx, &a, &b),
            (Some(Ref::Indicator(a)), Some(Ref::Indicator(b))) => match parsed
                .association_type
                .as_deref()
                .and_then(assoc::association_type)
            {
                Some(kind) => assoc::associate(self.tx, kind, &a, &b),
                None => Err(StoreError::Invalid(
                    "An indicator-to-indicator association needs a known associationType".into(),
                )),
            },
            _ => Err(StoreError::Invalid(
                "Both ends of the association must exist in the owner".into(),
            )),
        };
        match result {
            Ok(()) => Ok(()),
            Err(StoreError::Invalid(message)) => {
                self.fail(error(ASSOCIATION, message, item));
                Ok(())
            }
            Err(StoreError::NotFound(message)) => {
                self.fail(error(ASSOCIATION, message, item));
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn resolve(
        &self,
        id: Option<i64>,
        reference: Option<&str>,
        type_name: Option<&str>,
    ) -> StoreResult<Option<Ref>> {
        let ty = type_name.and_then(IndicatorType::from_name);
        match (id, reference, ty) {
            (Some(id), _, Some(_)) => Ok(indicators::get(self.tx, id)?
                .filter(|i| i.owner.id == self.owner.id)
                .map(Ref::Indicator)),
            (Some(id), _, None) => Ok(groups::get(self.tx, id)?
                .filter(|g| g.owner.id == self.owner.id)
                .map(Ref::Group)),
            (None, Some(r), Some(ty)) => match normalize(ty, r) {
                Ok(s) => Ok(indicators::find(self.tx, self.owner.id, ty, &s)?.map(Ref::Indicator)),
                Err(_) => Ok(None),
            },
            (None, Some(r), None) => Ok(groups::by_xid(self.tx, r)?
                .filter(|g| g.owner.id == self.owner.id)
                .map(Ref::Group)),
            (None, None, _) => Ok(None),
        }
    }
}

/// An SQL savepoint around one item: released on success, rolled back on failure (and on
/// drop, should an error leave early).
struct Savepoint<'c> {
    conn: &'c Connection,
    open: bool,
}

impl<'c> Savepoint<'c> {
    fn begin(conn: &'c Connection) -> StoreResult<Self> {
        conn.execute_batch("SAVEPOINT item")?;
        Ok(Savepoint { conn, open: true })
    }

    fn commit(mut self) -> StoreResult<()> {
        self.open = false;
        self.conn.execute_batch("RELEASE item")?;
        Ok(())
    }

    fn rollback(mut self) -> StoreResult<()> {
        self.open = false;
        self.conn.execute_batch("ROLLBACK TO item; RELEASE item")?;
        Ok(())
    }
}

impl Drop for Savepoint<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK TO item; RELEASE item");
        }
    }
}

impl std::ops::Deref for Savepoint<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

enum Ref {
    Indicator(IndicatorRecord),
    Group(GroupRecord),
}

/// The type and canonical summary of a batch indicator. Hash fields win over a File
/// summary; other types may give their value fields instead of `summary` (§8.4).
fn indicator_identity(i: &BatchIndicator) -> Result<(IndicatorType, String), String> {
    let ty = IndicatorType::from_name(&i.type_name)
        .ok_or_else(|| format!("{} is not an indicator type", i.type_name))?;
    let from_fields =
        |fields: &Map<String, Value>| summary_from_fields(ty, fields).map_err(|e| e.reason);
    let summary = if ty == IndicatorType::File
        && ["md5", "sha1", "sha256"]
            .iter()
            .any(|k| i.fields.contains_key(*k))
    {
        let text = |k: &str| i.fields.get(k).and_then(Value::as_str);
        FileHashes::from_parts(text("md5"), text("sha1"), text("sha256"))
            .map_err(|e| e.reason)?
            .summary()
    } else {
        match &i.summary {
            Some(s) => normalize(ty, s).map_err(|e| e.reason)?,
            None => from_fields(&i.fields)?,
        }
    };
    Ok((ty, summary))
}

fn indicator_fields(i: &BatchIndicator) -> Result<IndicatorFields, String> {
    if let Some(r) = i.rating
        && !(0.0..=5.0).contains(&r)
    {
        return Err(format!("The rating must be from 0 to 5, not {r}"));
    }
    if let Some(c) = i.confidence
        && !(0..=100).contains(&c)
    {
        return Err(format!("The confidence must be from 0 to 100, not {c}"));
    }
    let flag = |k: &str| match i.fields.get(k) {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => Some(s.eq_ignore_ascii_case("true")),
        _ => None,
    };
    Ok(IndicatorFields {
        rating: i.rating,
        confidence: i.confidence,
        active: i.active,
        active_locked: i.active_locked,
        private_flag: i.private_flag,
        dns_active: flag("dnsActive").or(flag("flag1")),
        whois_active: flag("whoisActive").or(flag("flag2")),
        size: i
            .fields
            .get("size")
            .or(i.fields.get("intValue1"))
            .and_then(Value::as_i64),
        xid: i.xid.clone(),
    })
}

/// A batch group's type-specific fields, as the REST API names them.
fn group_fields(g: &BatchGroup) -> Map<String, Value> {
    let mut fields = Map::new();
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            fields.insert(k.into(), json!(v));
        }
    };
    put("eventDate", &g.event_date);
    put("status", &g.status);
    put("eventType", &g.event_type);
    put("firstSeen", &g.first_seen);
    put("lastSeen", &g.last_seen);
    put("fileName", &g.file_name);
    put("fileType", &g.file_type);
    put("fileText", &g.file_text);
    put("subject", &g.subject);
    put("header", &g.header);
    put("body", &g.body);
    put("from", &g.from);
    put("to", &g.to);
    put("password", &g.password);
    if let Some(m) = g.malware {
        fields.insert("malware".into(), json!(m));
    }
    fields
}

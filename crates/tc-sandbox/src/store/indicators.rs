//! Indicators: owner-scoped (the same value may live in several owners, each with its own
//! id and metadata), looked up by canonical summary or, for Files, by any of their hashes.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};
use tc_model::{IndicatorType, Owner, OwnerType};

use super::threat_assess;
use super::{StoreError, StoreResult, parse_time};

/// Everything the sandbox keeps about one indicator in one owner.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRecord {
    pub id: i64,
    pub owner: Owner,
    pub ty: IndicatorType,
    pub summary: String,
    pub rating: Option<f64>,
    pub confidence: Option<i64>,
    pub active: bool,
    pub active_locked: bool,
    pub private_flag: bool,
    pub dns_active: Option<bool>,
    pub whois_active: Option<bool>,
    pub size: Option<i64>,
    pub xid: Option<String>,
    pub date_added: i64,
    pub last_modified: i64,
    pub observation_count: i64,
    pub last_observed: Option<i64>,
    pub false_positive_count: i64,
    pub false_positive_last: Option<i64>,
    pub ta_score: i64,
    pub ta_rating: f64,
    pub ta_confidence: f64,
    /// The displayed Description attribute's value (quirk 12).
    pub description: Option<String>,
    /// The displayed Source attribute's value (quirk 12).
    pub source: Option<String>,
}

/// Fields a create or update may set. `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorFields {
    pub rating: Option<f64>,
    pub confidence: Option<i64>,
    pub active: Option<bool>,
    pub active_locked: Option<bool>,
    pub private_flag: Option<bool>,
    pub dns_active: Option<bool>,
    pub whois_active: Option<bool>,
    pub size: Option<i64>,
    pub xid: Option<String>,
}

const COLUMNS: &str = "i.id, i.owner_id, o.name, o.type, i.type, i.summary, i.rating, i.confidence, \
    i.active, i.active_locked, i.private_flag, i.dns_active, i.whois_active, i.size, i.xid, \
    i.date_added, i.last_modified, i.observation_count, i.last_observed, i.false_positive_count, \
    i.false_positive_last, i.ta_score, i.ta_rating, i.ta_confidence, \
    (SELECT a.value FROM attributes a WHERE a.kind = 'i' AND a.item_id = i.id AND a.type = 'Description' AND a.displayed = 1 ORDER BY a.id LIMIT 1), \
    (SELECT a.value FROM attributes a WHERE a.kind = 'i' AND a.item_id = i.id AND a.type = 'Source' AND a.displayed = 1 ORDER BY a.id LIMIT 1)";

fn record(r: &Row<'_>) -> rusqlite::Result<IndicatorRecord> {
    let type_name: String = r.get(4)?;
    let ty = IndicatorType::from_name(&type_name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            "unknown indicator type".into(),
        )
    })?;
    Ok(IndicatorRecord {
        id: r.get(0)?,
        owner: Owner {
            id: r.get(1)?,
            name: r.get(2)?,
            owner_type: OwnerType::from(r.get::<_, String>(3)?.as_str()),
        },
        ty,
        summary: r.get(5)?,
        rating: r.get(6)?,
        confidence: r.get(7)?,
        active: r.get(8)?,
        active_locked: r.get(9)?,
        private_flag: r.get(10)?,
        dns_active: r.get(11)?,
        whois_active: r.get(12)?,
        size: r.get(13)?,
        xid: r.get(14)?,
        date_added: r.get(15)?,
        last_modified: r.get(16)?,
        observation_count: r.get(17)?,
        last_observed: r.get(18)?,
        false_positive_count: r.get(19)?,
        false_positive_last: r.get(20)?,
        ta_score: r.get(21)?,
        ta_rating: r.get(22)?,
        ta_confidence: r.get(23)?,
        description: r.get(24)?,
        source: r.get(25)?,
    })
}

/// One indicator by id.
pub fn get(conn: &Connection, id: i64) -> StoreResult<Option<IndicatorRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM indicators i JOIN owners o ON o.id = i.owner_id WHERE i.id = ?1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], record)
        .optional()?)
}

/// The indicator of type `ty` with canonical summary `summary` in `owner_id`. A File is
/// found by any one of its hashes (`summary` may be a single hash or a full summary).
pub fn find(
    conn: &Connection,
    owner_id: i64,
    ty: IndicatorType,
    summary: &str,
) -> StoreResult<Option<IndicatorRecord>> {
    let id: Option<i64> = if ty == IndicatorType::File {
        let hashes: Vec<&str> = summary.split(" : ").collect();
        let mut found = None;
        for hash in hashes {
            found = conn
                .prepare_cached(
                    "SELECT i.id FROM file_hashes h JOIN indicators i ON i.id = h.indicator_id \
                     WHERE h.hash = ?1 AND i.owner_id = ?2 LIMIT 1",
                )?
                .query_row(params![hash, owner_id], |r| r.get(0))
                .optional()?;
            if found.is_some() {
                break;
            }
        }
        found
    } else {
        conn.prepare_cached(
            "SELECT id FROM indicators WHERE owner_id = ?1 AND type = ?2 AND summary = ?3",
        )?
        .query_row(params![owner_id, ty.name(), summary], |r| r.get(0))
        .optional()?
    };
    match id {
        Some(id) => get(conn, id),
        None => Ok(None),
    }
}

/// Creates the indicator, or — when the value already exists in the owner — updates the
/// fields given (ThreatConnect's create is an upsert for clients such as tcex; UNVERIFIED
/// for the REST create call, and the friendlier behaviour for re-running a feed). Returns
/// the record and whether it was new.
pub fn upsert(
    conn: &Connection,
    owner: &Owner,
    ty: IndicatorType,
    summary: &str,
    fields: &IndicatorFields,
    now: i64,
) -> StoreResult<(IndicatorRecord, bool)> {
    if let Some(existing) = find(conn, owner.id, ty, summary)? {
        // A File given more hashes than it had gains them (hash merge).
        let merged = if ty == IndicatorType::File {
            merge_file_summary(&existing.summary, summary)
        } else {
            existing.summary.clone()
        };
        if merged != existing.summary {
            conn.execute(
                "UPDATE indicators SET summary = ?1 WHERE id = ?2",
                params![merged, existing.id],
            )?;
            index_hashes(conn, existing.id, &merged)?;
        }
        update(conn, existing.id, fields, now)?;
        let record = get(conn, existing.id)?
            .ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
        return Ok((record, false));
    }
    conn.execute(
        "INSERT INTO indicators (owner_id, type, summary, rating, confidence, active, active_locked, private_flag, \
         dns_active, whois_active, size, xid, date_added, last_modified) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            owner.id,
            ty.name(),
            summary,
            fields.rating,
            fields.confidence,
            fields.active.unwrap_or(true),
            fields.active_locked.unwrap_or(false),
            fields.private_flag.unwrap_or(false),
            fields.dns_active,
            fields.whois_active,
            fields.size,
            fields.xid,
            now,
        ],
    )?;
    let id = conn.last_insert_rowid();
    if ty == IndicatorType::File {
        index_hashes(conn, id, summary)?;
    }
    threat_assess::refresh(conn, ty, summary)?;
    let record =
        get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    Ok((record, true))
}

/// The union of two File summaries' hashes, in md5, sha1, sha256 order (by length).
fn merge_file_summary(old: &str, new: &str) -> String {
    let mut by_len: [Option<&str>; 3] = [None, None, None];
    for hash in old.split(" : ").chain(new.split(" : ")) {
        let slot = match hash.len() {
            32 => 0,
            40 => 1,
            64 => 2,
            _ => continue,
        };
        by_len[slot].get_or_insert(hash);
    }
    by_len
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" : ")
}

fn index_hashes(conn: &Connection, id: i64, summary: &str) -> StoreResult<()> {
    conn.execute("DELETE FROM file_hashes WHERE indicator_id = ?1", [id])?;
    for hash in summary.split(" : ") {
        conn.execute(
            "INSERT INTO file_hashes (indicator_id, hash) VALUES (?1, ?2)",
            params![id, hash],
        )?;
    }
    Ok(())
}

/// Applies `fields`. `lastModified` moves only when something changed.
pub fn update(conn: &Connection, id: i64, fields: &IndicatorFields, now: i64) -> StoreResult<()> {
    let before =
        get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    let changed = conn.execute(
        "UPDATE indicators SET \
           rating = COALESCE(?2, rating), confidence = COALESCE(?3, confidence), \
           active = COALESCE(?4, active), active_locked = COALESCE(?5, active_locked), \
           private_flag = COALESCE(?6, private_flag), dns_active = COALESCE(?7, dns_active), \
           whois_active = COALESCE(?8, whois_active), size = COALESCE(?9, size), xid = COALESCE(?10, xid) \
         WHERE id = ?1",
        params![
            id,
            fields.rating,
            fields.confidence,
            fields.active,
            fields.active_locked,
            fields.private_flag,
            fields.dns_active,
            fields.whois_active,
            fields.size,
            fields.xid
        ],
    )?;
    let after =
        get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    if changed > 0 && after != before {
        conn.execute(
            "UPDATE indicators SET last_modified = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        if after.rating != before.rating || after.confidence != before.confidence {
            threat_assess::refresh(conn, after.ty, &after.summary)?;
        }
    }
    Ok(())
}

/// Deletes an indicator with its tags, labels and attributes.
pub fn delete(conn: &Connection, id: i64) -> StoreResult<()> {
    let record =
        get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    conn.execute(
        "DELETE FROM item_tags WHERE kind = 'i' AND item_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM item_labels WHERE kind = 'i' AND item_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM attributes WHERE kind = 'i' AND item_id = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM indicators WHERE id = ?1", [id])?;
    threat_assess::refresh(conn, record.ty, &record.summary)?;
    Ok(())
}

/// Adds `count` observations (now).
pub fn observe(conn: &Connection, id: i64, count: i64, now: i64) -> StoreResult<()> {
    conn.execute(
        "UPDATE indicators SET observation_count = observation_count + ?2, last_observed = ?3 WHERE id = ?1",
        params![id, count, now],
    )?;
    let r = get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    threat_assess::refresh(conn, r.ty, &r.summary)?;
    Ok(())
}

/// Reports a false positive (at most one a day from the API user, like ThreatConnect).
/// Returns the count and the last report time.
pub fn false_positive(conn: &Connection, id: i64, now: i64) -> StoreResult<(i64, i64)> {
    let r = get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    let same_day = r
        .false_positive_last
        .is_some_and(|last| last.div_euclid(86_400) == now.div_euclid(86_400));
    if !same_day {
        conn.execute(
            "UPDATE indicators SET false_positive_count = false_positive_count + 1, false_positive_last = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        threat_assess::refresh(conn, r.ty, &r.summary)?;
    }
    let r = get(conn, id)?.ok_or(StoreError::NotFound(tc_model::messages::RESOURCE_NOT_FOUND))?;
    Ok((r.false_positive_count, r.false_positive_last.unwrap_or(now)))
}

/// The owners holding the same value, with each owner's item id.
pub fn owners_of(
    conn: &Connection,
    ty: IndicatorType,
    summary: &str,
) -> StoreResult<Vec<(Owner, i64)>> {
    let owner = |r: &Row<'_>| -> rusqlite::Result<(Owner, i64)> {
        Ok((
            Owner {
                id: r.get(0)?,
                name: r.get(1)?,
                owner_type: OwnerType::from(r.get::<_, String>(2)?.as_str()),
            },
            r.get(3)?,
        ))
    };
    let mut out: Vec<(Owner, i64)> = Vec::new();
    if ty == IndicatorType::File {
        // Each owner's copy may carry other hashes: copies sharing any hash are the same
        // File, and so are copies sharing a hash with those (followed until nothing new).
        let mut stmt = conn.prepare_cached(
            "SELECT o.id, o.name, o.type, i.id, i.summary FROM file_hashes h \
             JOIN indicators i ON i.id = h.indicator_id JOIN owners o ON o.id = i.owner_id \
             WHERE h.hash = ?1",
        )?;
        let mut hashes: Vec<String> = summary.split(" : ").map(str::to_owned).collect();
        let mut next = 0;
        while next < hashes.len() {
            let rows =
                stmt.query_map([&hashes[next]], |r| Ok((owner(r)?, r.get::<_, String>(4)?)))?;
            next += 1;
            for row in rows {
                let (found, found_summary) = row?;
                if !out.iter().any(|(_, id)| *id == found.1) {
                    out.push(found);
                }
                for hash in found_summary.split(" : ") {
                    if !hashes.iter().any(|h| h == hash) {
                        hashes.push(hash.to_owned());
                    }
                }
            }
        }
        out.sort_by_key(|(o, _)| o.id);
    } else {
        let mut stmt = conn.prepare_cached(
            "SELECT o.id, o.name, o.type, i.id FROM indicators i JOIN owners o ON o.id = i.owner_id \
             WHERE i.type = ?1 AND i.summary = ?2 ORDER BY o.id",
        )?;
        out = stmt
            .query_map(params![ty.name(), summary], owner)?
            .collect::<Result<_, _>>()?;
    }
    Ok(out)
}

/// One `filters` condition (`reference/threatconnect-api.md` §5.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: String,
    pub op: char,
    pub value: String,
}

/// What a list asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub start: usize,
    pub limit: usize,
    pub conditions: Vec<Condition>,
    /// `orParams=true`: any condition may match.
    pub or: bool,
    /// `modifiedSince`, Unix seconds.
    pub modified_since: Option<i64>,
    /// Only items with this tag (`/v2/tags/{name}/indicators`).
    pub tagged: Option<String>,
    /// Only items with this security label (`/v2/securityLabels/{name}/indicators`).
    pub labelled: Option<String>,
}

/// A page of indicators of one owner (optionally one type), filtered, by id. Returns the
/// total when `start` is 0 (only the first page carries `resultCount`, quirk 2).
pub fn list(
    conn: &Connection,
    owner_id: i64,
    ty: Option<IndicatorType>,
    query: &ListQuery,
) -> StoreResult<(Option<u64>, Vec<IndicatorRecord>)> {
    let mut clauses = vec!["i.owner_id = ?".to_owned()];
    let mut args: Vec<Box<dyn ToSql>> = vec![Box::new(owner_id)];
    if let Some(ty) = ty {
        clauses.push("i.type = ?".into());
        args.push(Box::new(ty.name()));
    }
    if let Some(since) = query.modified_since {
        clauses.push("i.last_modified >= ?".into());
        args.push(Box::new(since));
    }
    super::meta::marked_clauses(
        query,
        "i",
        super::meta::ItemKind::Indicator,
        &mut clauses,
        &mut args,
    );
    // Lists show active indicators unless an `active` condition says otherwise (quirk 13).
    if !query.conditions.iter().any(|c| c.field == "active") {
        clauses.push("i.active = 1".into());
    }
    if !query.conditions.is_empty() {
        let mut parts = Vec::new();
        for c in &query.conditions {
            let (sql, arg) = condition_sql(c, ty)?;
            parts.push(sql);
            if let Some(arg) = arg {
                args.push(arg);
            }
        }
        let joiner = if query.or { " OR " } else { " AND " };
        clauses.push(format!("({})", parts.join(joiner)));
    }
    let filter = clauses.join(" AND ");
    let total = if query.start == 0 {
        let sql = format!("SELECT COUNT(*) FROM indicators i WHERE {filter}");
        let n: i64 = conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        Some(n as u64)
    } else {
        None
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM indicators i JOIN owners o ON o.id = i.owner_id WHERE {filter} ORDER BY i.id LIMIT {} OFFSET {}",
        query.limit, query.start
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), record)?;
    Ok((total, rows.collect::<Result<_, _>>()?))
}

fn bad_filter(c: &Condition, why: &str) -> StoreError {
    StoreError::Invalid(format!(
        "Invalid filter {}{}{}: {why}",
        c.field, c.op, c.value
    ))
}

/// SQL for one condition, with its argument.
fn condition_sql(
    c: &Condition,
    ty: Option<IndicatorType>,
) -> StoreResult<(String, Option<Box<dyn ToSql>>)> {
    let number = |c: &Condition| {
        c.value
            .trim()
            .parse::<f64>()
            .map_err(|_| bad_filter(c, "the value must be a number"))
    };
    let boolean = |c: &Condition| match c.value.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(bad_filter(c, "the value must be true or false")),
    };
    let compare = |column: &str, ops: &str, c: &Condition| -> StoreResult<String> {
        if !ops.contains(c.op) {
            return Err(bad_filter(
                c,
                &format!(
                    "this field takes only {}",
                    ops.chars().map(String::from).collect::<Vec<_>>().join(" ")
                ),
            ));
        }
        Ok(format!("{column} {} ?", c.op))
    };
    let host_only = |c: &Condition| {
        if ty.is_some_and(|t| t != IndicatorType::Host) {
            Err(bad_filter(c, "only Host indicators have this field"))
        } else {
            Ok(())
        }
    };
    Ok(match c.field.as_str() {
        "summary" => match c.op {
            '=' => (
                "i.summary = ? COLLATE NOCASE".into(),
                Some(Box::new(c.value.clone())),
            ),
            '^' => {
                let escaped = c
                    .value
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                (
                    "i.summary LIKE ? ESCAPE '\\'".into(),
                    Some(Box::new(format!("{escaped}%"))),
                )
            }
            _ => return Err(bad_filter(c, "summary takes = or ^")),
        },
        "active" => (compare("i.active", "=", c)?, Some(Box::new(boolean(c)?))),
        "dateAdded" => {
            let t = parse_time(&c.value)
                .ok_or_else(|| bad_filter(c, "the value must be a date such as 2024-01-31"))?;
            (compare("i.date_added", "<>", c)?, Some(Box::new(t)))
        }
        "rating" => (compare("i.rating", "<>=", c)?, Some(Box::new(number(c)?))),
        "confidence" => (
            compare("i.confidence", "=<>", c)?,
            Some(Box::new(number(c)?)),
        ),
        "threatAssessScore" => (compare("i.ta_score", "=<>", c)?, Some(Box::new(number(c)?))),
        "threatAssessRating" => (compare("i.ta_rating", "<>", c)?, Some(Box::new(number(c)?))),
        "threatAssessConfidence" => (
            compare("i.ta_confidence", "<>", c)?,
            Some(Box::new(number(c)?)),
        ),
        "falsePositive" => (
            compare("i.false_positive_count", "=<>", c)?,
            Some(Box::new(number(c)?)),
        ),
        "dnsActive" => {
            host_only(c)?;
            (
                compare("i.dns_active", "=", c)?,
                Some(Box::new(boolean(c)?)),
            )
        }
        "whoisActive" => {
            host_only(c)?;
            (
                compare("i.whois_active", "=", c)?,
                Some(Box::new(boolean(c)?)),
            )
        }
        // Address geolocation fields exist in ThreatConnect; the sandbox has no geolocation
        // data, so they match nothing rather than fail.
        "city" | "countryCode" | "countryName" | "organization" | "state" | "timezone" | "asn" => {
            if ty.is_some_and(|t| t != IndicatorType::Address) {
                return Err(bad_filter(c, "only Address indicators have this field"));
            }
            ("0".into(), None)
        }
        _ => return Err(bad_filter(c, "unknown field")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn owner(store: &Store, id: i64, name: &str) -> Owner {
        store.add_owner(id, name, "Organization").unwrap();
        store.owner_by_name(name).unwrap().unwrap()
    }

    fn fields(rating: f64, confidence: i64) -> IndicatorFields {
        IndicatorFields {
            rating: Some(rating),
            confidence: Some(confidence),
            ..Default::default()
        }
    }

    #[test]
    fn same_value_lives_in_several_owners() {
        let store = Store::in_memory().unwrap();
        let a = owner(&store, 1, "A");
        let b = owner(&store, 2, "B");
        let conn = store.conn();
        let (x, new_x) = upsert(
            &conn,
            &a,
            IndicatorType::Host,
            "bad.example",
            &fields(3.0, 60),
            100,
        )
        .unwrap();
        let (y, new_y) = upsert(
            &conn,
            &b,
            IndicatorType::Host,
            "bad.example",
            &fields(1.0, 10),
            100,
        )
        .unwrap();
        assert!(new_x && new_y);
        assert_ne!(x.id, y.id);
        assert_eq!(
            owners_of(&conn, IndicatorType::Host, "bad.example")
                .unwrap()
                .len(),
            2
        );
        let (again, new) = upsert(
            &conn,
            &a,
            IndicatorType::Host,
            "bad.example",
            &fields(4.0, 60),
            200,
        )
        .unwrap();
        assert!(!new);
        assert_eq!(again.id, x.id);
        assert_eq!(again.rating, Some(4.0));
        assert_eq!(again.last_modified, 200);
    }

    #[test]
    fn files_are_found_by_any_hash_and_merge() {
        let store = Store::in_memory().unwrap();
        let a = owner(&store, 1, "A");
        let conn = store.conn();
        let md5 = "905AD8176A569A36421BF54C04BA7F95";
        let sha1 = "A52B6986D68CDFAC53AA740566CBEADE4452124E";
        upsert(
            &conn,
            &a,
            IndicatorType::File,
            md5,
            &IndicatorFields::default(),
            1,
        )
        .unwrap();
        let (merged, new) = upsert(
            &conn,
            &a,
            IndicatorType::File,
            &format!("{md5} : {sha1}"),
            &IndicatorFields::default(),
            2,
        )
        .unwrap();
        assert!(!new);
        assert_eq!(merged.summary, format!("{md5} : {sha1}"));
        assert_eq!(
            find(&conn, a.id, IndicatorType::File, sha1)
                .unwrap()
                .unwrap()
                .id,
            merged.id
        );
    }

    #[test]
    fn lists_filter_page_and_count_on_the_first_page_only() {
        let store = Store::in_memory().unwrap();
        let a = owner(&store, 1, "A");
        let conn = store.conn();
        for n in 0..30 {
            let f = IndicatorFields {
                active: Some(n % 10 != 0),
                ..fields((n % 6) as f64, n * 3)
            };
            upsert(
                &conn,
                &a,
                IndicatorType::Address,
                &format!("192.0.2.{n}"),
                &f,
                1_000 + n,
            )
            .unwrap();
        }
        let q = |conditions: Vec<Condition>, or: bool| ListQuery {
            start: 0,
            limit: 100,
            conditions,
            or,
            ..Default::default()
        };
        let cond = |field: &str, op: char, value: &str| Condition {
            field: field.into(),
            op,
            value: value.into(),
        };

        let (total, page) = list(&conn, a.id, None, &q(vec![], false)).unwrap();
        assert_eq!(total, Some(27), "inactive ones are left out by default");
        assert_eq!(page.len(), 27);
        let (total, _) = list(
            &conn,
            a.id,
            None,
            &q(vec![cond("active", '=', "false")], false),
        )
        .unwrap();
        assert_eq!(total, Some(3));
        let (total, _) =
            list(&conn, a.id, None, &q(vec![cond("rating", '>', "3")], false)).unwrap();
        assert_eq!(
            total,
            Some(9),
            "ratings 4 and 5 among the active ones (10 of 30, less n = 10)"
        );
        let (total, _) = list(
            &conn,
            a.id,
            None,
            &q(
                vec![cond("rating", '>', "4"), cond("confidence", '<', "10")],
                true,
            ),
        )
        .unwrap();
        assert!(total.unwrap() > 4, "OR widens the match");
        let (_, prefix) = list(
            &conn,
            a.id,
            None,
            &q(vec![cond("summary", '^', "192.0.2.2")], false),
        )
        .unwrap();
        assert_eq!(
            prefix.len(),
            10,
            "192.0.2.2 and 192.0.2.20 to .29, less the inactive .20"
        );

        let second = ListQuery {
            start: 20,
            limit: 5,
            ..q(vec![], false)
        };
        let (total, page) = list(&conn, a.id, None, &second).unwrap();
        assert_eq!(total, None);
        assert_eq!(page.len(), 5);
        let since = ListQuery {
            modified_since: Some(1_025),
            ..q(vec![], false)
        };
        assert_eq!(list(&conn, a.id, None, &since).unwrap().1.len(), 5);

        let err = list(
            &conn,
            a.id,
            None,
            &q(vec![cond("colour", '=', "red")], false),
        )
        .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(m) if m.contains("unknown field")));
        let err = list(&conn, a.id, None, &q(vec![cond("rating", '^', "3")], false)).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)));
    }

    #[test]
    fn false_positives_count_once_a_day() {
        let store = Store::in_memory().unwrap();
        let a = owner(&store, 1, "A");
        let conn = store.conn();
        let (r, _) = upsert(
            &conn,
            &a,
            IndicatorType::Host,
            "fp.example",
            &fields(3.0, 50),
            0,
        )
        .unwrap();
        assert_eq!(false_positive(&conn, r.id, 86_400).unwrap(), (1, 86_400));
        assert_eq!(
            false_positive(&conn, r.id, 86_400 + 100).unwrap().0,
            1,
            "same day"
        );
        assert_eq!(false_positive(&conn, r.id, 2 * 86_400).unwrap().0, 2);
    }
}

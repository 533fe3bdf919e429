//! Groups (`reference/threatconnect-api.md` §6) and the associations between groups and
//! indicators (§7.4). Associations never cross owners.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params, params_from_iter};
use serde_json::{Map, Value};
use tc_model::{GroupType, IndicatorType, Owner, OwnerType};

use super::indicators::{self, Condition, IndicatorRecord, ListQuery};
use super::{StoreError, StoreResult, parse_time};
use tc_model::messages::RESOURCE_NOT_FOUND;

/// A group as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRecord {
    pub id: i64,
    pub owner: Owner,
    pub ty: GroupType,
    pub name: String,
    pub xid: Option<String>,
    pub date_added: i64,
    pub last_modified: i64,
    /// Type-specific fields as the API names them (`eventDate`, `status`, `fileName`, ...).
    pub fields: Map<String, Value>,
}

const COLUMNS: &str = "g.id, g.owner_id, o.name, o.type, g.type, g.name, g.xid, g.date_added, g.last_modified, g.fields";

fn record(r: &Row<'_>) -> rusqlite::Result<GroupRecord> {
    let type_name: String = r.get(4)?;
    let ty = GroupType::from_name(&type_name).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            "unknown group type".into(),
        )
    })?;
    let fields: String = r.get(9)?;
    Ok(GroupRecord {
        id: r.get(0)?,
        owner: Owner {
            id: r.get(1)?,
            name: r.get(2)?,
            owner_type: OwnerType::from(r.get::<_, String>(3)?.as_str()),
        },
        ty,
        name: r.get(5)?,
        xid: r.get(6)?,
        date_added: r.get(7)?,
        last_modified: r.get(8)?,
        fields: serde_json::from_str(&fields).unwrap_or_default(),
    })
}

/// One group by id.
pub fn get(conn: &Connection, id: i64) -> StoreResult<Option<GroupRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM groups g JOIN owners o ON o.id = g.owner_id WHERE g.id = ?1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], record)
        .optional()?)
}

/// A group of `owner_id` (and of `ty`, when given) by id.
pub fn find(
    conn: &Connection,
    owner_id: i64,
    ty: Option<GroupType>,
    id: i64,
) -> StoreResult<Option<GroupRecord>> {
    Ok(get(conn, id)?.filter(|g| g.owner.id == owner_id && ty.is_none_or(|t| t == g.ty)))
}

/// A group by xid (unique on the instance).
pub fn by_xid(conn: &Connection, xid: &str) -> StoreResult<Option<GroupRecord>> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM groups WHERE xid = ?1")?
        .query_row([xid], |r| r.get(0))
        .optional()?;
    match id {
        Some(id) => get(conn, id),
        None => Ok(None),
    }
}

/// Checks a group's required fields and statuses (§6.1).
pub fn validate(ty: GroupType, name: &str, fields: &Map<String, Value>) -> StoreResult<()> {
    if name.trim().is_empty() {
        return Err(StoreError::Invalid(format!("A {} needs a name", ty.name())));
    }
    for required in ty.required_fields() {
        let present = fields
            .get(*required)
            .is_some_and(|v| !v.is_null() && v.as_str().is_none_or(|s| !s.trim().is_empty()));
        if !present {
            return Err(StoreError::Invalid(format!(
                "A {} needs {required}",
                ty.name()
            )));
        }
    }
    if let (Some(allowed), Some(status)) = (
        ty.status_values(),
        fields.get("status").and_then(Value::as_str),
    ) && !allowed.contains(&status)
    {
        return Err(StoreError::Invalid(format!(
            "{status} is not a {} status; use one of: {}",
            ty.name(),
            allowed.join(", ")
        )));
    }
    if ty == GroupType::Signature
        && let Some(file_type) = fields.get("fileType").and_then(Value::as_str)
        && !tc_model::group::SIGNATURE_FILE_TYPES.contains(&file_type)
    {
        return Err(StoreError::Invalid(format!(
            "{file_type} is not a signature file type"
        )));
    }
    if ty == GroupType::Document
        && fields.get("malware").and_then(Value::as_bool) == Some(true)
        && fields.get("password").is_none()
    {
        return Err(StoreError::Invalid(
            "A malware Document needs the password of its ZIP file".into(),
        ));
    }
    Ok(())
}

/// Creates a group; with an xid already in the owner, updates that group instead (batch
/// xid upsert, §8.4). An xid used by another owner is refused.
pub fn upsert(
    conn: &Connection,
    owner: &Owner,
    ty: GroupType,
    name: &str,
    xid: Option<&str>,
    fields: &Map<String, Value>,
    now: i64,
) -> StoreResult<(GroupRecord, bool)> {
    if let Some(xid) = xid
        && let Some(existing) = by_xid(conn, xid)?
    {
        if existing.owner.id != owner.id || existing.ty != ty {
            return Err(StoreError::Invalid(format!(
                "The xid {xid} already belongs to another group"
            )));
        }
        update(conn, existing.id, Some(name), fields, now)?;
        let g = get(conn, existing.id)?.ok_or(StoreError::NotFound(RESOURCE_NOT_FOUND))?;
        return Ok((g, false));
    }
    validate(ty, name, fields)?;
    conn.execute(
        "INSERT INTO groups (owner_id, type, name, xid, date_added, last_modified, fields) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![owner.id, ty.name(), name.trim(), xid, now, Value::Object(fields.clone()).to_string()],
    )?;
    let g = get(conn, conn.last_insert_rowid())?.ok_or(StoreError::NotFound(RESOURCE_NOT_FOUND))?;
    Ok((g, true))
}

/// Renames and/or merges type-specific fields (a JSON null removes one).
pub fn update(
    conn: &Connection,
    id: i64,
    name: Option<&str>,
    changes: &Map<String, Value>,
    now: i64,
) -> StoreResult<()> {
    let current = get(conn, id)?.ok_or(StoreError::NotFound(RESOURCE_NOT_FOUND))?;
    let mut fields = current.fields.clone();
    for (k, v) in changes {
        if v.is_null() {
            fields.remove(k);
        } else {
            fields.insert(k.clone(), v.clone());
        }
    }
    let name = name.map_or(current.name.clone(), |n| n.trim().to_owned());
    validate(current.ty, &name, &fields)?;
    if name != current.name || fields != current.fields {
        conn.execute(
            "UPDATE groups SET name = ?2, fields = ?3, last_modified = ?4 WHERE id = ?1",
            params![id, name, Value::Object(fields).to_string(), now],
        )?;
    }
    Ok(())
}

/// Deletes a group with its tags, labels, attributes and associations.
pub fn delete(conn: &Connection, id: i64) -> StoreResult<()> {
    conn.execute(
        "DELETE FROM item_tags WHERE kind = 'g' AND item_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM item_labels WHERE kind = 'g' AND item_id = ?1",
        [id],
    )?;
    conn.execute(
        "DELETE FROM attributes WHERE kind = 'g' AND item_id = ?1",
        [id],
    )?;
    let n = conn.execute("DELETE FROM groups WHERE id = ?1", [id])?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// A page of groups of one owner (and type), filtered by `name`, `dateAdded` and the
/// type-specific date fields (§6.2).
pub fn list(
    conn: &Connection,
    owner_id: i64,
    ty: Option<GroupType>,
    query: &ListQuery,
) -> StoreResult<(Option<u64>, Vec<GroupRecord>)> {
    let mut clauses = vec!["g.owner_id = ?".to_owned()];
    let mut args: Vec<Box<dyn ToSql>> = vec![Box::new(owner_id)];
    if let Some(ty) = ty {
        clauses.push("g.type = ?".into());
        args.push(Box::new(ty.name()));
    }
    super::meta::marked_clauses(
        query,
        "g",
        super::meta::ItemKind::Group,
        &mut clauses,
        &mut args,
    );
    if !query.conditions.is_empty() {
        let mut parts = Vec::new();
        for c in &query.conditions {
            let (sql, arg) = condition_sql(c)?;
            parts.push(sql);
            args.push(arg);
        }
        clauses.push(format!(
            "({})",
            parts.join(if query.or { " OR " } else { " AND " })
        ));
    }
    let filter = clauses.join(" AND ");
    let total = if query.start == 0 {
        let n: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM groups g WHERE {filter}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
        Some(n as u64)
    } else {
        None
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM groups g JOIN owners o ON o.id = g.owner_id WHERE {filter} ORDER BY g.id LIMIT {} OFFSET {}",
        query.limit, query.start
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), record)?;
    Ok((total, rows.collect::<Result<_, _>>()?))
}

fn condition_sql(c: &Condition) -> StoreResult<(String, Box<dyn ToSql>)> {
    let bad = |why: &str| {
        StoreError::Invalid(format!(
            "Invalid filter {}{}{}: {why}",
            c.field, c.op, c.value
        ))
    };
    let date = |column: &str| -> StoreResult<(String, Box<dyn ToSql>)> {
        if !matches!(c.op, '<' | '>') {
            return Err(bad("dates take < or >"));
        }
        let t = parse_time(&c.value)
            .ok_or_else(|| bad("the value must be a date such as 2024-01-31"))?;
        Ok((format!("{column} {} ?", c.op), Box::new(t)))
    };
    match c.field.as_str() {
        "name" => match c.op {
            '=' => Ok(("g.name = ?".into(), Box::new(c.value.clone()))),
            '^' => {
                let escaped = c
                    .value
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                Ok((
                    "g.name LIKE ? ESCAPE '\\'".into(),
                    Box::new(format!("{escaped}%")),
                ))
            }
            _ => Err(bad("name takes = or ^")),
        },
        "dateAdded" => date("g.date_added"),
        // Stored as ISO text; compare as Unix seconds.
        "eventDate" | "firstSeen" => {
            let column = format!(
                "CAST(strftime('%s', json_extract(g.fields, '$.{}')) AS INTEGER)",
                c.field
            );
            date(&column)
        }
        "fileType" if c.op == '=' => Ok((
            "json_extract(g.fields, '$.fileType') = ?".into(),
            Box::new(c.value.clone()),
        )),
        _ => Err(bad("unknown field")),
    }
}

/// Links a group and an indicator (same owner only).
pub fn associate_indicator(
    conn: &Connection,
    group: &GroupRecord,
    indicator: &IndicatorRecord,
) -> StoreResult<()> {
    if group.owner.id != indicator.owner.id {
        return Err(StoreError::Invalid(
            "The owners of the requested objects were different".into(),
        ));
    }
    conn.execute(
        "INSERT OR IGNORE INTO group_indicators (group_id, indicator_id) VALUES (?1, ?2)",
        params![group.id, indicator.id],
    )?;
    Ok(())
}

/// Unlinks a group and an indicator (404 when they were not linked).
pub fn dissociate_indicator(
    conn: &Connection,
    group_id: i64,
    indicator_id: i64,
) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM group_indicators WHERE group_id = ?1 AND indicator_id = ?2",
        params![group_id, indicator_id],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Links two groups (same owner only).
pub fn associate_groups(conn: &Connection, x: &GroupRecord, y: &GroupRecord) -> StoreResult<()> {
    if x.owner.id != y.owner.id {
        return Err(StoreError::Invalid(
            "The owners of the requested objects were different".into(),
        ));
    }
    if x.id == y.id {
        return Err(StoreError::Invalid(
            "A group cannot be associated with itself".into(),
        ));
    }
    conn.execute(
        "INSERT OR IGNORE INTO group_groups (a, b) VALUES (?1, ?2)",
        params![x.id.min(y.id), x.id.max(y.id)],
    )?;
    Ok(())
}

/// Unlinks two groups.
pub fn dissociate_groups(conn: &Connection, x: i64, y: i64) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM group_groups WHERE a = ?1 AND b = ?2",
        params![x.min(y), x.max(y)],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// The groups linked to an indicator (of one type, when given).
pub fn of_indicator(
    conn: &Connection,
    indicator_id: i64,
    ty: Option<GroupType>,
) -> StoreResult<Vec<GroupRecord>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT group_id FROM group_indicators WHERE indicator_id = ?1 ORDER BY group_id",
        )?
        .query_map([indicator_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    collect_groups(conn, ids, ty)
}

/// The groups linked to a group (of one type, when given).
pub fn of_group(
    conn: &Connection,
    group_id: i64,
    ty: Option<GroupType>,
) -> StoreResult<Vec<GroupRecord>> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT CASE WHEN a = ?1 THEN b ELSE a END FROM group_groups WHERE a = ?1 OR b = ?1 ORDER BY 1")?
        .query_map([group_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    collect_groups(conn, ids, ty)
}

fn collect_groups(
    conn: &Connection,
    ids: Vec<i64>,
    ty: Option<GroupType>,
) -> StoreResult<Vec<GroupRecord>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(g) = get(conn, id)?
            && ty.is_none_or(|t| t == g.ty)
        {
            out.push(g);
        }
    }
    Ok(out)
}

/// The indicators linked to a group (of one type, when given).
pub fn indicators_of(
    conn: &Connection,
    group_id: i64,
    ty: Option<IndicatorType>,
) -> StoreResult<Vec<IndicatorRecord>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT indicator_id FROM group_indicators WHERE group_id = ?1 ORDER BY indicator_id",
        )?
        .query_map([group_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(i) = indicators::get(conn, id)?
            && ty.is_none_or(|t| t == i.ty)
        {
            out.push(i);
        }
    }
    Ok(out)
}

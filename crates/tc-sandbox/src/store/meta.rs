//! Tags (per owner, created when applied), security labels (must exist; the TLP set is
//! seeded), attribute types (seeded) and attributes, for indicators and groups alike.

use rusqlite::{Connection, OptionalExtension, params};

use super::indicators::ListQuery;
use super::{StoreError, StoreResult};
use tc_model::messages::RESOURCE_NOT_FOUND;

/// Which kind of item a tag, label or attribute hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Indicator,
    Group,
}

impl ItemKind {
    fn code(self) -> &'static str {
        match self {
            ItemKind::Indicator => "i",
            ItemKind::Group => "g",
        }
    }
}

/// A tag as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRecord {
    pub name: String,
    pub description: Option<String>,
}

/// A security label as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelRecord {
    pub name: String,
    pub description: Option<String>,
    pub color: Option<String>,
    pub date_added: i64,
}

/// An attribute as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeRecord {
    pub id: i64,
    pub type_name: String,
    pub value: String,
    pub displayed: bool,
    pub source: Option<String>,
    pub xid: Option<String>,
    pub date_added: i64,
    pub last_modified: i64,
}

/// An attribute type as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeTypeRecord {
    pub name: String,
    pub description: Option<String>,
    pub max_size: i64,
    pub allow_markdown: bool,
    pub error_message: Option<String>,
}

/// The `WHERE` clauses for a list's tag and label constraints, for table alias `alias`
/// (`i` or `g`) of item kind `kind`, with their arguments.
pub(crate) fn marked_clauses(
    query: &ListQuery,
    alias: &str,
    kind: ItemKind,
    clauses: &mut Vec<String>,
    args: &mut Vec<Box<dyn rusqlite::ToSql>>,
) {
    let code = kind.code();
    if let Some(tag) = &query.tagged {
        clauses.push(format!(
            "{alias}.id IN (SELECT it.item_id FROM item_tags it JOIN tags t ON t.id = it.tag_id \
             WHERE it.kind = '{code}' AND t.owner_id = {alias}.owner_id AND t.name = ?)"
        ));
        args.push(Box::new(tag.clone()));
    }
    if let Some(label) = &query.labelled {
        clauses.push(format!(
            "{alias}.id IN (SELECT il.item_id FROM item_labels il \
             JOIN security_labels l ON l.id = il.label_id WHERE il.kind = '{code}' AND l.name = ?)"
        ));
        args.push(Box::new(label.clone()));
    }
}

/// Longest tag name ThreatConnect accepts (§7.1).
pub const MAX_TAG_LENGTH: usize = 128;

/// The security labels every sandbox starts with (§7.3): name, description, colour.
pub const SEED_LABELS: [(&str, &str, &str); 6] = [
    ("TLP:CLEAR", "Disclosure is not limited.", "FFFFFF"),
    (
        "TLP:WHITE",
        "Disclosure is not limited (TLP 1.0 name).",
        "FFFFFF",
    ),
    (
        "TLP:GREEN",
        "Limited disclosure, restricted to the community.",
        "33FF00",
    ),
    (
        "TLP:AMBER",
        "Limited disclosure, restricted to participants' organisations.",
        "FFC000",
    ),
    (
        "TLP:AMBER+STRICT",
        "Limited disclosure, restricted to participants' organisation only.",
        "FFC000",
    ),
    (
        "TLP:RED",
        "Not for disclosure, restricted to participants only.",
        "FF0033",
    ),
];

/// The attribute types every sandbox starts with: name, description, maximum size.
pub const SEED_ATTRIBUTE_TYPES: [(&str, &str, i64); 8] = [
    ("Description", "A description of the item.", 65_500),
    ("Source", "Where the information came from.", 65_500),
    (
        "Additional Analysis and Context",
        "Further analysis.",
        65_500,
    ),
    (
        "External ID",
        "The item's identifier in another system.",
        255,
    ),
    ("First Seen", "When the item was first seen.", 100),
    ("Last Seen", "When the item was last seen.", 100),
    (
        "Malware Family",
        "A malware family associated with the item.",
        500,
    ),
    ("Report Link", "A link to a report about the item.", 2_000),
];

/// Seeds labels and attribute types (once).
pub fn seed(conn: &Connection, now: i64) -> StoreResult<()> {
    for (name, description, color) in SEED_LABELS {
        conn.execute(
            "INSERT OR IGNORE INTO security_labels (name, description, color, date_added) VALUES (?1, ?2, ?3, ?4)",
            params![name, description, color, now],
        )?;
    }
    for (name, description, max) in SEED_ATTRIBUTE_TYPES {
        conn.execute(
            "INSERT OR IGNORE INTO attribute_types (name, description, max_size) VALUES (?1, ?2, ?3)",
            params![name, description, max],
        )?;
    }
    Ok(())
}

/// Applies a tag, creating it in the owner when new (quirk 16).
pub fn apply_tag(
    conn: &Connection,
    owner_id: i64,
    kind: ItemKind,
    item_id: i64,
    name: &str,
) -> StoreResult<()> {
    let name = name.trim();
    check_tag_name(name)?;
    conn.execute(
        "INSERT OR IGNORE INTO tags (owner_id, name) VALUES (?1, ?2)",
        params![owner_id, name],
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO item_tags (kind, item_id, tag_id) SELECT ?1, ?2, id FROM tags WHERE owner_id = ?3 AND name = ?4",
        params![kind.code(), item_id, owner_id, name],
    )?;
    Ok(())
}

fn check_tag_name(name: &str) -> StoreResult<()> {
    if name.is_empty() {
        return Err(StoreError::Invalid("A tag needs a name".into()));
    }
    if name.chars().count() > MAX_TAG_LENGTH {
        return Err(StoreError::Invalid(format!(
            "Tags may have at most {MAX_TAG_LENGTH} characters"
        )));
    }
    Ok(())
}

/// Creates a tag in an owner (or describes an existing one).
pub fn create_tag(
    conn: &Connection,
    owner_id: i64,
    name: &str,
    description: Option<&str>,
) -> StoreResult<()> {
    let name = name.trim();
    check_tag_name(name)?;
    conn.execute(
        "INSERT OR IGNORE INTO tags (owner_id, name) VALUES (?1, ?2)",
        params![owner_id, name],
    )?;
    if description.is_some() {
        conn.execute(
            "UPDATE tags SET description = ?3 WHERE owner_id = ?1 AND name = ?2",
            params![owner_id, name, description],
        )?;
    }
    Ok(())
}

/// Renames (and optionally describes) a tag; items keep it under the new name.
pub fn rename_tag(
    conn: &Connection,
    owner_id: i64,
    name: &str,
    new_name: &str,
    description: Option<&str>,
) -> StoreResult<()> {
    let new_name = new_name.trim();
    check_tag_name(new_name)?;
    let n = conn.execute(
        "UPDATE tags SET name = ?3, description = COALESCE(?4, description) WHERE owner_id = ?1 AND name = ?2",
        params![owner_id, name, new_name, description],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Deletes a tag from the owner and from every item.
pub fn delete_tag(conn: &Connection, owner_id: i64, name: &str) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM tags WHERE owner_id = ?1 AND name = ?2",
        params![owner_id, name],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Deletes a security label everywhere.
pub fn delete_label(conn: &Connection, name: &str) -> StoreResult<()> {
    let n = conn.execute("DELETE FROM security_labels WHERE name = ?1", [name])?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Removes a tag from an item (404 when it was not there).
pub fn remove_tag(
    conn: &Connection,
    owner_id: i64,
    kind: ItemKind,
    item_id: i64,
    name: &str,
) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM item_tags WHERE kind = ?1 AND item_id = ?2 AND tag_id = (SELECT id FROM tags WHERE owner_id = ?3 AND name = ?4)",
        params![kind.code(), item_id, owner_id, name],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Removes every tag from an item.
pub fn clear_tags(conn: &Connection, kind: ItemKind, item_id: i64) -> StoreResult<()> {
    conn.execute(
        "DELETE FROM item_tags WHERE kind = ?1 AND item_id = ?2",
        params![kind.code(), item_id],
    )?;
    Ok(())
}

fn tag_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TagRecord> {
    Ok(TagRecord {
        name: r.get(0)?,
        description: r.get(1)?,
    })
}

/// Reads `name, description, color, date_added`.
fn label_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LabelRecord> {
    Ok(LabelRecord {
        name: r.get(0)?,
        description: r.get(1)?,
        color: r.get(2)?,
        date_added: r.get(3)?,
    })
}

/// The tags on an item, by name.
pub fn item_tags(conn: &Connection, kind: ItemKind, item_id: i64) -> StoreResult<Vec<TagRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, t.description FROM item_tags it JOIN tags t ON t.id = it.tag_id \
         WHERE it.kind = ?1 AND it.item_id = ?2 ORDER BY t.name",
    )?;
    let rows = stmt.query_map(params![kind.code(), item_id], tag_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The tags of an owner, by name.
pub fn owner_tags(conn: &Connection, owner_id: i64) -> StoreResult<Vec<TagRecord>> {
    let mut stmt = conn
        .prepare_cached("SELECT name, description FROM tags WHERE owner_id = ?1 ORDER BY name")?;
    let rows = stmt.query_map([owner_id], tag_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A label by name.
pub fn label(conn: &Connection, name: &str) -> StoreResult<Option<LabelRecord>> {
    Ok(conn
        .prepare_cached(
            "SELECT name, description, color, date_added FROM security_labels WHERE name = ?1",
        )?
        .query_row([name], label_row)
        .optional()?)
}

/// Every label, by name.
pub fn labels(conn: &Connection) -> StoreResult<Vec<LabelRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, description, color, date_added FROM security_labels ORDER BY name",
    )?;
    let rows = stmt.query_map([], label_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Creates a label (only the batch API may, when given a description and colour).
pub fn create_label(
    conn: &Connection,
    name: &str,
    description: Option<&str>,
    color: Option<&str>,
    now: i64,
) -> StoreResult<()> {
    conn.execute(
        "INSERT OR IGNORE INTO security_labels (name, description, color, date_added) VALUES (?1, ?2, ?3, ?4)",
        params![name, description, color, now],
    )?;
    Ok(())
}

/// Applies an existing label; an unknown label is an error (quirk 16).
pub fn apply_label(conn: &Connection, kind: ItemKind, item_id: i64, name: &str) -> StoreResult<()> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO item_labels (kind, item_id, label_id) SELECT ?1, ?2, id FROM security_labels WHERE name = ?3",
        params![kind.code(), item_id, name],
    )?;
    if n == 0 && label(conn, name)?.is_none() {
        return Err(StoreError::NotFound(RESOURCE_NOT_FOUND));
    }
    Ok(())
}

/// Removes a label from an item (404 when it was not there).
pub fn remove_label(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
    name: &str,
) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM item_labels WHERE kind = ?1 AND item_id = ?2 AND label_id = (SELECT id FROM security_labels WHERE name = ?3)",
        params![kind.code(), item_id, name],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Removes every label from an item.
pub fn clear_labels(conn: &Connection, kind: ItemKind, item_id: i64) -> StoreResult<()> {
    conn.execute(
        "DELETE FROM item_labels WHERE kind = ?1 AND item_id = ?2",
        params![kind.code(), item_id],
    )?;
    Ok(())
}

/// The labels on an item, by name.
pub fn item_labels(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
) -> StoreResult<Vec<LabelRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.name, l.description, l.color, l.date_added FROM item_labels il JOIN security_labels l ON l.id = il.label_id \
         WHERE il.kind = ?1 AND il.item_id = ?2 ORDER BY l.name",
    )?;
    let rows = stmt.query_map(params![kind.code(), item_id], label_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every attribute type, by name.
pub fn attribute_types(conn: &Connection) -> StoreResult<Vec<AttributeTypeRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, description, max_size, allow_markdown, error_message FROM attribute_types ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(AttributeTypeRecord {
            name: r.get(0)?,
            description: r.get(1)?,
            max_size: r.get(2)?,
            allow_markdown: r.get(3)?,
            error_message: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn attribute_type(conn: &Connection, name: &str) -> StoreResult<AttributeTypeRecord> {
    attribute_types(conn)?
        .into_iter()
        .find(|t| t.name == name)
        .ok_or_else(|| StoreError::Invalid("The requested attribute type was not found".into()))
}

/// What an attribute create or update carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributeInput {
    pub type_name: String,
    pub value: String,
    pub displayed: Option<bool>,
    pub source: Option<String>,
    pub xid: Option<String>,
}

fn check_value(kind: &AttributeTypeRecord, value: &str) -> StoreResult<()> {
    if value.trim().is_empty() {
        return Err(StoreError::Invalid(
            "This attribute requires a value".into(),
        ));
    }
    if value.chars().count() as i64 > kind.max_size {
        return Err(StoreError::Invalid(format!(
            "The {} attribute may have at most {} characters",
            kind.name, kind.max_size
        )));
    }
    Ok(())
}

/// Adds an attribute to an item. Description and Source are displayed by default.
pub fn add_attribute(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
    input: &AttributeInput,
    now: i64,
) -> StoreResult<AttributeRecord> {
    let ty = attribute_type(conn, &input.type_name)?;
    check_value(&ty, &input.value)?;
    let displayed = input
        .displayed
        .unwrap_or(matches!(ty.name.as_str(), "Description" | "Source"));
    conn.execute(
        "INSERT INTO attributes (kind, item_id, type, value, displayed, source, xid, date_added, last_modified) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![kind.code(), item_id, ty.name, input.value, displayed, input.source, input.xid, now],
    )?;
    attribute(conn, kind, item_id, conn.last_insert_rowid())?
        .ok_or(StoreError::NotFound(RESOURCE_NOT_FOUND))
}

/// Changes an attribute's value (and optionally `displayed`, `source`).
pub fn update_attribute(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
    id: i64,
    input: &AttributeInput,
    now: i64,
) -> StoreResult<AttributeRecord> {
    let current =
        attribute(conn, kind, item_id, id)?.ok_or(StoreError::NotFound(RESOURCE_NOT_FOUND))?;
    check_value(&attribute_type(conn, &current.type_name)?, &input.value)?;
    conn.execute(
        "UPDATE attributes SET value = ?2, displayed = COALESCE(?3, displayed), source = COALESCE(?4, source), last_modified = ?5 WHERE id = ?1",
        params![id, input.value, input.displayed, input.source, now],
    )?;
    attribute(conn, kind, item_id, id)?.ok_or(StoreError::NotFound(RESOURCE_NOT_FOUND))
}

/// Deletes an attribute (404 when it does not belong to the item).
pub fn delete_attribute(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
    id: i64,
) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM attributes WHERE id = ?1 AND kind = ?2 AND item_id = ?3",
        params![id, kind.code(), item_id],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// Deletes every attribute of an item (of one type, when given).
pub fn clear_attributes(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
    of_type: Option<&str>,
) -> StoreResult<()> {
    match of_type {
        Some(t) => conn.execute(
            "DELETE FROM attributes WHERE kind = ?1 AND item_id = ?2 AND type = ?3",
            params![kind.code(), item_id, t],
        )?,
        None => conn.execute(
            "DELETE FROM attributes WHERE kind = ?1 AND item_id = ?2",
            params![kind.code(), item_id],
        )?,
    };
    Ok(())
}

/// One attribute of an item.
pub fn attribute(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
    id: i64,
) -> StoreResult<Option<AttributeRecord>> {
    Ok(attributes(conn, kind, item_id)?
        .into_iter()
        .find(|a| a.id == id))
}

/// The attributes of an item, oldest first.
pub fn attributes(
    conn: &Connection,
    kind: ItemKind,
    item_id: i64,
) -> StoreResult<Vec<AttributeRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, type, value, displayed, source, xid, date_added, last_modified FROM attributes \
         WHERE kind = ?1 AND item_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![kind.code(), item_id], |r| {
        Ok(AttributeRecord {
            id: r.get(0)?,
            type_name: r.get(1)?,
            value: r.get(2)?,
            displayed: r.get(3)?,
            source: r.get(4)?,
            xid: r.get(5)?,
            date_added: r.get(6)?,
            last_modified: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn tags_are_created_labels_must_exist() {
        let store = Store::in_memory().unwrap();
        store.add_owner(1, "A", "Organization").unwrap();
        let conn = store.conn();
        seed(&conn, 0).unwrap();
        apply_tag(&conn, 1, ItemKind::Indicator, 10, "Ransomware").unwrap();
        apply_tag(&conn, 1, ItemKind::Indicator, 10, "Ransomware").unwrap();
        assert_eq!(item_tags(&conn, ItemKind::Indicator, 10).unwrap().len(), 1);
        assert_eq!(owner_tags(&conn, 1).unwrap()[0].name, "Ransomware");
        assert!(apply_tag(&conn, 1, ItemKind::Indicator, 10, &"x".repeat(129)).is_err());
        assert_eq!(
            remove_tag(&conn, 1, ItemKind::Indicator, 10, "Nope"),
            Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
        );

        apply_label(&conn, ItemKind::Indicator, 10, "TLP:AMBER").unwrap();
        assert_eq!(
            apply_label(&conn, ItemKind::Indicator, 10, "TLP:PURPLE"),
            Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
        );
        assert_eq!(
            item_labels(&conn, ItemKind::Indicator, 10).unwrap()[0].name,
            "TLP:AMBER"
        );
    }

    #[test]
    fn attributes_follow_their_type() {
        let store = Store::in_memory().unwrap();
        let conn = store.conn();
        seed(&conn, 0).unwrap();
        let input = |t: &str, v: &str| AttributeInput {
            type_name: t.into(),
            value: v.into(),
            ..Default::default()
        };
        let d = add_attribute(
            &conn,
            ItemKind::Indicator,
            1,
            &input("Description", "C2 host"),
            5,
        )
        .unwrap();
        assert!(d.displayed, "Description is displayed by default");
        let e = add_attribute(
            &conn,
            ItemKind::Indicator,
            1,
            &input("External ID", "X-1"),
            5,
        )
        .unwrap();
        assert!(!e.displayed);
        assert_eq!(
            add_attribute(&conn, ItemKind::Indicator, 1, &input("Colour", "red"), 5),
            Err(StoreError::Invalid(
                "The requested attribute type was not found".into()
            ))
        );
        assert_eq!(
            add_attribute(&conn, ItemKind::Indicator, 1, &input("Source", " "), 5),
            Err(StoreError::Invalid(
                "This attribute requires a value".into()
            ))
        );
        assert!(
            add_attribute(
                &conn,
                ItemKind::Indicator,
                1,
                &input("External ID", &"9".repeat(256)),
                5
            )
            .is_err()
        );
        let changed = update_attribute(
            &conn,
            ItemKind::Indicator,
            1,
            d.id,
            &input("", "New text"),
            9,
        )
        .unwrap();
        assert_eq!(
            (changed.value.as_str(), changed.last_modified),
            ("New text", 9)
        );
        assert_eq!(
            delete_attribute(&conn, ItemKind::Indicator, 2, d.id),
            Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
        );
        delete_attribute(&conn, ItemKind::Indicator, 1, d.id).unwrap();
        assert_eq!(attributes(&conn, ItemKind::Indicator, 1).unwrap().len(), 1);
    }
}

//! Tables. Times are Unix seconds; booleans are 0/1.

use rusqlite::Connection;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS owners (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS indicators (
    id                   INTEGER PRIMARY KEY,
    owner_id             INTEGER NOT NULL REFERENCES owners(id),
    type                 TEXT NOT NULL,
    summary              TEXT NOT NULL,
    rating               REAL,
    confidence           INTEGER,
    active               INTEGER NOT NULL DEFAULT 1,
    active_locked        INTEGER NOT NULL DEFAULT 0,
    private_flag         INTEGER NOT NULL DEFAULT 0,
    dns_active           INTEGER,
    whois_active         INTEGER,
    size                 INTEGER,
    xid                  TEXT,
    date_added           INTEGER NOT NULL,
    last_modified        INTEGER NOT NULL,
    observation_count    INTEGER NOT NULL DEFAULT 0,
    last_observed        INTEGER,
    false_positive_count INTEGER NOT NULL DEFAULT 0,
    false_positive_last  INTEGER,
    ta_score             INTEGER NOT NULL DEFAULT 0,
    ta_rating            REAL NOT NULL DEFAULT 0,
    ta_confidence        REAL NOT NULL DEFAULT 0,
    UNIQUE (owner_id, type, summary)
);
CREATE INDEX IF NOT EXISTS indicators_by_summary ON indicators (type, summary);
CREATE INDEX IF NOT EXISTS indicators_by_owner ON indicators (owner_id, id);

-- Any one of a File's hashes addresses it (quirk 6).
CREATE TABLE IF NOT EXISTS file_hashes (
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    hash         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS file_hashes_by_hash ON file_hashes (hash);

CREATE TABLE IF NOT EXISTS tags (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES owners(id),
    name        TEXT NOT NULL,
    description TEXT,
    UNIQUE (owner_id, name)
);

-- kind: 'i' indicator, 'g' group.
CREATE TABLE IF NOT EXISTS item_tags (
    kind    TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, item_id, tag_id)
);
CREATE INDEX IF NOT EXISTS item_tags_by_tag ON item_tags (tag_id);

CREATE TABLE IF NOT EXISTS security_labels (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT,
    color       TEXT,
    date_added  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS item_labels (
    kind     TEXT NOT NULL,
    item_id  INTEGER NOT NULL,
    label_id INTEGER NOT NULL REFERENCES security_labels(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, item_id, label_id)
);

CREATE TABLE IF NOT EXISTS attribute_types (
    name           TEXT PRIMARY KEY,
    description    TEXT,
    max_size       INTEGER NOT NULL,
    allow_markdown INTEGER NOT NULL DEFAULT 0,
    error_message  TEXT
);

CREATE TABLE IF NOT EXISTS attributes (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    item_id       INTEGER NOT NULL,
    type          TEXT NOT NULL,
    value         TEXT NOT NULL,
    displayed     INTEGER NOT NULL DEFAULT 0,
    source        TEXT,
    xid           TEXT,
    date_added    INTEGER NOT NULL,
    last_modified INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS attributes_by_item ON attributes (kind, item_id);

CREATE TABLE IF NOT EXISTS groups (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners(id),
    type          TEXT NOT NULL,
    name          TEXT NOT NULL,
    xid           TEXT,
    date_added    INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    -- Type-specific fields (eventDate, status, fileName, ...) as a JSON object.
    fields        TEXT NOT NULL DEFAULT '{}'
);
-- A group's xid is unique on the instance (§8.4).
CREATE UNIQUE INDEX IF NOT EXISTS groups_by_xid ON groups (xid) WHERE xid IS NOT NULL;
CREATE INDEX IF NOT EXISTS groups_by_owner ON groups (owner_id, id);

CREATE TABLE IF NOT EXISTS group_indicators (
    group_id     INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, indicator_id)
);
CREATE INDEX IF NOT EXISTS group_indicators_by_indicator ON group_indicators (indicator_id);

-- Stored once, smaller id first.
CREATE TABLE IF NOT EXISTS group_groups (
    a INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (a, b)
);

-- Typed indicator-to-indicator associations, stored once, smaller id first.
CREATE TABLE IF NOT EXISTS indicator_indicators (
    a                INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    b                INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    association_type TEXT NOT NULL,
    PRIMARY KEY (a, b, association_type)
);
"#;

pub fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)
}

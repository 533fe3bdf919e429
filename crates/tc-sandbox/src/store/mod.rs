//! The sandbox's data: SQLite, in memory by default or in a file under `--data-dir`, so a
//! sandbox can keep its data across restarts. One connection behind a mutex: the sandbox is
//! an emulator, and SQLite answers each request in well under a millisecond.

pub mod assoc;
pub mod batch;
pub mod groups;
pub mod indicators;
pub mod meta;
mod schema;
pub mod threat_assess;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, params};
use tc_model::{Owner, OwnerType};

/// A store operation failed. Messages come from the ThreatConnect catalogue where one fits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// 404: no such item.
    #[error("{0}")]
    NotFound(&'static str),
    /// 400: the request asked for something that cannot be.
    #[error("{0}")]
    Invalid(String),
    /// 500: SQLite failed.
    #[error("storage failure: {0}")]
    Internal(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Internal(e.to_string())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// The whole sandbox database.
#[derive(Debug)]
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// An empty store in memory.
    pub fn in_memory() -> StoreResult<Self> {
        Self::init(Connection::open_in_memory()?)
    }

    /// A store in `dir/sandbox.sqlite`, created when missing.
    pub fn open(dir: &Path) -> StoreResult<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Internal(format!("cannot create {}: {e}", dir.display())))?;
        let conn = Connection::open(dir.join("sandbox.sqlite"))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Self::init(conn)
    }

    fn init(conn: Connection) -> StoreResult<Self> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::create(&conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    /// The connection. A poisoned lock only means a panic mid-request; SQLite rolled back.
    ///
    /// Bind the guard to a name (`let conn = store.conn();`) or use it in a statement of its
    /// own: a guard left as a temporary inside a larger expression stays locked until that
    /// statement ends, and a second `conn()` in the same statement waits forever.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` in one transaction.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<T>,
    ) -> StoreResult<T> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// True when the store holds no owners yet (a new data folder).
    pub fn is_empty(&self) -> StoreResult<bool> {
        let n: i64 = self
            .conn()
            .query_row("SELECT COUNT(*) FROM owners", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// True when no indicator or group exists yet.
    pub fn holds_no_items(&self) -> StoreResult<bool> {
        let n: i64 = self.conn().query_row(
            "SELECT (SELECT COUNT(*) FROM indicators) + (SELECT COUNT(*) FROM groups)",
            [],
            |r| r.get(0),
        )?;
        Ok(n == 0)
    }

    /// Adds an owner (seeding).
    pub fn add_owner(&self, id: i64, name: &str, kind: &str) -> StoreResult<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO owners (id, name, type) VALUES (?1, ?2, ?3)",
            params![id, name, kind],
        )?;
        Ok(())
    }

    /// Every owner, by id.
    pub fn owners(&self) -> StoreResult<Vec<Owner>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT id, name, type FROM owners ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Owner {
                id: r.get(0)?,
                name: r.get(1)?,
                owner_type: OwnerType::from(r.get::<_, String>(2)?.as_str()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An owner by its name, exactly as the `owner` query parameter gives it.
    pub fn owner_by_name(&self, name: &str) -> StoreResult<Option<Owner>> {
        owner_by_name(&self.conn(), name)
    }
}

pub(crate) fn owner_by_name(conn: &Connection, name: &str) -> StoreResult<Option<Owner>> {
    Ok(conn
        .prepare_cached("SELECT id, name, type FROM owners WHERE name = ?1")?
        .query_row([name], |r| {
            Ok(Owner {
                id: r.get(0)?,
                name: r.get(1)?,
                owner_type: OwnerType::from(r.get::<_, String>(2)?.as_str()),
            })
        })
        .optional()?)
}

/// `YYYY-MM-DDTHH:MM:SSZ` for Unix seconds (quirk 9).
pub fn iso(ts: i64) -> String {
    let format =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from_unix_timestamp(ts)
        .ok()
        .and_then(|t| t.format(&format).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// Unix seconds from an ISO-8601 date-time (`Z` or an offset) or a plain date.
pub fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
    {
        return Some(t.unix_timestamp());
    }
    // Without seconds or zone, as some clients send it.
    let bare = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    if let Ok(t) = time::PrimitiveDateTime::parse(text, &bare) {
        return Some(t.assume_utc().unix_timestamp());
    }
    let date = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &date)
        .ok()
        .map(|d| d.midnight().assume_utc().unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        assert_eq!(iso(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(parse_time("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(parse_time("2023-11-14T18:13:20-04:00"), Some(1_700_000_000));
        assert_eq!(parse_time("2023-11-14"), Some(1_699_920_000));
        assert_eq!(parse_time("2023-11-14T22:13:20"), Some(1_700_000_000));
        assert_eq!(parse_time("last week"), None);
    }

    #[test]
    fn owners_are_kept() {
        let store = Store::in_memory().unwrap();
        assert!(store.is_empty().unwrap());
        store
            .add_owner(2, "Partner Community", "Community")
            .unwrap();
        assert_eq!(
            store
                .owner_by_name("Partner Community")
                .unwrap()
                .unwrap()
                .id,
            2
        );
        assert_eq!(
            store.owner_by_name("partner community").unwrap(),
            None,
            "owner names are exact"
        );
    }
}

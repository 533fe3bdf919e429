//! The sandbox's shared state: its configuration and its store.

use std::time::{SystemTime, UNIX_EPOCH};

use tc_model::{Owner, User};

use crate::config::{SandboxConfig, Seed};
use crate::jobs::Jobs;
use crate::store::{Store, StoreError, meta};

/// The owners every sandbox starts with: `(id, name, type)`. The first is the API user's
/// own Organization.
pub const SEED_OWNERS: [(i64, &str, &str); 3] = [
    (1, "Demo Organization", "Organization"),
    (2, "Partner Community", "Community"),
    (3, "Partner Feed", "Source"),
];

/// Shared state behind every request.
#[derive(Debug)]
pub struct SandboxState {
    pub config: SandboxConfig,
    pub store: Store,
    pub jobs: Jobs,
    /// Requests served in the current one-second window (for `rate_limit`).
    window: std::sync::Mutex<(std::time::Instant, u32)>,
}

impl SandboxState {
    /// State over `store`, seeded with [`SEED_OWNERS`], the TLP labels and the standard
    /// attribute types when it is new.
    pub fn new(config: SandboxConfig, store: Store) -> Result<Self, StoreError> {
        let state = SandboxState {
            config,
            store,
            jobs: Jobs::default(),
            window: std::sync::Mutex::new((std::time::Instant::now(), 0)),
        };
        for (id, name, kind) in SEED_OWNERS {
            state.store.add_owner(id, name, kind)?;
        }
        meta::seed(&state.store.conn(), state.now_unix())?;
        if state.config.seed == Seed::Demo && state.store.holds_no_items()? {
            let owners = state.store.owners()?;
            crate::seed::demo(&mut state.store.conn(), &owners)?;
        }
        Ok(state)
    }

    /// Counts a request against `rate_limit`: `None` to serve it, or the seconds to wait.
    pub fn over_rate_limit(&self) -> Option<u64> {
        let limit = self.config.rate_limit?;
        let mut window = self.window.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        if now.duration_since(window.0) >= std::time::Duration::from_secs(1) {
            *window = (now, 0);
        }
        if window.1 >= limit {
            return Some(1);
        }
        window.1 += 1;
        None
    }

    /// True when this request should fail, given `fail_rate`.
    pub fn should_fail(&self) -> bool {
        self.config.fail_rate > 0.0 && rand::random::<f64>() < self.config.fail_rate
    }

    /// Where `webLink`s point: the configured base, else a loopback placeholder.
    pub fn web_base(&self) -> &str {
        self.config
            .web_base
            .as_deref()
            .unwrap_or("http://localhost")
    }

    /// The sandbox clock: this computer's clock plus the configured offset.
    pub fn now(&self) -> SystemTime {
        let offset = std::time::Duration::from_secs(self.config.clock_offset_secs.unsigned_abs());
        if self.config.clock_offset_secs >= 0 {
            SystemTime::now() + offset
        } else {
            SystemTime::now() - offset
        }
    }

    /// The sandbox clock in Unix seconds.
    pub fn now_unix(&self) -> i64 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }

    /// The API user, whichever way it authenticated.
    pub fn api_user(&self) -> User {
        User {
            user_name: self.config.access_id.clone(),
            first_name: Some("Sandbox".into()),
            last_name: Some("API User".into()),
            pseudonym: Some("SandboxApiUser".into()),
            role: Some("Api User".into()),
        }
    }

    /// The API user's own Organization: where calls without `owner=` go.
    pub fn default_owner(&self) -> Result<Owner, StoreError> {
        self.store
            .owner_by_name(SEED_OWNERS[0].1)?
            .ok_or_else(|| StoreError::Internal("the default organization is missing".into()))
    }
}

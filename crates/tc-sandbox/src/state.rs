//! The sandbox's data. For now: its API user and the three seeded owners.

use std::time::{SystemTime, UNIX_EPOCH};

use tc_model::{Owner, OwnerType, User};

use crate::config::SandboxConfig;

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
    pub owners: Vec<Owner>,
}

impl SandboxState {
    /// State seeded with [`SEED_OWNERS`].
    pub fn new(config: SandboxConfig) -> Self {
        let owners = SEED_OWNERS
            .iter()
            .map(|(id, name, kind)| Owner {
                id: *id,
                name: (*name).into(),
                owner_type: OwnerType::from(*kind),
            })
            .collect();
        SandboxState { config, owners }
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

    /// The API user's own Organization.
    pub fn own_organization(&self) -> &Owner {
        &self.owners[0]
    }
}

//! Where Secret Keys and API tokens are kept: the operating system's keychain, or — where
//! there is none (Linux without a Secret Service, say) — memory, for this session only.
//! Secrets never go into the settings file.

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use serde::Serialize;
use tc_client::SecretString;

/// Where a store keeps secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum SecretStorage {
    /// The OS keychain: survives restarts.
    Keychain,
    /// Memory: gone when the app closes.
    Session,
}

/// A secret could not be stored or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SecretError(pub String);

/// A place to keep one secret per connection profile.
pub trait SecretStore: Send + Sync + fmt::Debug {
    /// Stores (or replaces) the secret of `profile_id`.
    fn set(&self, profile_id: &str, secret: &SecretString) -> Result<(), SecretError>;
    /// The secret of `profile_id`, if one is stored.
    fn get(&self, profile_id: &str) -> Result<Option<SecretString>, SecretError>;
    /// Forgets the secret of `profile_id` (no error when there is none).
    fn delete(&self, profile_id: &str) -> Result<(), SecretError>;
    /// Keychain or session memory.
    fn storage(&self) -> SecretStorage;
    /// What to call the store on screen ("macOS Keychain", "Secret Service", ...).
    fn name(&self) -> &str;
}

/// Secrets in memory, for this session only.
#[derive(Default)]
pub struct MemoryStore {
    name: String,
    secrets: Mutex<HashMap<String, SecretString>>,
}

impl MemoryStore {
    /// An empty store. `name` is the keychain that was missing (for the screen).
    pub fn new(name: impl Into<String>) -> Self {
        MemoryStore {
            name: name.into(),
            secrets: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, SecretString>> {
        // A poisoned lock only means another thread panicked mid-insert; the map is intact.
        self.secrets.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryStore")
            .field("name", &self.name)
            .field("count", &self.lock().len())
            .finish()
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, profile_id: &str, secret: &SecretString) -> Result<(), SecretError> {
        self.lock().insert(profile_id.to_owned(), secret.clone());
        Ok(())
    }
    fn get(&self, profile_id: &str) -> Result<Option<SecretString>, SecretError> {
        Ok(self.lock().get(profile_id).cloned())
    }
    fn delete(&self, profile_id: &str) -> Result<(), SecretError> {
        self.lock().remove(profile_id);
        Ok(())
    }
    fn storage(&self) -> SecretStorage {
        SecretStorage::Session
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// Secrets in the OS keychain, through the `keyring` crate. One entry per profile, under
/// `service`. Calls block: from async code, run them on a blocking thread.
pub struct KeychainStore {
    service: String,
    name: String,
}

impl fmt::Debug for KeychainStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeychainStore")
            .field("service", &self.service)
            .field("name", &self.name)
            .finish()
    }
}

impl KeychainStore {
    fn entry(&self, profile_id: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, profile_id).map_err(|e| keychain_error(&self.name, &e))
    }
}

fn keychain_error(name: &str, e: &keyring::Error) -> SecretError {
    // keyring's messages never include the secret.
    SecretError(format!("{name} could not be used: {e}"))
}

impl SecretStore for KeychainStore {
    fn set(&self, profile_id: &str, secret: &SecretString) -> Result<(), SecretError> {
        self.entry(profile_id)?
            .set_password(secret.expose())
            .map_err(|e| keychain_error(&self.name, &e))
    }
    fn get(&self, profile_id: &str) -> Result<Option<SecretString>, SecretError> {
        match self.entry(profile_id)?.get_password() {
            Ok(s) => Ok(Some(SecretString::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(&self.name, &e)),
        }
    }
    fn delete(&self, profile_id: &str) -> Result<(), SecretError> {
        match self.entry(profile_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(&self.name, &e)),
        }
    }
    fn storage(&self) -> SecretStorage {
        SecretStorage::Keychain
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// The name of this platform's keychain, as users know it.
pub fn keychain_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else {
        "Secret Service"
    }
}

/// The OS keychain when it works, otherwise a session-only [`MemoryStore`]. Probes by
/// reading an entry that does not exist: a working keychain answers "no entry". Blocks.
pub fn system_store(service: &str) -> Box<dyn SecretStore> {
    let name = keychain_name();
    let probe = keyring::Entry::new(service, "tc-bridge-probe").and_then(|e| e.get_password());
    match probe {
        Ok(_) | Err(keyring::Error::NoEntry) => Box::new(KeychainStore {
            service: service.to_owned(),
            name: name.to_owned(),
        }),
        Err(e) => {
            tracing::warn!(keychain = name, reason = %e, "no keychain available; secrets are kept for this session only");
            Box::new(MemoryStore::new(name))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(store: &dyn SecretStore) {
        assert_eq!(store.get("p1").unwrap(), None);
        store.set("p1", &SecretString::new("s3cret")).unwrap();
        assert_eq!(store.get("p1").unwrap().unwrap().expose(), "s3cret");
        store.set("p1", &SecretString::new("rotated")).unwrap();
        assert_eq!(store.get("p1").unwrap().unwrap().expose(), "rotated");
        store.delete("p1").unwrap();
        assert_eq!(store.get("p1").unwrap(), None);
        store.delete("p1").unwrap();
    }

    #[test]
    fn memory_store_is_session_only() {
        let store = MemoryStore::new("Secret Service");
        exercise(&store);
        assert_eq!(store.storage(), SecretStorage::Session);
        store.set("p2", &SecretString::new("hidden")).unwrap();
        assert!(!format!("{store:?}").contains("hidden"));
    }

    #[test]
    fn keychain_store_works_against_keyring_mock() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        // The mock keeps nothing between Entry values, so check the calls succeed and that
        // "no entry" is reported as None rather than an error.
        let store = KeychainStore {
            service: "tc-bridge-test".into(),
            name: "Mock".into(),
        };
        assert_eq!(store.get("nobody").unwrap(), None);
        store.set("p1", &SecretString::new("x")).unwrap();
        store.delete("nobody").unwrap();
        assert_eq!(store.storage(), SecretStorage::Keychain);
    }
}

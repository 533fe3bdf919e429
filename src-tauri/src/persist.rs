//! The settings file (tauri-plugin-store): settings and connection profiles, never secrets.

use std::sync::Arc;

use bridge::{BookStore, ConnectionBook};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tauri::{AppHandle, Wry};
use tauri_plugin_store::{Store, StoreExt};

/// File name in the app's data folder.
pub const STORE_FILE: &str = "tc-bridge.json";
const KEY_CONNECTIONS: &str = "connections";
const KEY_SETTINGS: &str = "settings";

/// The opened settings file.
#[derive(Clone)]
pub struct SettingsFile(Arc<Store<Wry>>);

impl std::fmt::Debug for SettingsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SettingsFile")
    }
}

impl SettingsFile {
    /// Opens the file. One that cannot be read is set aside (renamed, never deleted) and a
    /// fresh one started, so a damaged file costs nothing that could be recovered.
    pub fn open(app: &AppHandle) -> Result<Self, String> {
        match app.store(STORE_FILE) {
            Ok(store) => Ok(SettingsFile(store)),
            Err(first) => {
                let dir = tauri::Manager::path(app)
                    .app_data_dir()
                    .map_err(|e| e.to_string())?;
                let damaged = dir.join(STORE_FILE);
                let aside = dir.join(format!("{STORE_FILE}.unreadable-{}", unix_now()));
                tracing::warn!(error = %first, aside = %aside.display(), "settings file unreadable; set aside");
                std::fs::rename(&damaged, &aside).map_err(|e| e.to_string())?;
                app.store(STORE_FILE)
                    .map(SettingsFile)
                    .map_err(|e| e.to_string())
            }
        }
    }

    /// Reads `key`, or the default when absent or unreadable (the unreadable value is kept
    /// under `<key>.unreadable`).
    pub fn read<T: Serialize + DeserializeOwned + Default>(&self, key: &str) -> T {
        let Some(value) = self.0.get(key) else {
            return T::default();
        };
        match with_defaults(value.clone()) {
            Ok(v) => v,
            Err(e) => {
                tracing::warn!(key, error = %e, "stored value unreadable; starting from defaults");
                self.0.set(format!("{key}.unreadable"), value);
                T::default()
            }
        }
    }

    /// Writes `key` and saves the file now.
    pub fn write<T: Serialize>(&self, key: &str, value: &T) -> Result<(), String> {
        let json = serde_json::to_value(value).map_err(|e| e.to_string())?;
        self.0.set(key, json);
        self.0.save().map_err(|e| e.to_string())
    }

    pub fn connections(&self) -> ConnectionBook {
        self.read(KEY_CONNECTIONS)
    }

    pub fn settings(&self) -> crate::settings::Settings {
        self.read(KEY_SETTINGS)
    }

    pub fn save_settings(&self, s: &crate::settings::Settings) -> Result<(), String> {
        self.write(KEY_SETTINGS, s)
    }
}

impl BookStore for SettingsFile {
    fn save(&self, book: &ConnectionBook) -> Result<(), String> {
        self.write(KEY_CONNECTIONS, book)
    }
}

/// Reads `stored` over `T::default()`: fields an older file lacks take their defaults.
pub fn with_defaults<T: Serialize + DeserializeOwned + Default>(
    stored: serde_json::Value,
) -> serde_json::Result<T> {
    let mut merged = serde_json::to_value(T::default())?;
    match (&mut merged, stored) {
        (serde_json::Value::Object(base), serde_json::Value::Object(stored)) => base.extend(stored),
        (_, other) => merged = other,
    }
    serde_json::from_value(merged)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Settings, ThemePreference};

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = with_defaults(serde_json::json!({"workshopMode": true})).unwrap();
        assert_eq!(
            s,
            Settings {
                workshop_mode: true,
                ..Settings::default()
            }
        );
        assert_eq!(s.theme, ThemePreference::System);
    }

    #[test]
    fn wrong_types_are_an_error_not_a_guess() {
        assert!(with_defaults::<Settings>(serde_json::json!({"theme": 7})).is_err());
        assert!(with_defaults::<Settings>(serde_json::json!("nonsense")).is_err());
    }
}

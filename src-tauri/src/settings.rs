//! App settings. Rust owns the schema and the defaults; the UI only reads and submits.

use serde::{Deserialize, Serialize};

/// Light, dark, or whatever the operating system uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ThemePreference {
    #[default]
    System,
    Light,
    Dark,
}

/// Preferences that persist across restarts. Fields missing from an older settings file
/// take their defaults when it is read (see `persist::SettingsFile::read`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub theme: ThemePreference,
    /// Scales the whole UI up for projectors and shared screens.
    pub workshop_mode: bool,
    /// The navigation rail shows icons only.
    pub nav_collapsed: bool,
}

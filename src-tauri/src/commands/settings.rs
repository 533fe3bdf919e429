use tauri::State;

use crate::error::{AppError, ErrorKind};
use crate::settings::Settings;
use crate::state::AppState;

/// Saves the settings and returns what was stored.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, AppError> {
    state.file.save_settings(&settings).map_err(|reason| {
        AppError::new(
            ErrorKind::Storage,
            format!("Your settings could not be saved ({reason})."),
            Some("Check that your user folder is writable, then retry."),
        )
    })?;
    if let Ok(mut current) = state.settings.lock() {
        *current = settings.clone();
    }
    Ok(settings)
}

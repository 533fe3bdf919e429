use bridge::Deployment;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{AppSnapshot, ConnectionView};

/// Everything the UI needs to start: connections, settings, keychain and sandbox status.
#[tauri::command]
#[specta::specta]
pub async fn get_app_snapshot(state: State<'_, AppState>) -> Result<AppSnapshot, AppError> {
    let storage = state.connections.secret_store().storage();
    let (profiles, selected) = state.connections.list().await?;
    Ok(AppSnapshot {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        connections: profiles
            .iter()
            .map(|p| ConnectionView::new(p, storage))
            .collect(),
        selected_connection_id: selected,
        settings: state.settings.lock().map(|s| s.clone()).unwrap_or_default(),
        keychain: state.keychain.clone(),
        sandbox: state.sandbox.clone(),
        deployments: Deployment::ALL.iter().map(|d| d.info()).collect(),
    })
}

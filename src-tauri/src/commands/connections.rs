use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{ConnectionInput, ConnectionTestReport, ConnectionView};

/// Creates or updates a connection; the secret goes to the keychain, never the file.
#[tauri::command]
#[specta::specta]
pub async fn save_connection(
    state: State<'_, AppState>,
    input: ConnectionInput,
) -> Result<ConnectionView, AppError> {
    let (draft, secret) = input.split();
    let saved = state.connections.save(draft, secret).await?;
    Ok(ConnectionView::new(
        &saved,
        state.connections.secret_store().storage(),
    ))
}

/// Deletes a connection and its stored secret.
#[tauri::command]
#[specta::specta]
pub async fn delete_connection(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    Ok(state.connections.delete(&id).await?)
}

/// Makes a connection the one in use.
#[tauri::command]
#[specta::specta]
pub async fn select_connection(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    Ok(state.connections.select(&id)?)
}

/// Tests the form's values, saved or not.
#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    state: State<'_, AppState>,
    input: ConnectionInput,
) -> Result<ConnectionTestReport, AppError> {
    let (draft, secret) = input.split();
    Ok(state.connections.test(&draft, secret).await?.into())
}

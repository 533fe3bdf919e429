use tauri::State;

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{ConnectionView, OwnerView, OwnersResult, clamp_i32, millis};

/// The owners visible through a saved connection.
#[tauri::command]
#[specta::specta]
pub async fn list_owners(
    state: State<'_, AppState>,
    connection_id: String,
) -> Result<OwnersResult, AppError> {
    let (owners, meta) = state.connections.owners(&connection_id).await?;
    let skew = meta.clock_skew_secs();
    Ok(OwnersResult {
        owners: owners.iter().map(OwnerView::from).collect(),
        latency_ms: millis(meta.elapsed),
        clock_skew_seconds: skew.map(clamp_i32),
        skew_level: bridge::SkewLevel::for_skew(skew.unwrap_or(0)),
    })
}

/// Remembers the owner chosen for a connection (`null` clears it).
#[tauri::command]
#[specta::specta]
pub async fn select_owner(
    state: State<'_, AppState>,
    connection_id: String,
    owner: Option<OwnerView>,
) -> Result<ConnectionView, AppError> {
    let choice = owner.map(TryInto::try_into).transpose()?;
    state.connections.choose_owner(&connection_id, choice)?;
    let status = state.connections.status(&connection_id).await?;
    Ok(ConnectionView::new(
        &status,
        state.connections.secret_store().storage(),
    ))
}

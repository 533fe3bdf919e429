//! The TC Bridge desktop shell.
//!
//! What belongs here: one short adapter per command (`commands/`), the app state, the
//! settings file through tauri-plugin-store, and the typed bindings for the UI. What does
//! not: business logic — that lives in the `bridge` crate and is tested there without Tauri.

mod commands;
mod error;
mod persist;
mod settings;
mod state;
mod views;

use tauri::Manager;

pub use error::{AppError, ErrorKind};

/// Every command the UI may call. `run()` serves them; a test writes `ui/src/bindings.ts`
/// from the same list, so the UI's types cannot drift from Rust's.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    // One shape per type (no separate serialize/deserialize variants): the IPC types are
    // written for one direction each, and Settings is read and written whole.
    tauri_specta::Builder::<tauri::Wry>::new()
        .disable_serde_phases()
        .commands(tauri_specta::collect_commands![
            commands::app::get_app_snapshot,
            commands::connections::save_connection,
            commands::connections::delete_connection,
            commands::connections::select_connection,
            commands::connections::test_connection,
            commands::owners::list_owners,
            commands::owners::select_owner,
            commands::settings::save_settings,
        ])
}

/// Starts the app.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,tc_bridge_app=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let builder = specta_builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            let state = tauri::async_runtime::block_on(state::AppState::start(app.handle()))?;
            app.manage(state);
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "TC Bridge stopped");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod bindings {
    use std::path::PathBuf;

    /// `ui/src/bindings.ts` must be what the current commands generate. Run
    /// `npm run bindings` to regenerate it after changing a command or an IPC type.
    #[test]
    fn bindings_are_current() {
        let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let fresh =
            std::env::temp_dir().join(format!("tc-bridge-bindings-{}.ts", std::process::id()));
        super::specta_builder()
            .export(specta_typescript::Typescript::default(), &fresh)
            .expect("export bindings");
        let generated = std::fs::read_to_string(&fresh).expect("read generated bindings");
        let _ = std::fs::remove_file(&fresh);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed, &generated).expect("write ui/src/bindings.ts");
            return;
        }
        let current = std::fs::read_to_string(&committed).unwrap_or_default();
        assert!(
            current == generated,
            "ui/src/bindings.ts is stale: run `npm run bindings` and commit the result"
        );
    }
}

//! What the app holds while it runs: the embedded sandbox, the connections, the settings.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use bridge::{Connections, SandboxCredentials, SecretStore};
use tauri::AppHandle;
use tc_sandbox::{Sandbox, SandboxConfig};

use crate::persist::SettingsFile;
use crate::settings::Settings;
use crate::views::{KeychainInfo, SandboxInfo};

/// Shared app state, managed by Tauri.
#[derive(Debug)]
pub struct AppState {
    pub connections: Connections,
    pub settings: Mutex<Settings>,
    pub file: SettingsFile,
    pub sandbox: SandboxInfo,
    pub keychain: KeychainInfo,
    /// Keeps the embedded sandbox serving for the life of the app.
    _sandbox: Option<Sandbox>,
}

impl AppState {
    /// Opens the settings file, finds the keychain and starts the embedded sandbox on a
    /// free loopback port with fresh credentials.
    pub async fn start(app: &AppHandle) -> Result<Self, String> {
        let file = SettingsFile::open(app)?;
        let service = app.config().identifier.clone();
        let secrets: Arc<dyn SecretStore> =
            tokio::task::spawn_blocking(move || Arc::from(bridge::system_store(&service)))
                .await
                .map_err(|e| e.to_string())?;
        let keychain = KeychainInfo {
            available: secrets.storage() == bridge::SecretStorage::Keychain,
            name: secrets.name().to_owned(),
        };

        let (listen, config) = sandbox_settings();
        let credentials = (config.access_id.clone(), config.secret_key.clone());
        let (sandbox, sandbox_info, sandbox_credentials) =
            match Sandbox::start(listen, config).await {
                Ok(sb) => {
                    let base_url = sb.base_url();
                    tracing::info!(%base_url, "embedded sandbox started");
                    let creds = SandboxCredentials {
                        base_url: base_url.clone(),
                        access_id: credentials.0,
                        secret_key: credentials.1.into(),
                    };
                    (
                        Some(sb),
                        SandboxInfo {
                            running: true,
                            base_url: Some(base_url),
                            error: None,
                        },
                        Some(creds),
                    )
                }
                Err(e) => {
                    tracing::error!(error = %e, "embedded sandbox did not start");
                    (
                        None,
                        SandboxInfo {
                            running: false,
                            base_url: None,
                            error: Some(e.to_string()),
                        },
                        None,
                    )
                }
            };

        let connections = Connections::new(
            file.connections(),
            secrets,
            Box::new(file.clone()),
            sandbox_credentials,
        );
        let settings = Mutex::new(file.settings());
        Ok(AppState {
            connections,
            settings,
            file,
            sandbox: sandbox_info,
            keychain,
            _sandbox: sandbox,
        })
    }
}

/// The embedded sandbox listens on a free loopback port with fresh credentials. For
/// documentation screenshots and demos, environment variables can fix what would otherwise
/// change from run to run: `TC_BRIDGE_SANDBOX_LISTEN` (a loopback address),
/// `TC_BRIDGE_SANDBOX_ACCESS_ID`, `TC_BRIDGE_SANDBOX_SECRET_KEY` and
/// `TC_BRIDGE_SANDBOX_LATENCY_MS`.
fn sandbox_settings() -> (SocketAddr, SandboxConfig) {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let mut config = SandboxConfig::generate();
    if let (Some(id), Some(key)) = (
        var("TC_BRIDGE_SANDBOX_ACCESS_ID"),
        var("TC_BRIDGE_SANDBOX_SECRET_KEY"),
    ) {
        config.access_id = id;
        config.secret_key = key;
    }
    if let Some(ms) = var("TC_BRIDGE_SANDBOX_LATENCY_MS").and_then(|v| v.parse().ok()) {
        config.latency_ms = ms;
    }
    let listen = var("TC_BRIDGE_SANDBOX_LISTEN")
        .and_then(|v| v.parse::<SocketAddr>().ok())
        .filter(|a| a.ip().is_loopback())
        .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    (listen, config)
}

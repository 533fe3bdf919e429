//! The shapes that cross into the UI. Ids are strings (ThreatConnect ids can pass 2^53);
//! secrets never appear here — only whether one is stored, and where.

use std::path::PathBuf;

use bridge::{
    AuthMethod, ConnectionReport, Deployment, DeploymentInfo, OwnerChoice, ProfileDraft,
    ProfileStatus, SkewLevel,
};
use serde::{Deserialize, Serialize};
use tc_model::{Owner, OwnerType};

use crate::error::AppError;
use crate::settings::Settings;

/// Where a connection's secret lives, as the form describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SecretStorage {
    Keychain,
    Session,
    None,
}

/// Certificate checks for a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TlsOptions {
    pub verify: bool,
    pub ca_file: Option<String>,
}

impl From<&bridge::TlsOptions> for TlsOptions {
    fn from(t: &bridge::TlsOptions) -> Self {
        TlsOptions {
            verify: t.verify,
            ca_file: t.ca_file.as_ref().map(|p| p.display().to_string()),
        }
    }
}

impl From<TlsOptions> for bridge::TlsOptions {
    fn from(t: TlsOptions) -> Self {
        bridge::TlsOptions {
            verify: t.verify,
            ca_file: t
                .ca_file
                .filter(|s| !s.trim().is_empty())
                .map(|s| PathBuf::from(s.trim())),
        }
    }
}

/// An owner: `ownerType` is Organization, Community or Source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OwnerView {
    pub id: String,
    pub name: String,
    pub owner_type: String,
}

impl From<&Owner> for OwnerView {
    fn from(o: &Owner) -> Self {
        OwnerView {
            id: o.id.to_string(),
            name: o.name.clone(),
            owner_type: o.owner_type.as_str().to_owned(),
        }
    }
}

impl From<&OwnerChoice> for OwnerView {
    fn from(o: &OwnerChoice) -> Self {
        OwnerView {
            id: o.id.to_string(),
            name: o.name.clone(),
            owner_type: o.owner_type.as_str().to_owned(),
        }
    }
}

impl TryFrom<OwnerView> for OwnerChoice {
    type Error = AppError;
    fn try_from(o: OwnerView) -> Result<Self, AppError> {
        let id = o.id.parse().map_err(|_| {
            AppError::invalid(
                "owner",
                "That owner could not be recognised. Refresh the owner list and choose again.",
            )
        })?;
        Ok(OwnerChoice {
            id,
            name: o.name,
            owner_type: OwnerType::from(o.owner_type.as_str()),
        })
    }
}

/// A saved connection as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    pub id: String,
    pub name: String,
    pub deployment: Deployment,
    pub base_url: String,
    pub auth_method: AuthMethod,
    pub access_id: Option<String>,
    pub has_secret: bool,
    pub secret_storage: SecretStorage,
    pub tls: TlsOptions,
    /// The owner chosen for this connection; none until the user picks one.
    pub owner: Option<OwnerView>,
    /// The built-in Local sandbox (cannot be edited or deleted).
    pub built_in: bool,
}

impl ConnectionView {
    /// `storage` is where this app keeps secrets (the sandbox's are always session-only).
    pub fn new(status: &ProfileStatus, storage: bridge::SecretStorage) -> Self {
        let p = &status.profile;
        let secret_storage = match (status.has_secret, p.is_built_in(), storage) {
            (false, _, _) => SecretStorage::None,
            (true, true, _) | (true, false, bridge::SecretStorage::Session) => {
                SecretStorage::Session
            }
            (true, false, bridge::SecretStorage::Keychain) => SecretStorage::Keychain,
        };
        ConnectionView {
            id: p.id.clone(),
            name: p.name.clone(),
            deployment: p.deployment,
            base_url: p.base_url.clone(),
            auth_method: p.auth_method,
            access_id: p.access_id.clone(),
            has_secret: status.has_secret,
            secret_storage,
            tls: (&p.tls).into(),
            owner: p.owner.as_ref().map(OwnerView::from),
            built_in: p.is_built_in(),
        }
    }
}

/// What the connection form submits. `secret` is write-only: `null` keeps the stored one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInput {
    /// `null` creates a new connection.
    pub id: Option<String>,
    pub name: String,
    pub deployment: Deployment,
    pub base_url: String,
    pub auth_method: AuthMethod,
    pub access_id: Option<String>,
    /// Secret Key (HMAC) or API token.
    pub secret: Option<String>,
    pub tls: TlsOptions,
}

impl ConnectionInput {
    /// The profile part and the secret, kept apart from here on.
    pub fn split(self) -> (ProfileDraft, Option<tc_client::SecretString>) {
        let draft = ProfileDraft {
            id: self.id,
            name: self.name,
            deployment: self.deployment,
            base_url: self.base_url,
            auth_method: self.auth_method,
            access_id: self.access_id,
            tls: self.tls.into(),
        };
        (draft, self.secret.map(tc_client::SecretString::new))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserView {
    pub user_name: String,
    pub display_name: String,
    pub role: Option<String>,
}

/// What "Test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTestReport {
    pub user: UserView,
    pub owners: Vec<OwnerView>,
    pub latency_ms: u32,
    /// Server clock minus this computer's, in seconds; null when the server sent no date.
    pub clock_skew_seconds: Option<i32>,
    pub skew_level: SkewLevel,
    pub skew_message: Option<String>,
    /// This build signed ThreatConnect's published example correctly.
    pub signing_self_test_passed: bool,
}

impl From<ConnectionReport> for ConnectionTestReport {
    fn from(r: ConnectionReport) -> Self {
        ConnectionTestReport {
            user: UserView {
                display_name: r.user.display_name(),
                user_name: r.user.user_name,
                role: r.user.role,
            },
            owners: r.owners.iter().map(OwnerView::from).collect(),
            latency_ms: millis(r.latency),
            clock_skew_seconds: r.clock_skew_secs.map(clamp_i32),
            skew_level: r.skew_level,
            skew_message: r.skew_message,
            signing_self_test_passed: r.signing_self_test_passed,
        }
    }
}

/// The owners of a connection, and how the request went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OwnersResult {
    pub owners: Vec<OwnerView>,
    pub latency_ms: u32,
    pub clock_skew_seconds: Option<i32>,
    /// How worrying the skew is (the thresholds live in Rust, not the UI).
    pub skew_level: SkewLevel,
}

/// Whether secrets can be kept in the OS keychain on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeychainInfo {
    pub available: bool,
    /// "macOS Keychain", "Windows Credential Manager", "Secret Service".
    pub name: String,
}

/// The embedded sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SandboxInfo {
    pub running: bool,
    pub base_url: Option<String>,
    pub error: Option<String>,
}

/// Everything the UI needs to draw its first frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AppSnapshot {
    pub version: String,
    pub connections: Vec<ConnectionView>,
    pub selected_connection_id: Option<String>,
    pub settings: Settings,
    pub keychain: KeychainInfo,
    pub sandbox: SandboxInfo,
    pub deployments: Vec<DeploymentInfo>,
}

pub fn millis(d: std::time::Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

pub fn clamp_i32(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

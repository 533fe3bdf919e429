//! Connection profiles: where a ThreatConnect instance is and how to sign in, without the
//! secret (that lives in a [`crate::SecretStore`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tc_client::{BaseUrl, TlsConfig};
use tc_model::OwnerType;

/// Id of the built-in Local sandbox profile.
pub const SANDBOX_PROFILE_ID: &str = "local-sandbox";

/// Where a ThreatConnect instance runs. It decides only the pre-filled base URL and the
/// help text; the base URL itself is always what the user entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Deployment {
    /// The sandbox built into TC Bridge.
    LocalSandbox,
    /// ThreatConnect's Public Cloud (`app.threatconnect.com`).
    PublicCloud,
    /// A Dedicated Cloud instance.
    DedicatedCloud,
    /// An instance on the customer's own servers.
    OnPrem,
}

/// A deployment kind as the connection form presents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeploymentInfo {
    pub deployment: Deployment,
    pub label: &'static str,
    /// Base URL to pre-fill, when there is exactly one right answer.
    pub base_url: Option<&'static str>,
    pub placeholder: &'static str,
    pub help: &'static str,
    /// Users may create profiles of this kind (not the built-in sandbox).
    pub user_selectable: bool,
}

impl Deployment {
    /// Every deployment kind, in the order the form lists them.
    pub const ALL: [Deployment; 4] = [
        Deployment::PublicCloud,
        Deployment::DedicatedCloud,
        Deployment::OnPrem,
        Deployment::LocalSandbox,
    ];

    /// Label, pre-filled base URL and help for this kind (`reference/threatconnect-api.md` §1).
    pub fn info(self) -> DeploymentInfo {
        match self {
            Deployment::PublicCloud => DeploymentInfo {
                deployment: self,
                label: "Public Cloud",
                base_url: Some("https://app.threatconnect.com/api"),
                placeholder: "https://app.threatconnect.com/api",
                help: "ThreatConnect's shared cloud. The base URL is filled in for you.",
                user_selectable: true,
            },
            Deployment::DedicatedCloud => DeploymentInfo {
                deployment: self,
                label: "Dedicated Cloud",
                base_url: None,
                placeholder: "https://yourcompany.threatconnect.com/api",
                help: "Your company's own cloud instance: its web address followed by /api.",
                user_selectable: true,
            },
            Deployment::OnPrem => DeploymentInfo {
                deployment: self,
                label: "On-Premises",
                base_url: None,
                placeholder: "https://threatconnect.yourcompany.example/api",
                help: "An instance on your company's own servers: its web address followed by /api. Your administrator can confirm it.",
                user_selectable: true,
            },
            Deployment::LocalSandbox => DeploymentInfo {
                deployment: self,
                label: "Local sandbox",
                base_url: None,
                placeholder: "",
                help: "A practice copy of the ThreatConnect API running inside TC Bridge. Nothing you do here reaches a real instance.",
                user_selectable: false,
            },
        }
    }
}

/// HMAC (Access ID + Secret Key) or an API token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum AuthMethod {
    Hmac,
    Token,
}

/// Certificate checks for a connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TlsOptions {
    /// Check the server's certificate (on unless the user turns it off).
    pub verify: bool,
    /// An extra CA certificate (PEM) to trust.
    pub ca_file: Option<PathBuf>,
}

impl Default for TlsOptions {
    fn default() -> Self {
        TlsOptions {
            verify: true,
            ca_file: None,
        }
    }
}

impl From<&TlsOptions> for TlsConfig {
    fn from(t: &TlsOptions) -> Self {
        TlsConfig {
            verify: t.verify,
            ca_file: t.ca_file.clone(),
        }
    }
}

/// The owner a user chose for a connection. Nothing is read or written until there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerChoice {
    pub id: i64,
    pub name: String,
    pub owner_type: OwnerType,
}

/// A saved connection. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionProfile {
    pub id: String,
    pub name: String,
    pub deployment: Deployment,
    pub base_url: String,
    pub auth_method: AuthMethod,
    #[serde(default)]
    pub access_id: Option<String>,
    #[serde(default)]
    pub tls: TlsOptions,
    #[serde(default)]
    pub owner: Option<OwnerChoice>,
}

impl ConnectionProfile {
    /// True for the Local sandbox profile, which users cannot edit or delete.
    pub fn is_built_in(&self) -> bool {
        self.id == SANDBOX_PROFILE_ID
    }
}

/// What the connection form submits (without the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileDraft {
    /// `None` creates a new profile.
    pub id: Option<String>,
    pub name: String,
    pub deployment: Deployment,
    pub base_url: String,
    pub auth_method: AuthMethod,
    pub access_id: Option<String>,
    pub tls: TlsOptions,
}

/// Why a profile change was refused. Messages are for analysts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// A form field is wrong; `field` names it (`name`, `deployment`, `baseUrl`,
    /// `accessId`, `secret`, `caFile`).
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("This connection no longer exists. It may have been deleted in another window.")]
    NotFound,
    #[error("The Local sandbox connection is built in and cannot be changed or deleted.")]
    BuiltIn,
}

impl ProfileError {
    fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        ProfileError::Invalid {
            field,
            message: message.into(),
        }
    }
}

/// Longest profile name accepted.
const MAX_NAME: usize = 80;

impl ProfileDraft {
    /// Checks every field, in form order, and returns the first problem. `others` are the
    /// existing profiles (for name clashes).
    pub fn validate(&self, others: &[ConnectionProfile]) -> Result<BaseUrl, ProfileError> {
        self.validate_name(others)?;
        self.validate_connection()
    }

    /// Checks the name: present, not too long, not already used.
    pub fn validate_name(&self, others: &[ConnectionProfile]) -> Result<(), ProfileError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(ProfileError::invalid(
                "name",
                "Give the connection a name, such as \"Production\".",
            ));
        }
        if name.chars().count() > MAX_NAME {
            return Err(ProfileError::invalid(
                "name",
                format!("Use a name of at most {MAX_NAME} characters."),
            ));
        }
        let clash = others
            .iter()
            .any(|p| Some(&p.id) != self.id.as_ref() && p.name.trim().eq_ignore_ascii_case(name));
        if clash {
            return Err(ProfileError::invalid(
                "name",
                format!("A connection named \"{name}\" already exists. Choose another name."),
            ));
        }
        Ok(())
    }

    /// Checks what is needed to connect (everything but the name), so a form can be tested
    /// before it is saved.
    pub fn validate_connection(&self) -> Result<BaseUrl, ProfileError> {
        if self.deployment == Deployment::LocalSandbox {
            return Err(ProfileError::invalid(
                "deployment",
                "Choose Public Cloud, Dedicated Cloud or On-Premises.",
            ));
        }
        let base = BaseUrl::parse(&self.base_url)
            .map_err(|e| ProfileError::invalid("baseUrl", e.to_string()))?;
        if self.auth_method == AuthMethod::Hmac {
            let id = self.access_id.as_deref().map(str::trim).unwrap_or("");
            if id.is_empty() {
                return Err(ProfileError::invalid(
                    "accessId",
                    "Enter the Access ID of your ThreatConnect API user.",
                ));
            }
            if id.chars().any(char::is_whitespace) || id.contains(':') {
                return Err(ProfileError::invalid(
                    "accessId",
                    "An Access ID has no spaces or colons. Copy it again from ThreatConnect.",
                ));
            }
        }
        if let Some(ca) = &self.tls.ca_file {
            check_ca_file(ca)?;
        }
        Ok(base)
    }
}

fn check_ca_file(path: &Path) -> Result<(), ProfileError> {
    if path.as_os_str().is_empty() {
        return Ok(());
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(ProfileError::invalid(
            "caFile",
            "This is a folder. Choose the certificate file itself (a .pem or .crt file).",
        )),
        Err(_) => Err(ProfileError::invalid(
            "caFile",
            format!("No file was found at {}. Check the path.", path.display()),
        )),
    }
}

/// All profiles and which one is in use. Serialised as-is into the app's store file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConnectionBook {
    pub profiles: Vec<ConnectionProfile>,
    pub selected: Option<String>,
}

impl ConnectionBook {
    /// Makes sure the built-in Local sandbox profile exists, first in the list and pointing
    /// at `sandbox_base_url`, and that a profile is selected (the sandbox on first run).
    /// On the sandbox, which holds only demo data, "Demo Organization" is chosen for the
    /// user until they pick another owner; real connections get no owner by default.
    pub fn ensure_sandbox(&mut self, sandbox_base_url: &str, sandbox_access_id: &str) {
        let existing = self
            .profiles
            .iter()
            .position(ConnectionProfile::is_built_in);
        let owner = existing
            .and_then(|i| self.profiles[i].owner.clone())
            .or_else(|| {
                Some(OwnerChoice {
                    id: 1,
                    name: "Demo Organization".into(),
                    owner_type: OwnerType::Organization,
                })
            });
        if let Some(i) = existing {
            self.profiles.remove(i);
        }
        self.profiles.insert(
            0,
            ConnectionProfile {
                id: SANDBOX_PROFILE_ID.into(),
                name: "Local sandbox".into(),
                deployment: Deployment::LocalSandbox,
                base_url: sandbox_base_url.into(),
                auth_method: AuthMethod::Hmac,
                access_id: Some(sandbox_access_id.into()),
                tls: TlsOptions::default(),
                owner,
            },
        );
        let selected_exists = self
            .selected
            .as_ref()
            .is_some_and(|id| self.get(id).is_some());
        if !selected_exists {
            self.selected = Some(SANDBOX_PROFILE_ID.into());
        }
    }

    /// A profile by id.
    pub fn get(&self, id: &str) -> Option<&ConnectionProfile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The profile in use.
    pub fn selected(&self) -> Option<&ConnectionProfile> {
        self.selected.as_deref().and_then(|id| self.get(id))
    }

    /// Validates `draft` and adds it, or replaces the profile with its id. The owner choice
    /// survives an edit unless the base URL changed (a different instance has other owners).
    pub fn upsert(&mut self, draft: ProfileDraft) -> Result<&ConnectionProfile, ProfileError> {
        let base = draft.validate(&self.profiles)?;
        let access_id = match draft.auth_method {
            AuthMethod::Hmac => draft.access_id.as_deref().map(|s| s.trim().to_owned()),
            AuthMethod::Token => None,
        };
        let ca_file = draft.tls.ca_file.filter(|p| !p.as_os_str().is_empty());
        let mut profile = ConnectionProfile {
            id: String::new(),
            name: draft.name.trim().to_owned(),
            deployment: draft.deployment,
            base_url: base.to_string(),
            auth_method: draft.auth_method,
            access_id,
            tls: TlsOptions {
                verify: draft.tls.verify,
                ca_file,
            },
            owner: None,
        };
        let index = match draft.id {
            Some(id) => {
                let i = self
                    .profiles
                    .iter()
                    .position(|p| p.id == id)
                    .ok_or(ProfileError::NotFound)?;
                if self.profiles[i].is_built_in() {
                    return Err(ProfileError::BuiltIn);
                }
                let old = &self.profiles[i];
                profile.id = id;
                if old.base_url == profile.base_url {
                    profile.owner = old.owner.clone();
                }
                self.profiles[i] = profile;
                i
            }
            None => {
                profile.id = uuid::Uuid::new_v4().to_string();
                self.profiles.push(profile);
                self.profiles.len() - 1
            }
        };
        Ok(&self.profiles[index])
    }

    /// Removes a profile. If it was in use, the Local sandbox is used instead.
    pub fn remove(&mut self, id: &str) -> Result<ConnectionProfile, ProfileError> {
        let i = self
            .profiles
            .iter()
            .position(|p| p.id == id)
            .ok_or(ProfileError::NotFound)?;
        if self.profiles[i].is_built_in() {
            return Err(ProfileError::BuiltIn);
        }
        let removed = self.profiles.remove(i);
        if self.selected.as_deref() == Some(id) {
            self.selected = Some(SANDBOX_PROFILE_ID.into());
        }
        Ok(removed)
    }

    /// Makes `id` the connection in use.
    pub fn select(&mut self, id: &str) -> Result<(), ProfileError> {
        self.get(id).ok_or(ProfileError::NotFound)?;
        self.selected = Some(id.to_owned());
        Ok(())
    }

    /// Records the owner chosen for a connection (`None` clears it).
    pub fn set_owner(
        &mut self,
        id: &str,
        owner: Option<OwnerChoice>,
    ) -> Result<&ConnectionProfile, ProfileError> {
        let profile = self
            .profiles
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ProfileError::NotFound)?;
        profile.owner = owner;
        Ok(profile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str) -> ProfileDraft {
        ProfileDraft {
            id: None,
            name: name.into(),
            deployment: Deployment::PublicCloud,
            base_url: "https://app.threatconnect.com/api".into(),
            auth_method: AuthMethod::Hmac,
            access_id: Some(" 12345678901234567890 ".into()),
            tls: TlsOptions::default(),
        }
    }

    fn book() -> ConnectionBook {
        let mut b = ConnectionBook::default();
        b.ensure_sandbox("http://127.0.0.1:9/api", "111");
        b
    }

    #[test]
    fn first_run_selects_the_sandbox_with_demo_owner() {
        let b = book();
        assert_eq!(b.profiles.len(), 1);
        let selected = b.selected().unwrap();
        assert!(selected.is_built_in());
        assert_eq!(selected.owner.as_ref().unwrap().name, "Demo Organization");
    }

    #[test]
    fn sandbox_is_refreshed_not_duplicated_and_keeps_its_owner() {
        let mut b = book();
        let partner = OwnerChoice {
            id: 3,
            name: "Partner Feed".into(),
            owner_type: OwnerType::Source,
        };
        b.set_owner(SANDBOX_PROFILE_ID, Some(partner.clone()))
            .unwrap();
        b.upsert(draft("Prod")).unwrap();
        b.ensure_sandbox("http://127.0.0.1:10/api", "222");
        assert_eq!(b.profiles.iter().filter(|p| p.is_built_in()).count(), 1);
        assert!(b.profiles[0].is_built_in(), "the sandbox is listed first");
        assert_eq!(b.profiles[0].base_url, "http://127.0.0.1:10/api");
        assert_eq!(b.profiles[0].owner, Some(partner));
    }

    #[test]
    fn new_profile_is_trimmed_and_has_no_owner() {
        let mut b = book();
        let p = b.upsert(draft("  Production ")).unwrap().clone();
        assert_eq!(p.name, "Production");
        assert_eq!(p.access_id.as_deref(), Some("12345678901234567890"));
        assert_eq!(
            p.owner, None,
            "a real connection never gets an owner by default"
        );
        assert!(!p.id.is_empty());
    }

    #[test]
    fn validation_names_the_field() {
        let b = book();
        let field = |d: ProfileDraft| match d.validate(&b.profiles) {
            Err(ProfileError::Invalid { field, .. }) => field,
            other => panic!("expected invalid, got {other:?}"),
        };
        assert_eq!(field(draft(" ")), "name");
        assert_eq!(
            field(draft("local SANDBOX")),
            "name",
            "names are unique ignoring case"
        );
        assert_eq!(
            field(ProfileDraft {
                base_url: "http://tc.example/api".into(),
                ..draft("A")
            }),
            "baseUrl"
        );
        assert_eq!(
            field(ProfileDraft {
                access_id: None,
                ..draft("A")
            }),
            "accessId"
        );
        assert_eq!(
            field(ProfileDraft {
                access_id: Some("12 34".into()),
                ..draft("A")
            }),
            "accessId"
        );
        assert_eq!(
            field(ProfileDraft {
                deployment: Deployment::LocalSandbox,
                ..draft("A")
            }),
            "deployment"
        );
        let missing = TlsOptions {
            verify: true,
            ca_file: Some("/nonexistent/ca.pem".into()),
        };
        assert_eq!(
            field(ProfileDraft {
                tls: missing,
                ..draft("A")
            }),
            "caFile"
        );
        // A token profile needs no Access ID.
        let token = ProfileDraft {
            auth_method: AuthMethod::Token,
            access_id: None,
            ..draft("T")
        };
        assert!(token.validate(&b.profiles).is_ok());
    }

    #[test]
    fn base_url_is_kept_as_entered() {
        let mut b = book();
        let d = ProfileDraft {
            deployment: Deployment::OnPrem,
            base_url: "https://TC.Corp.example:8443/tc/api/".into(),
            ..draft("OnPrem")
        };
        let p = b.upsert(d).unwrap();
        // Only the host's case (which DNS ignores) and the trailing slash are normalised by URL parsing.
        assert_eq!(p.base_url, "https://tc.corp.example:8443/tc/api");
    }

    #[test]
    fn edit_keeps_owner_unless_instance_changes() {
        let mut b = book();
        let id = b.upsert(draft("Prod")).unwrap().id.clone();
        let owner = OwnerChoice {
            id: 7,
            name: "Acme".into(),
            owner_type: OwnerType::Organization,
        };
        b.set_owner(&id, Some(owner.clone())).unwrap();
        let renamed = b
            .upsert(ProfileDraft {
                id: Some(id.clone()),
                ..draft("Production")
            })
            .unwrap();
        assert_eq!(renamed.owner, Some(owner));
        let moved = b
            .upsert(ProfileDraft {
                id: Some(id.clone()),
                base_url: "https://other.example/api".into(),
                ..draft("Production")
            })
            .unwrap();
        assert_eq!(moved.owner, None);
    }

    #[test]
    fn built_in_cannot_be_changed_and_delete_falls_back_to_sandbox() {
        let mut b = book();
        assert_eq!(b.remove(SANDBOX_PROFILE_ID), Err(ProfileError::BuiltIn));
        assert_eq!(
            b.upsert(ProfileDraft {
                id: Some(SANDBOX_PROFILE_ID.into()),
                ..draft("X")
            })
            .unwrap_err(),
            ProfileError::BuiltIn
        );
        let id = b.upsert(draft("Prod")).unwrap().id.clone();
        b.select(&id).unwrap();
        b.remove(&id).unwrap();
        assert_eq!(b.selected.as_deref(), Some(SANDBOX_PROFILE_ID));
        assert_eq!(b.select("gone"), Err(ProfileError::NotFound));
    }

    #[test]
    fn book_round_trips_through_json_without_secrets() {
        let mut b = book();
        b.upsert(draft("Prod")).unwrap();
        let json = serde_json::to_string(&b).unwrap();
        let back: ConnectionBook = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
        assert!(!json.to_lowercase().contains("secret"));
    }
}

//! The connection workflows behind the Connections screen and the owner bar: save, delete
//! and select profiles with their secrets, test a connection, list owners, choose one.
//! The app's commands are thin adapters over [`Connections`]; so is the CLI.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tc_client::{BaseUrl, Client, ClientConfig, Credentials, ResponseMeta, SecretString};
use tc_model::Owner;

use crate::check::{self, CheckError, ConnectionReport};
use crate::profiles::{
    AuthMethod, ConnectionBook, ConnectionProfile, OwnerChoice, ProfileDraft, ProfileError,
};
use crate::secrets::{SecretError, SecretStore};

/// Saves the connection book somewhere durable (the app's settings file).
pub trait BookStore: Send + Sync + fmt::Debug {
    /// Persists `book`. The message of an error is shown to the user.
    fn save(&self, book: &ConnectionBook) -> Result<(), String>;
}

/// Keeps the book in memory only (tests, and the CLI).
#[derive(Debug, Default)]
pub struct NoBookStore;

impl BookStore for NoBookStore {
    fn save(&self, _: &ConnectionBook) -> Result<(), String> {
        Ok(())
    }
}

/// Credentials of the built-in sandbox, generated each session and held in memory.
#[derive(Debug, Clone)]
pub struct SandboxCredentials {
    pub base_url: String,
    pub access_id: String,
    pub secret_key: SecretString,
}

/// Why a connection workflow failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConnectionError {
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// No secret was given and none is stored.
    #[error("no {} is stored for this connection", secret_label(*.0))]
    SecretMissing(AuthMethod),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error("the settings could not be saved: {0}")]
    Storage(String),
    #[error(transparent)]
    Check(#[from] CheckError),
    #[error(transparent)]
    Client(#[from] tc_client::Error),
    /// The built-in sandbox did not start, so its connection cannot be used.
    #[error("the local sandbox is not running")]
    SandboxDown,
}

/// "Secret Key" or "API token".
pub fn secret_label(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::Hmac => "Secret Key",
        AuthMethod::Token => "API token",
    }
}

/// One profile and whether its secret is available.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileStatus {
    pub profile: ConnectionProfile,
    pub has_secret: bool,
}

/// Request timeout for calls made on the user's behalf.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Profiles, secrets and the sandbox's credentials, behind one lock-free-to-use API.
pub struct Connections {
    book: Mutex<ConnectionBook>,
    secrets: Arc<dyn SecretStore>,
    store: Box<dyn BookStore>,
    sandbox: Option<SandboxCredentials>,
}

impl fmt::Debug for Connections {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connections")
            .field("secrets", &self.secrets)
            .field("store", &self.store)
            .field("sandbox", &self.sandbox)
            .finish_non_exhaustive()
    }
}

impl Connections {
    /// Wraps a loaded `book`. With `sandbox`, the built-in Local sandbox profile is added
    /// (or refreshed) and selected on first run.
    pub fn new(
        mut book: ConnectionBook,
        secrets: Arc<dyn SecretStore>,
        store: Box<dyn BookStore>,
        sandbox: Option<SandboxCredentials>,
    ) -> Self {
        if let Some(sb) = &sandbox {
            book.ensure_sandbox(&sb.base_url, &sb.access_id);
        }
        Connections {
            book: Mutex::new(book),
            secrets,
            store,
            sandbox,
        }
    }

    fn book(&self) -> MutexGuard<'_, ConnectionBook> {
        // A poisoned lock means a panic mid-update of plain data; the book is still usable.
        self.book.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The secret store in use.
    pub fn secret_store(&self) -> &dyn SecretStore {
        self.secrets.as_ref()
    }

    /// Applies `change` to a copy of the book, persists it, and only then keeps it.
    fn update<T>(
        &self,
        change: impl FnOnce(&mut ConnectionBook) -> Result<T, ConnectionError>,
    ) -> Result<T, ConnectionError> {
        let mut book = self.book();
        let mut next = book.clone();
        let out = change(&mut next)?;
        self.store.save(&next).map_err(ConnectionError::Storage)?;
        *book = next;
        Ok(out)
    }

    /// Every profile with its secret status, and the selected profile's id.
    pub async fn list(&self) -> Result<(Vec<ProfileStatus>, Option<String>), ConnectionError> {
        let (profiles, selected) = {
            let book = self.book();
            (book.profiles.clone(), book.selected.clone())
        };
        let mut out = Vec::with_capacity(profiles.len());
        for profile in profiles {
            out.push(self.with_status(profile).await?);
        }
        Ok((out, selected))
    }

    /// One profile with its secret status.
    pub async fn status(&self, id: &str) -> Result<ProfileStatus, ConnectionError> {
        self.with_status(self.profile(id)?).await
    }

    async fn with_status(
        &self,
        profile: ConnectionProfile,
    ) -> Result<ProfileStatus, ConnectionError> {
        let has_secret = if profile.is_built_in() {
            self.sandbox.is_some()
        } else {
            self.secret(&profile.id).await?.is_some()
        };
        Ok(ProfileStatus {
            profile,
            has_secret,
        })
    }

    /// A profile by id.
    pub fn profile(&self, id: &str) -> Result<ConnectionProfile, ConnectionError> {
        Ok(self.book().get(id).cloned().ok_or(ProfileError::NotFound)?)
    }

    /// Creates or updates a profile. `secret` replaces the stored one; `None` keeps it
    /// (a new profile, or one whose sign-in method changed, must come with a secret).
    pub async fn save(
        &self,
        draft: ProfileDraft,
        secret: Option<SecretString>,
    ) -> Result<ProfileStatus, ConnectionError> {
        let secret = secret.filter(|s| !s.is_blank());
        let previous = match &draft.id {
            Some(id) => Some(self.profile(id)?),
            None => None,
        };
        if secret.is_none() {
            let keeps_secret = match &previous {
                Some(p) => {
                    p.auth_method == draft.auth_method && self.secret(&p.id).await?.is_some()
                }
                None => false,
            };
            if !keeps_secret {
                // Validate the rest first so the user sees field errors in form order.
                draft.validate(&self.book().profiles)?;
                return Err(ConnectionError::SecretMissing(draft.auth_method));
            }
        }
        let profile = self.update(|book| Ok(book.upsert(draft)?.clone()))?;
        let stored = match secret {
            Some(secret) => self.set_secret(&profile.id, secret).await,
            None => Ok(()),
        };
        if let Err(e) = stored {
            // Do not keep a new profile whose secret went nowhere.
            if previous.is_none() {
                let _ = self.update(|book| Ok(book.remove(&profile.id)?));
            }
            return Err(e);
        }
        Ok(ProfileStatus {
            profile,
            has_secret: true,
        })
    }

    /// Deletes a profile and its stored secret.
    pub async fn delete(&self, id: &str) -> Result<(), ConnectionError> {
        self.update(|book| Ok(book.remove(id)?))?;
        let secrets = Arc::clone(&self.secrets);
        let id = id.to_owned();
        blocking(move || secrets.delete(&id)).await?;
        Ok(())
    }

    /// Makes `id` the connection in use.
    pub fn select(&self, id: &str) -> Result<(), ConnectionError> {
        self.update(|book| Ok(book.select(id)?))
    }

    /// Records the owner chosen for a connection.
    pub fn choose_owner(
        &self,
        id: &str,
        owner: Option<OwnerChoice>,
    ) -> Result<ConnectionProfile, ConnectionError> {
        self.update(|book| Ok(book.set_owner(id, owner)?.clone()))
    }

    /// Tests what a form holds, saved or not: signing self-test, who am I, owners, latency
    /// and clock skew. Without a `secret`, the one stored for `draft.id` is used.
    pub async fn test(
        &self,
        draft: &ProfileDraft,
        secret: Option<SecretString>,
    ) -> Result<ConnectionReport, ConnectionError> {
        let client = match draft.id.as_deref() {
            Some(id) if self.profile(id)?.is_built_in() => self.sandbox_client()?,
            _ => {
                let base = draft.validate_connection()?;
                let secret = match secret.filter(|s| !s.is_blank()) {
                    Some(s) => s,
                    None => {
                        let stored = match draft.id.as_deref() {
                            Some(id) if self.profile(id)?.auth_method == draft.auth_method => {
                                self.secret(id).await?
                            }
                            _ => None,
                        };
                        stored.ok_or(ConnectionError::SecretMissing(draft.auth_method))?
                    }
                };
                let credentials =
                    credentials(draft.auth_method, draft.access_id.as_deref(), secret);
                build_client(base, credentials, &(&draft.tls).into())?
            }
        };
        // A test should answer at once: no retries, so an unreachable server says so now.
        let client = client.without_retries();
        Ok(check::check_connection(&client).await?)
    }

    /// The owners visible through a saved connection, with the response's timing.
    pub async fn owners(&self, id: &str) -> Result<(Vec<Owner>, ResponseMeta), ConnectionError> {
        let client = self.client(id).await?;
        Ok(client.owners_with_meta().await?)
    }

    /// A client for a saved connection.
    pub async fn client(&self, id: &str) -> Result<Client, ConnectionError> {
        let profile = self.profile(id)?;
        if profile.is_built_in() {
            return self.sandbox_client();
        }
        let base = BaseUrl::parse(&profile.base_url).map_err(|e| ProfileError::Invalid {
            field: "baseUrl",
            message: e.to_string(),
        })?;
        let secret = self
            .secret(id)
            .await?
            .ok_or(ConnectionError::SecretMissing(profile.auth_method))?;
        let credentials = credentials(profile.auth_method, profile.access_id.as_deref(), secret);
        build_client(base, credentials, &(&profile.tls).into())
    }

    fn sandbox_client(&self) -> Result<Client, ConnectionError> {
        let sb = self.sandbox.as_ref().ok_or(ConnectionError::SandboxDown)?;
        let base = BaseUrl::parse(&sb.base_url).map_err(|_| ConnectionError::SandboxDown)?;
        build_client(
            base,
            Credentials::hmac(sb.access_id.clone(), sb.secret_key.clone()),
            &Default::default(),
        )
    }

    async fn secret(&self, id: &str) -> Result<Option<SecretString>, ConnectionError> {
        let secrets = Arc::clone(&self.secrets);
        let id = id.to_owned();
        Ok(blocking(move || secrets.get(&id)).await?)
    }

    async fn set_secret(&self, id: &str, secret: SecretString) -> Result<(), ConnectionError> {
        let secrets = Arc::clone(&self.secrets);
        let id = id.to_owned();
        Ok(blocking(move || secrets.set(&id, &secret)).await?)
    }
}

fn credentials(method: AuthMethod, access_id: Option<&str>, secret: SecretString) -> Credentials {
    match method {
        AuthMethod::Hmac => Credentials::hmac(access_id.unwrap_or("").trim(), secret),
        AuthMethod::Token => Credentials::Token(secret),
    }
}

fn build_client(
    base: BaseUrl,
    credentials: Credentials,
    tls: &tc_client::TlsConfig,
) -> Result<Client, ConnectionError> {
    let mut config = ClientConfig::new(base, credentials);
    config.timeout = TIMEOUT;
    config.tls = tls.clone();
    Client::new(config).map_err(ConnectionError::Client)
}

/// Runs a keychain call on a blocking thread: keychains may wait on the OS (or a prompt).
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SecretError> + Send + 'static,
) -> Result<T, SecretError> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|_| Err(SecretError("the keychain call stopped unexpectedly".into())))
}

//! TC Bridge's workflows, shared by the desktop app and the `tc-bridge` command.
//!
//! What belongs here: connection profiles and their validation ([`profiles`]), where
//! secrets are kept ([`secrets`]), the connection check ([`check`]) and reading a
//! connection from the environment ([`env`]). What does not: Tauri, UI text layout, or
//! HTTP details (those are `tc-client`'s).

pub mod check;
pub mod connections;
pub mod env;
pub mod profiles;
pub mod secrets;
pub mod words;

pub use check::{CheckError, ConnectionReport, SkewLevel, check_connection};
pub use connections::{
    BookStore, ConnectionError, Connections, NoBookStore, ProfileStatus, SandboxCredentials,
    secret_label,
};
pub use profiles::{
    AuthMethod, ConnectionBook, ConnectionProfile, Deployment, DeploymentInfo, OwnerChoice,
    ProfileDraft, ProfileError, SANDBOX_PROFILE_ID, TlsOptions,
};
pub use secrets::{MemoryStore, SecretError, SecretStorage, SecretStore, system_store};

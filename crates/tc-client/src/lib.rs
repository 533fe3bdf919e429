//! Signed requests and an async client for the ThreatConnect v2 API.
//!
//! What belongs here: request signing as pure functions ([`signing`]), the redacting
//! [`SecretString`], base URL rules ([`BaseUrl`]) and the [`Client`] with typed operations
//! and typed errors. What does not: UI, storage, or anything that needs Tauri.

pub mod base_url;
pub mod client;
pub mod credentials;
pub mod error;
pub mod secret;
pub mod signing;

pub use base_url::{BaseUrl, BaseUrlError};
pub use client::{Client, ClientConfig, Clock, ResponseMeta, TlsConfig};
pub use credentials::Credentials;
pub use error::{Error, Result};
pub use secret::SecretString;

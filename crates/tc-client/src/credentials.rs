//! The two ways to authenticate (`reference/threatconnect-api.md` §2).

use crate::secret::SecretString;

/// HMAC (Access ID + Secret Key) or an API token. `Debug` never shows the secret.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// Every request signed with HMAC-SHA256.
    Hmac {
        /// The API user's Access ID (not secret; shown in the app).
        access_id: String,
        /// The API user's Secret Key.
        secret_key: SecretString,
    },
    /// `Authorization: TC-Token <token>`.
    Token(SecretString),
}

impl Credentials {
    /// HMAC credentials.
    pub fn hmac(access_id: impl Into<String>, secret_key: impl Into<SecretString>) -> Self {
        Credentials::Hmac {
            access_id: access_id.into(),
            secret_key: secret_key.into(),
        }
    }

    /// Token credentials.
    pub fn token(token: impl Into<SecretString>) -> Self {
        Credentials::Token(token.into())
    }
}

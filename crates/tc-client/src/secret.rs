//! A string that must never be shown: Secret Keys and API tokens.

use std::fmt;

use zeroize::Zeroize;

/// A secret value. `Debug` prints `***`, there is no `Display` and no `Serialize`, and the
/// memory is wiped on drop. Read it only where it is used, with [`SecretString::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        SecretString(value.into())
    }

    /// The secret itself. Call only to sign or send it, never to log or return it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the secret is empty or only whitespace.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for SecretString {
    fn from(s: String) -> Self {
        SecretString(s)
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        SecretString(s.to_owned())
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let secret = SecretString::new("TestSecretKey-DoNotUse-0123456789abcdef");
        assert_eq!(format!("{secret:?}"), "***");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            key: SecretString,
        }
        let holder = format!(
            "{:?}",
            Holder {
                key: secret.clone()
            }
        );
        assert!(
            !holder.contains("TestSecretKey"),
            "secret leaked through Debug: {holder}"
        );
        assert_eq!(secret.expose(), "TestSecretKey-DoNotUse-0123456789abcdef");
    }

    #[test]
    fn blank_detection() {
        assert!(SecretString::new("  ").is_blank());
        assert!(!SecretString::new("k").is_blank());
    }
}

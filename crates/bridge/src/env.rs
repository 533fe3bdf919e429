//! A connection read from the environment, with the variable names ThreatConnect's own
//! tooling uses: `TC_API_PATH`, `TC_API_ACCESS_ID`, `TC_API_SECRET_KEY`, or `TC_TOKEN`.

use tc_client::{BaseUrl, Credentials, SecretString};

/// Base URL, e.g. `https://app.threatconnect.com/api`.
pub const TC_API_PATH: &str = "TC_API_PATH";
/// Access ID of the API user.
pub const TC_API_ACCESS_ID: &str = "TC_API_ACCESS_ID";
/// Secret Key of the API user (environment only: never a command-line flag).
pub const TC_API_SECRET_KEY: &str = "TC_API_SECRET_KEY";
/// API token, used when no Access ID and Secret Key are given.
pub const TC_TOKEN: &str = "TC_TOKEN";

/// Values given on the command line, which win over the environment. There is
/// deliberately no way to pass a secret here: command lines are visible to other users.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub api_path: Option<String>,
    pub access_id: Option<String>,
}

/// What is missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    #[error(
        "no base URL: set TC_API_PATH (for example https://app.threatconnect.com/api) or pass --api-path"
    )]
    MissingBaseUrl,
    #[error("the base URL is not usable: {0}")]
    BadBaseUrl(String),
    #[error("no credentials: set TC_API_ACCESS_ID and TC_API_SECRET_KEY, or TC_TOKEN")]
    MissingCredentials,
    #[error("TC_API_SECRET_KEY is not set: an Access ID needs its Secret Key")]
    MissingSecret,
}

/// Reads the connection. `var` looks a variable up (`std::env::var(..).ok()` in real use).
/// When both HMAC credentials and a token are present, HMAC is used, as tcex does.
pub fn connection_from_env(
    overrides: &Overrides,
    var: impl Fn(&str) -> Option<String>,
) -> Result<(BaseUrl, Credentials), EnvError> {
    let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    let path = overrides
        .api_path
        .clone()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| get(TC_API_PATH));
    let base = BaseUrl::parse(&path.ok_or(EnvError::MissingBaseUrl)?)
        .map_err(|e| EnvError::BadBaseUrl(e.to_string()))?;
    let access_id = overrides
        .access_id
        .clone()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| get(TC_API_ACCESS_ID));
    let credentials = match (access_id, get(TC_API_SECRET_KEY), get(TC_TOKEN)) {
        (Some(id), Some(secret), _) => Credentials::hmac(id.trim(), SecretString::new(secret)),
        (None, _, Some(token)) => Credentials::token(SecretString::new(token.trim())),
        (Some(_), None, Some(token)) => Credentials::token(SecretString::new(token.trim())),
        (Some(_), None, None) => return Err(EnvError::MissingSecret),
        (None, _, None) => return Err(EnvError::MissingCredentials),
    };
    Ok((base, credentials))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).into(), (*v).into()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn hmac_from_environment() {
        let (base, creds) = connection_from_env(
            &Overrides::default(),
            env(&[
                (TC_API_PATH, "https://app.threatconnect.com/api"),
                (TC_API_ACCESS_ID, "123"),
                (TC_API_SECRET_KEY, "k"),
            ]),
        )
        .unwrap();
        assert_eq!(base.as_str(), "https://app.threatconnect.com/api");
        assert!(matches!(creds, Credentials::Hmac { ref access_id, .. } if access_id == "123"));
    }

    #[test]
    fn flags_override_path_and_access_id() {
        let overrides = Overrides {
            api_path: Some("http://127.0.0.1:1/api".into()),
            access_id: Some("999".into()),
        };
        let (base, creds) = connection_from_env(
            &overrides,
            env(&[
                (TC_API_PATH, "https://ignored.example/api"),
                (TC_API_ACCESS_ID, "123"),
                (TC_API_SECRET_KEY, "k"),
            ]),
        )
        .unwrap();
        assert_eq!(base.as_str(), "http://127.0.0.1:1/api");
        assert!(matches!(creds, Credentials::Hmac { ref access_id, .. } if access_id == "999"));
    }

    #[test]
    fn token_and_precedence() {
        let path = (TC_API_PATH, "https://tc.example/api");
        let (_, token) =
            connection_from_env(&Overrides::default(), env(&[path, (TC_TOKEN, "APIV2:x")]))
                .unwrap();
        assert!(matches!(token, Credentials::Token(_)));
        let (_, both) = connection_from_env(
            &Overrides::default(),
            env(&[
                path,
                (TC_TOKEN, "APIV2:x"),
                (TC_API_ACCESS_ID, "1"),
                (TC_API_SECRET_KEY, "k"),
            ]),
        )
        .unwrap();
        assert!(
            matches!(both, Credentials::Hmac { .. }),
            "HMAC wins when both are set"
        );
    }

    #[test]
    fn missing_pieces_are_named() {
        let none = Overrides::default();
        assert_eq!(
            connection_from_env(&none, env(&[])).unwrap_err(),
            EnvError::MissingBaseUrl
        );
        let path = (TC_API_PATH, "https://tc.example/api");
        assert_eq!(
            connection_from_env(&none, env(&[path])).unwrap_err(),
            EnvError::MissingCredentials
        );
        assert_eq!(
            connection_from_env(&none, env(&[path, (TC_API_ACCESS_ID, "1")])).unwrap_err(),
            EnvError::MissingSecret
        );
        assert!(matches!(
            connection_from_env(&none, env(&[(TC_API_PATH, "tc.example")])).unwrap_err(),
            EnvError::BadBaseUrl(_)
        ));
    }
}

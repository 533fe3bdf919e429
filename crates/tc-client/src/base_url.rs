//! The base URL of a ThreatConnect instance (`reference/threatconnect-api.md` §1).
//!
//! It is used exactly as the user gives it: never guessed from, or repaired by, the host
//! name (partner guidance §2.1). We only check that it is a usable web address.

use std::fmt;

use url::{Host, Url};

/// Why a base URL cannot be used. Messages are written for analysts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BaseUrlError {
    #[error("Enter the base URL of your ThreatConnect instance.")]
    Empty,
    #[error("This is not a web address. It should look like https://app.threatconnect.com/api.")]
    NotAUrl,
    #[error(
        "ThreatConnect only accepts secure connections: the base URL must start with https://."
    )]
    NotHttps,
    #[error("The base URL must not contain a user name or password.")]
    HasCredentials,
    #[error(
        "The base URL must end before the endpoint: remove everything from '?' or '#' onwards."
    )]
    HasQueryOrFragment,
}

/// A validated base URL: everything before `/v2/...`.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Checks `input` and keeps it as given (surrounding spaces and a trailing `/` aside).
    /// Plain `http://` is accepted only for this computer (the local sandbox).
    pub fn parse(input: &str) -> Result<Self, BaseUrlError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(BaseUrlError::Empty);
        }
        let url = Url::parse(input).map_err(|_| BaseUrlError::NotAUrl)?;
        if url.host().is_none() || url.cannot_be_a_base() {
            return Err(BaseUrlError::NotAUrl);
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(BaseUrlError::NotHttps),
            _ => return Err(BaseUrlError::NotAUrl),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(BaseUrlError::HasCredentials);
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(BaseUrlError::HasQueryOrFragment);
        }
        Ok(BaseUrl(url))
    }

    /// The URL of an endpoint below the base, e.g. `["v2", "owners"]`. Each segment is
    /// percent-encoded as one path segment.
    pub fn endpoint(&self, segments: &[&str]) -> Url {
        let mut url = self.0.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// The URL of an endpoint below the base from a path whose segments are already
    /// percent-encoded (`v2/indicators/urls/http%3A%2F%2Fbad.example%2F`). The path is set
    /// as given, never re-encoded: [`crate::path::ApiPath`] builds it with
    /// [`tc_model::value::encode_segment`], whose output `Url::set_path` leaves unchanged
    /// (checked afterwards).
    pub fn endpoint_encoded(&self, encoded: &str) -> Url {
        let mut url = self.0.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}/{encoded}"));
        url
    }

    /// The base URL as text, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// True when the host is this computer.
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }

    /// A gentle note when the URL does not look like a ThreatConnect API base. Never used to
    /// change the URL: the user (or their administrator) knows their instance.
    pub fn advice(&self) -> Option<&'static str> {
        let legacy_host = self.0.host_str() == Some("api.threatconnect.com");
        let ends_in_api = self.0.path().trim_end_matches('/').ends_with("/api");
        if legacy_host || ends_in_api {
            None
        } else {
            Some("ThreatConnect base URLs usually end in /api. Check it with your administrator.")
        }
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({})", self.as_str())
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_form_is_accepted_unchanged() {
        for (input, owners) in [
            (
                "https://app.threatconnect.com/api",
                "https://app.threatconnect.com/api/v2/owners",
            ),
            (
                "https://companyabc.threatconnect.com/api/",
                "https://companyabc.threatconnect.com/api/v2/owners",
            ),
            (
                "https://tc.corp.example:8443/api",
                "https://tc.corp.example:8443/api/v2/owners",
            ),
            (
                "https://api.threatconnect.com",
                "https://api.threatconnect.com/v2/owners",
            ),
            (
                "http://127.0.0.1:8450/api",
                "http://127.0.0.1:8450/api/v2/owners",
            ),
        ] {
            let base = BaseUrl::parse(input).unwrap();
            assert_eq!(
                base.endpoint(&["v2", "owners"]).as_str(),
                owners,
                "for {input}"
            );
        }
    }

    #[test]
    fn rejections_say_why() {
        assert_eq!(BaseUrl::parse("  "), Err(BaseUrlError::Empty));
        assert_eq!(
            BaseUrl::parse("app.threatconnect.com/api"),
            Err(BaseUrlError::NotAUrl)
        );
        assert_eq!(
            BaseUrl::parse("http://tc.example/api"),
            Err(BaseUrlError::NotHttps)
        );
        assert_eq!(
            BaseUrl::parse("https://u:p@tc.example/api"),
            Err(BaseUrlError::HasCredentials)
        );
        assert_eq!(
            BaseUrl::parse("https://tc.example/api/v2/owners?owner=x"),
            Err(BaseUrlError::HasQueryOrFragment)
        );
    }

    #[test]
    fn advice_only_when_path_is_unusual() {
        assert_eq!(
            BaseUrl::parse("https://app.threatconnect.com/api")
                .unwrap()
                .advice(),
            None
        );
        assert_eq!(
            BaseUrl::parse("https://api.threatconnect.com")
                .unwrap()
                .advice(),
            None
        );
        assert!(
            BaseUrl::parse("https://app.threatconnect.com")
                .unwrap()
                .advice()
                .is_some()
        );
    }

    #[test]
    fn segments_are_encoded_one_by_one() {
        let base = BaseUrl::parse("https://tc.example/api").unwrap();
        let url = base.endpoint(&["v2", "tags", "Nation State"]);
        assert_eq!(url.path(), "/api/v2/tags/Nation%20State");
    }
}

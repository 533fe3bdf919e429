//! "Test connection": who am I, which owners can I see, how fast, and is my clock right.

use std::time::Duration;

use serde::Serialize;
use tc_client::{Client, signing};
use tc_model::messages::TIMESTAMP_WINDOW_SECS;
use tc_model::{Owner, User};

use crate::words;

/// How far this computer's clock is from ThreatConnect's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum SkewLevel {
    /// Well within the limit.
    Ok,
    /// Approaching the five-minute limit: requests will soon be refused.
    Warning,
    /// Beyond the limit: requests are refused.
    Critical,
}

/// Skew from which the app warns (two minutes: half-way to trouble, with room for drift).
pub const SKEW_WARNING_SECS: i64 = 120;

impl SkewLevel {
    /// The level for a skew of `secs` (either direction).
    pub fn for_skew(secs: i64) -> Self {
        match secs.abs() {
            s if s > TIMESTAMP_WINDOW_SECS => SkewLevel::Critical,
            s if s >= SKEW_WARNING_SECS => SkewLevel::Warning,
            _ => SkewLevel::Ok,
        }
    }
}

/// A sentence about the clock, or `None` when there is nothing to say. `secs` is the
/// server clock minus this computer's.
pub fn skew_message(secs: i64) -> Option<String> {
    let how_far = words::duration(secs.unsigned_abs());
    let direction = if secs > 0 { "behind" } else { "ahead of" };
    match SkewLevel::for_skew(secs) {
        SkewLevel::Ok => None,
        SkewLevel::Warning => Some(format!(
            "Your computer's clock is {how_far} {direction} ThreatConnect's. ThreatConnect refuses requests once the difference passes 5 minutes: set your clock to update automatically."
        )),
        SkewLevel::Critical => Some(format!(
            "Your computer's clock is {how_far} {direction} ThreatConnect's, more than the 5 minutes ThreatConnect allows, so it refuses every request. Set your clock to update automatically, then test again."
        )),
    }
}

/// What a successful check found.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionReport {
    pub user: User,
    pub owners: Vec<Owner>,
    /// Time for the `whoami` round trip.
    pub latency: Duration,
    /// Server clock minus this computer's, in whole seconds, when the server sent a date.
    pub clock_skew_secs: Option<i64>,
    pub skew_level: SkewLevel,
    pub skew_message: Option<String>,
    /// This build signs ThreatConnect's published example correctly.
    pub signing_self_test_passed: bool,
}

/// Why the check failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// This build does not sign the published example correctly: a defect in TC Bridge,
    /// not in the user's settings.
    #[error("request signing failed its self-test (computed {actual}, expected {expected})")]
    SigningBroken { expected: String, actual: String },
    /// ThreatConnect (or the network) said no. The self-test had passed, so an
    /// authentication failure points at the credentials, not at the signing.
    #[error(transparent)]
    Client(#[from] tc_client::Error),
}

/// Runs the signing self-test, then `whoami` and `owners`.
pub async fn check_connection(client: &Client) -> Result<ConnectionReport, CheckError> {
    let self_test = signing::self_test();
    if !self_test.passed {
        return Err(CheckError::SigningBroken {
            expected: self_test.expected.into(),
            actual: self_test.actual,
        });
    }
    let (user, meta) = client.whoami_with_meta().await?;
    let clock_skew_secs = meta.clock_skew_secs();
    let owners = client.owners().await?;
    let skew = clock_skew_secs.unwrap_or(0);
    Ok(ConnectionReport {
        user,
        owners,
        latency: meta.elapsed,
        clock_skew_secs,
        skew_level: SkewLevel::for_skew(skew),
        skew_message: skew_message(skew),
        signing_self_test_passed: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels() {
        assert_eq!(SkewLevel::for_skew(0), SkewLevel::Ok);
        assert_eq!(SkewLevel::for_skew(-119), SkewLevel::Ok);
        assert_eq!(SkewLevel::for_skew(120), SkewLevel::Warning);
        assert_eq!(SkewLevel::for_skew(-300), SkewLevel::Warning);
        assert_eq!(SkewLevel::for_skew(301), SkewLevel::Critical);
    }

    #[test]
    fn messages_say_which_way() {
        assert_eq!(skew_message(5), None);
        let behind = skew_message(220).unwrap();
        assert!(behind.contains("3 minutes 40 seconds behind"), "{behind}");
        let ahead = skew_message(-400).unwrap();
        assert!(ahead.contains("6 minutes 40 seconds ahead of"), "{ahead}");
        assert!(ahead.contains("refuses every request"), "{ahead}");
    }
}

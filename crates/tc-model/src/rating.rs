//! Threat Rating, Confidence Rating and ThreatAssess (`reference/threatconnect-api.md` §10).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::value::ValueError;

/// An indicator's Threat Rating (`rating`): 0 to 5 "skulls", decimals allowed (2.5).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct ThreatRating(f64);

impl ThreatRating {
    /// A rating from 0.0 to 5.0 inclusive.
    pub fn new(v: f64) -> Result<Self, ValueError> {
        if !v.is_finite() {
            return Err(ValueError::new(
                "The Threat Rating must be a number from 0 to 5.",
            ));
        }
        if !(0.0..=5.0).contains(&v) {
            return Err(ValueError::new(format!(
                "The Threat Rating must be from 0 to 5; {v} is outside that range."
            )));
        }
        // -0.0 would print as "-0".
        Ok(ThreatRating(v + 0.0))
    }

    /// The rating as a number.
    pub fn value(self) -> f64 {
        self.0
    }

    /// The whole-skull level at or below the value: 2.5 is Low Threat (2), 4.99 is High
    /// Threat (4). Rounding down never makes a rating sound worse than it was set.
    pub fn level(self) -> ThreatLevel {
        // The value is within 0..=5, so the floor is a valid level.
        let whole = self.0.floor().clamp(0.0, 5.0);
        ThreatLevel::ALL
            .into_iter()
            .rev()
            .find(|l| f64::from(l.value()) <= whole)
            .unwrap_or(ThreatLevel::Unknown)
    }
}

impl TryFrom<f64> for ThreatRating {
    type Error = ValueError;
    fn try_from(v: f64) -> Result<Self, ValueError> {
        ThreatRating::new(v)
    }
}

impl From<ThreatRating> for f64 {
    fn from(r: ThreatRating) -> f64 {
        r.0
    }
}

impl fmt::Display for ThreatRating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The named whole-skull levels of the Threat Rating (0–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThreatLevel {
    Unknown,
    Suspicious,
    Low,
    Moderate,
    High,
    Critical,
}

impl ThreatLevel {
    /// Every level, from 0 to 5.
    pub const ALL: [ThreatLevel; 6] = [
        ThreatLevel::Unknown,
        ThreatLevel::Suspicious,
        ThreatLevel::Low,
        ThreatLevel::Moderate,
        ThreatLevel::High,
        ThreatLevel::Critical,
    ];

    /// The number of skulls, 0–5.
    pub fn value(self) -> u8 {
        match self {
            ThreatLevel::Unknown => 0,
            ThreatLevel::Suspicious => 1,
            ThreatLevel::Low => 2,
            ThreatLevel::Moderate => 3,
            ThreatLevel::High => 4,
            ThreatLevel::Critical => 5,
        }
    }

    /// ThreatConnect's name for the level. The names of 4 and 5 follow ThreatConnect's
    /// guidance, but their exact wording is UNVERIFIED (§10.1).
    pub fn name(self) -> &'static str {
        match self {
            ThreatLevel::Unknown => "Unknown",
            ThreatLevel::Suspicious => "Suspicious",
            ThreatLevel::Low => "Low Threat",
            ThreatLevel::Moderate => "Moderate Threat",
            ThreatLevel::High => "High Threat",
            ThreatLevel::Critical => "Critical Threat",
        }
    }

    /// The level with this many skulls.
    pub fn from_value(v: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.value() == v)
    }
}

impl fmt::Display for ThreatLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An indicator's Confidence Rating (`confidence`): a whole number from 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Confidence(u8);

impl Confidence {
    /// A confidence from 0 to 100 inclusive.
    pub fn new(v: i64) -> Result<Self, ValueError> {
        match u8::try_from(v) {
            Ok(c) if c <= 100 => Ok(Confidence(c)),
            _ => Err(ValueError::new(format!(
                "The Confidence Rating must be a whole number from 0 to 100; {v} is outside that \
                 range."
            ))),
        }
    }

    /// The confidence as a number.
    pub fn value(self) -> u8 {
        self.0
    }

    /// The named band this confidence falls in.
    pub fn band(self) -> ConfidenceBand {
        ConfidenceBand::for_value(self.0)
    }
}

impl TryFrom<i64> for Confidence {
    type Error = ValueError;
    fn try_from(v: i64) -> Result<Self, ValueError> {
        Confidence::new(v)
    }
}

impl From<Confidence> for u8 {
    fn from(c: Confidence) -> u8 {
        c.0
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// ThreatConnect's named Confidence Rating bands.
///
/// The names are ThreatConnect's; the numeric boundaries (0 Unassessed, 1 Discredited, 2–29
/// Improbable, 30–49 Doubtful, 50–69 Possible, 70–89 Probable, 90–100 Confirmed) are the
/// commonly used table and are UNVERIFIED against a primary source (§10.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfidenceBand {
    Unassessed,
    Discredited,
    Improbable,
    Doubtful,
    Possible,
    Probable,
    Confirmed,
}

impl ConfidenceBand {
    /// Every band, lowest first.
    pub const ALL: [ConfidenceBand; 7] = [
        ConfidenceBand::Unassessed,
        ConfidenceBand::Discredited,
        ConfidenceBand::Improbable,
        ConfidenceBand::Doubtful,
        ConfidenceBand::Possible,
        ConfidenceBand::Probable,
        ConfidenceBand::Confirmed,
    ];

    /// The band's name.
    pub fn name(self) -> &'static str {
        match self {
            ConfidenceBand::Unassessed => "Unassessed",
            ConfidenceBand::Discredited => "Discredited",
            ConfidenceBand::Improbable => "Improbable",
            ConfidenceBand::Doubtful => "Doubtful",
            ConfidenceBand::Possible => "Possible",
            ConfidenceBand::Probable => "Probable",
            ConfidenceBand::Confirmed => "Confirmed",
        }
    }

    /// The lowest and highest confidence in the band, inclusive.
    pub fn range(self) -> (u8, u8) {
        match self {
            ConfidenceBand::Unassessed => (0, 0),
            ConfidenceBand::Discredited => (1, 1),
            ConfidenceBand::Improbable => (2, 29),
            ConfidenceBand::Doubtful => (30, 49),
            ConfidenceBand::Possible => (50, 69),
            ConfidenceBand::Probable => (70, 89),
            ConfidenceBand::Confirmed => (90, 100),
        }
    }

    /// The band of a confidence value; values above 100 count as Confirmed.
    pub fn for_value(v: u8) -> Self {
        Self::ALL
            .into_iter()
            .find(|b| v <= b.range().1)
            .unwrap_or(ConfidenceBand::Confirmed)
    }
}

impl fmt::Display for ConfidenceBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// ThreatAssess fields as v2 returns them (all read-only; never written by TC Bridge).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ThreatAssess {
    /// The current ThreatAssess metric; a 0–1000 scale (UNVERIFIED, §10.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assess_score: Option<i32>,
    /// Legacy rating, 0–5; v3 docs advise ignoring it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assess_rating: Option<f64>,
    /// Legacy confidence, 0–100; v3 docs advise ignoring it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat_assess_confidence: Option<f64>,
}

impl ThreatAssess {
    /// The band of the score, when there is one.
    pub fn band(&self) -> Option<ThreatAssessBand> {
        self.threat_assess_score.map(ThreatAssessBand::for_score)
    }
}

/// A five-step scale over the ThreatAssess score (0–199, 200–399, 400–599, 600–799,
/// 800–1000).
///
/// This is TC Bridge's own scale, for display: ThreatConnect publishes no named bands for the
/// score, and even its 0–1000 range is UNVERIFIED (§10.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThreatAssessBand {
    VeryLow,
    Low,
    Medium,
    High,
    Critical,
}

impl ThreatAssessBand {
    /// The band of a score; scores below 0 count as Very Low, above 1000 as Critical.
    pub fn for_score(score: i32) -> Self {
        match score {
            i32::MIN..=199 => ThreatAssessBand::VeryLow,
            200..=399 => ThreatAssessBand::Low,
            400..=599 => ThreatAssessBand::Medium,
            600..=799 => ThreatAssessBand::High,
            800..=i32::MAX => ThreatAssessBand::Critical,
        }
    }

    /// The band's name.
    pub fn name(self) -> &'static str {
        match self {
            ThreatAssessBand::VeryLow => "Very Low",
            ThreatAssessBand::Low => "Low",
            ThreatAssessBand::Medium => "Medium",
            ThreatAssessBand::High => "High",
            ThreatAssessBand::Critical => "Critical",
        }
    }
}

impl fmt::Display for ThreatAssessBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threat_rating_range_and_levels() {
        assert_eq!(ThreatRating::new(2.5).unwrap().level(), ThreatLevel::Low);
        assert_eq!(
            ThreatRating::new(0.0).unwrap().level(),
            ThreatLevel::Unknown
        );
        assert_eq!(ThreatRating::new(4.99).unwrap().level(), ThreatLevel::High);
        assert_eq!(
            ThreatRating::new(5.0).unwrap().level(),
            ThreatLevel::Critical
        );
        assert_eq!(
            ThreatRating::new(7.0).unwrap_err().reason,
            "The Threat Rating must be from 0 to 5; 7 is outside that range."
        );
        assert!(ThreatRating::new(-0.5).is_err());
        assert!(ThreatRating::new(f64::NAN).is_err());
        assert_eq!(ThreatRating::new(-0.0).unwrap().to_string(), "0");
    }

    #[test]
    fn threat_levels() {
        for (i, l) in ThreatLevel::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(l.value()), i);
            assert_eq!(ThreatLevel::from_value(l.value()), Some(l));
        }
        assert_eq!(ThreatLevel::from_value(6), None);
        assert_eq!(ThreatLevel::Moderate.name(), "Moderate Threat");
    }

    #[test]
    fn threat_rating_serde_is_a_number() {
        let r: ThreatRating = serde_json::from_str("3").unwrap();
        assert_eq!(r.value(), 3.0);
        assert_eq!(
            serde_json::to_string(&ThreatRating::new(2.5).unwrap()).unwrap(),
            "2.5"
        );
        let err = serde_json::from_str::<ThreatRating>("5.5").unwrap_err();
        assert!(err.to_string().contains("from 0 to 5"), "{err}");
    }

    #[test]
    fn confidence_range_bands_and_serde() {
        assert_eq!(
            Confidence::new(0).unwrap().band(),
            ConfidenceBand::Unassessed
        );
        assert_eq!(
            Confidence::new(1).unwrap().band(),
            ConfidenceBand::Discredited
        );
        assert_eq!(
            Confidence::new(29).unwrap().band(),
            ConfidenceBand::Improbable
        );
        assert_eq!(
            Confidence::new(30).unwrap().band(),
            ConfidenceBand::Doubtful
        );
        assert_eq!(
            Confidence::new(69).unwrap().band(),
            ConfidenceBand::Possible
        );
        assert_eq!(
            Confidence::new(70).unwrap().band(),
            ConfidenceBand::Probable
        );
        assert_eq!(
            Confidence::new(100).unwrap().band(),
            ConfidenceBand::Confirmed
        );
        assert_eq!(
            Confidence::new(101).unwrap_err().reason,
            "The Confidence Rating must be a whole number from 0 to 100; 101 is outside that \
             range."
        );
        assert!(Confidence::new(-1).is_err());
        let c: Confidence = serde_json::from_str("60").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "60");
        assert!(serde_json::from_str::<Confidence>("300").is_err());
    }

    #[test]
    fn confidence_bands_tile_0_to_100() {
        let mut next = 0u16;
        for b in ConfidenceBand::ALL {
            let (lo, hi) = b.range();
            assert_eq!(
                u16::from(lo),
                next,
                "{b} starts where the previous band ended"
            );
            assert!(lo <= hi);
            for v in lo..=hi {
                assert_eq!(ConfidenceBand::for_value(v), b);
            }
            next = u16::from(hi) + 1;
        }
        assert_eq!(next, 101);
    }

    #[test]
    fn threat_assess_bands_and_serde() {
        assert_eq!(ThreatAssessBand::for_score(-5), ThreatAssessBand::VeryLow);
        assert_eq!(ThreatAssessBand::for_score(199), ThreatAssessBand::VeryLow);
        assert_eq!(ThreatAssessBand::for_score(200), ThreatAssessBand::Low);
        assert_eq!(ThreatAssessBand::for_score(410), ThreatAssessBand::Medium);
        assert_eq!(ThreatAssessBand::for_score(799), ThreatAssessBand::High);
        assert_eq!(ThreatAssessBand::for_score(833), ThreatAssessBand::Critical);
        assert_eq!(ThreatAssessBand::VeryLow.name(), "Very Low");
        let ta: ThreatAssess = serde_json::from_str(
            r#"{"threatAssessScore":410,"threatAssessRating":3.0,"threatAssessConfidence":70.0}"#,
        )
        .unwrap();
        assert_eq!(ta.band(), Some(ThreatAssessBand::Medium));
        assert_eq!(
            serde_json::to_string(&ThreatAssess::default()).unwrap(),
            "{}"
        );
    }
}

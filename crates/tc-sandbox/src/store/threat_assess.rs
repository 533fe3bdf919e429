//! The sandbox's ThreatAssess model. ThreatConnect computes ThreatAssess on the instance
//! from everything known about an indicator across owners; its formula is not published.
//! The sandbox uses this documented, deterministic stand-in, so tests and demos can rely
//! on the numbers:
//!
//! - `threatAssessRating` = the highest Threat Rating any owner gives the value (0 when none);
//! - `threatAssessConfidence` = the mean Confidence of the owners that set one (0 when none);
//! - `threatAssessScore` (0–1000) = 1000 × threat × certainty × activity × doubt, rounded, where
//!   threat = rating / 5, certainty = 0.4 + 0.6 × confidence / 100,
//!   activity = min(1, 0.5 + 0.1 × ln(1 + observations)), doubt = 0.75 ^ false positives.

use rusqlite::{Connection, params};
use tc_model::IndicatorType;

use super::StoreResult;

/// The score for these inputs (see the module text).
pub fn score(rating: f64, confidence: f64, observations: i64, false_positives: i64) -> i64 {
    let threat = (rating / 5.0).clamp(0.0, 1.0);
    let certainty = 0.4 + 0.6 * (confidence / 100.0).clamp(0.0, 1.0);
    let activity = (0.5 + 0.1 * ((1 + observations.max(0)) as f64).ln()).min(1.0);
    let doubt = 0.75_f64.powi(false_positives.clamp(0, 1000) as i32);
    (1000.0 * threat * certainty * activity * doubt)
        .round()
        .clamp(0.0, 1000.0) as i64
}

/// Recomputes the ThreatAssess fields of every owner's copy of one value.
pub fn refresh(conn: &Connection, ty: IndicatorType, summary: &str) -> StoreResult<()> {
    let (rating, confidence, observations, false_positives): (Option<f64>, Option<f64>, i64, i64) = conn
        .prepare_cached(
            "SELECT MAX(rating), AVG(confidence), COALESCE(SUM(observation_count), 0), \
             COALESCE(SUM(false_positive_count), 0) FROM indicators WHERE type = ?1 AND summary = ?2",
        )?
        .query_row(params![ty.name(), summary], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let rating = rating.unwrap_or(0.0);
    let confidence = confidence.unwrap_or(0.0);
    conn.prepare_cached(
        "UPDATE indicators SET ta_score = ?3, ta_rating = ?4, ta_confidence = ?5 WHERE type = ?1 AND summary = ?2",
    )?
    .execute(params![
        ty.name(),
        summary,
        score(rating, confidence, observations, false_positives),
        rating,
        (confidence * 100.0).round() / 100.0
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn the_documented_model() {
        assert_eq!(score(0.0, 100.0, 1000, 0), 0, "unrated means no threat");
        assert_eq!(score(5.0, 100.0, 200, 0), 1000);
        assert_eq!(score(3.0, 60.0, 0, 0), 228);
        assert!(
            score(3.0, 60.0, 10, 0) > score(3.0, 60.0, 0, 0),
            "observations raise it"
        );
        assert!(
            score(3.0, 60.0, 0, 1) < score(3.0, 60.0, 0, 0),
            "false positives lower it"
        );
        assert!(
            score(4.0, 90.0, 0, 0) > score(4.0, 30.0, 0, 0),
            "confidence raises it"
        );
    }
}

//! A small request-rate limiter shared by a client and its clones.
//!
//! Requests are spaced evenly: with `n` requests per second, each one gets the next free
//! slot `1/n` seconds after the previous one, and waits for it with a timer (no busy
//! waiting). No bursts: a client that was idle still starts its next request at most one
//! interval after the last one. A request whose future is dropped while waiting keeps its
//! slot (the next one simply starts an interval later), which never breaks the limit.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, Result};

/// Spaces requests `interval` apart.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Duration,
    /// The earliest time the next request may start.
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// A limiter for `per_second` requests per second (finite and above zero).
    pub fn new(per_second: f64) -> Result<Self> {
        if !per_second.is_finite() || per_second <= 0.0 {
            return Err(Error::Config(format!(
                "max_requests_per_second must be a number above zero, not {per_second}"
            )));
        }
        Ok(RateLimiter {
            interval: Duration::from_secs_f64(1.0 / per_second),
            next: Mutex::new(None),
        })
    }

    /// Reserves the next slot at or after `now` and returns when it starts.
    pub fn reserve(&self, now: Instant) -> Instant {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let slot = match *next {
            Some(n) if n > now => n,
            _ => now,
        };
        *next = Some(slot + self.interval);
        slot
    }

    /// Waits for the next slot.
    pub async fn acquire(&self) {
        let slot = self.reserve(Instant::now());
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_spaced_evenly_and_idle_time_is_not_banked() {
        let limiter = RateLimiter::new(4.0).unwrap();
        let t0 = Instant::now();
        let quarter = Duration::from_millis(250);
        assert_eq!(limiter.reserve(t0), t0, "the first request goes at once");
        assert_eq!(limiter.reserve(t0), t0 + quarter);
        assert_eq!(limiter.reserve(t0), t0 + 2 * quarter);
        // After a long pause the next request goes at once, but only one: no burst.
        let later = t0 + Duration::from_secs(10);
        assert_eq!(limiter.reserve(later), later);
        assert_eq!(limiter.reserve(later), later + quarter);
    }

    #[test]
    fn unusable_rates_are_refused() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(
                matches!(RateLimiter::new(bad), Err(Error::Config(_))),
                "{bad} accepted"
            );
        }
    }
}

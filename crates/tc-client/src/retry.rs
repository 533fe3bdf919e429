//! Retries with exponential backoff and full jitter (`reference/threatconnect-api.md` §9).
//!
//! What is retried: connection failures, `429 Too Many Requests` (after its `Retry-After`)
//! and `500`/`502`/`503`/`504` — and only where sending the request again cannot duplicate
//! data:
//!
//! - `GET`, `PUT` and `DELETE` always (they are idempotent by definition);
//! - `POST` only for calls the client marks idempotent (creating an indicator is an upsert by
//!   value; applying a tag, a label or an association twice changes nothing; creating a group
//!   with an `xid` is an upsert by xid). Adding observations, creating a group without an
//!   xid and creating an attribute are never retried once the request may have reached the
//!   server;
//! - any request whose connection could not even be opened (nothing was sent).
//!
//! Authentication failures (401, 403), other 4xx and decode errors are never retried.
//!
//! The decisions are pure functions ([`RetryPolicy::backoff`], [`RetryPolicy::delay`],
//! [`parse_retry_after`]); the crate-private loop takes its sleeper and its random source
//! as arguments, so it is tested without sleeping for real.

use std::future::Future;
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result};

/// How often and how patiently to retry. `max_retries = 0` turns retries off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 4, so at most 5 attempts).
    pub max_retries: u32,
    /// The first backoff ceiling; it doubles with each retry (default 250 ms).
    pub base_delay: Duration,
    /// The longest wait between two attempts (default 10 s). A `Retry-After` longer than
    /// this is not shortened: the call gives up and returns the 429/503 instead.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The backoff before retry number `retry` (0-based) with full jitter: `unit` (a uniform
    /// draw from `[0, 1)`) times `min(max_delay, base_delay × 2^retry)`.
    pub fn backoff(&self, retry: u32, unit: f64) -> Duration {
        let factor = 2f64.powi(retry.min(62) as i32);
        let ceiling = (self.base_delay.as_secs_f64() * factor).min(self.max_delay.as_secs_f64());
        Duration::from_secs_f64((ceiling * unit.clamp(0.0, 1.0)).max(0.0))
    }

    /// How long to wait before retry number `retry` (0-based), or `None` to give up: when
    /// the retries are used up, or when the server's `Retry-After` asks for longer than
    /// `max_delay`. A `Retry-After` is honoured as given, never shortened.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, unit: f64) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(wait) if wait > self.max_delay => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(retry, unit)),
        }
    }
}

/// Reads a `Retry-After` header: delay-seconds (`"120"`) or an HTTP date, relative to `now`.
/// A date in the past means "now" (zero).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The HTTP statuses worth another attempt.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// When a failed attempt may be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Retry {
    /// Never (auth failures, 4xx, decode errors, cancellation).
    Never,
    /// Only when the call is idempotent: the request may have reached the server.
    IfIdempotent { retry_after: Option<Duration> },
    /// Always: the connection was never opened, so nothing was sent.
    NotSent,
}

/// A failed attempt and whether it may be repeated.
#[derive(Debug)]
pub(crate) struct Failure {
    pub error: Error,
    pub retry: Retry,
}

impl Failure {
    pub fn final_(error: Error) -> Self {
        Failure {
            error,
            retry: Retry::Never,
        }
    }
}

/// Runs `attempt` (given the 0-based attempt number) until it succeeds, fails for good, or
/// the policy gives up. `sleep` waits between attempts (and may fail with
/// [`Error::Cancelled`]); `unit` draws the jitter in `[0, 1)`.
pub(crate) async fn run<T, A, AF, S, SF>(
    policy: &RetryPolicy,
    idempotent: bool,
    mut attempt: A,
    mut sleep: S,
    mut unit: impl FnMut() -> f64,
) -> Result<T>
where
    A: FnMut(u32) -> AF,
    AF: Future<Output = std::result::Result<T, Failure>>,
    S: FnMut(Duration) -> SF,
    SF: Future<Output = Result<()>>,
{
    let mut retry = 0u32;
    loop {
        let failure = match attempt(retry).await {
            Ok(value) => return Ok(value),
            Err(failure) => failure,
        };
        let retry_after = match failure.retry {
            Retry::Never => return Err(failure.error),
            Retry::IfIdempotent { .. } if !idempotent => return Err(failure.error),
            Retry::IfIdempotent { retry_after } => retry_after,
            Retry::NotSent => None,
        };
        let Some(wait) = policy.delay(retry, retry_after, unit()) else {
            return Err(failure.error);
        };
        tracing::warn!(
            retry = retry + 1,
            of = policy.max_retries,
            wait_ms = wait.as_millis() as u64,
            error = %failure.error,
            "ThreatConnect call failed; retrying"
        );
        sleep(wait).await?;
        retry += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::sync::Mutex;

    fn policy() -> RetryPolicy {
        RetryPolicy::default()
    }

    #[test]
    fn backoff_doubles_up_to_the_ceiling_with_full_jitter() {
        let p = policy();
        // The top of the jitter range doubles: 250 ms, 500 ms, 1 s, 2 s, ... capped at 10 s.
        let top = |n| p.backoff(n, 1.0);
        assert_eq!(top(0), Duration::from_millis(250));
        assert_eq!(top(1), Duration::from_millis(500));
        assert_eq!(top(2), Duration::from_secs(1));
        assert_eq!(top(3), Duration::from_secs(2));
        assert_eq!(top(6), Duration::from_secs(10), "capped at max_delay");
        assert_eq!(
            top(200),
            Duration::from_secs(10),
            "no overflow on huge counts"
        );
        // Full jitter: anywhere from zero to the ceiling.
        assert_eq!(p.backoff(3, 0.0), Duration::ZERO);
        assert_eq!(p.backoff(3, 0.5), Duration::from_secs(1));
    }

    #[test]
    fn delay_honours_retry_after_and_gives_up_when_asked_for_too_long() {
        let p = policy();
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(1)), 0.0),
            Some(Duration::from_secs(1)),
            "Retry-After is honoured as given, not jittered down"
        );
        assert_eq!(
            p.delay(0, Some(Duration::from_secs(11)), 0.3),
            None,
            "longer than max_delay: give up instead of retrying early"
        );
        assert_eq!(p.delay(3, None, 1.0), Some(Duration::from_secs(2)));
        assert_eq!(p.delay(4, None, 1.0), None, "four retries, then stop");
        assert_eq!(RetryPolicy::none().delay(0, None, 1.0), None, "off");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(30))
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse_retry_after(&past, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn only_throttling_and_server_errors_are_retryable_statuses() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s), "{s} should be retried");
        }
        for s in [200, 400, 401, 403, 404, 501, 505] {
            assert!(!is_retryable_status(s), "{s} must not be retried");
        }
    }

    /// Runs the loop over scripted outcomes; returns the result, the attempts made and the
    /// waits asked for. Nothing sleeps.
    fn drive(
        policy: RetryPolicy,
        idempotent: bool,
        script: Vec<std::result::Result<&'static str, Failure>>,
    ) -> (Result<&'static str>, u32, Vec<Duration>) {
        let script = RefCell::new(script.into_iter());
        let attempts = RefCell::new(0u32);
        let waits = Mutex::new(Vec::new());
        let outcome = futures_util::FutureExt::now_or_never(run(
            &policy,
            idempotent,
            |_| {
                *attempts.borrow_mut() += 1;
                let next = script.borrow_mut().next().expect("script long enough");
                async move { next }
            },
            |d| {
                waits.lock().unwrap().push(d);
                async { Ok(()) }
            },
            || 1.0,
        ))
        .expect("no real waiting");
        (outcome, attempts.into_inner(), waits.into_inner().unwrap())
    }

    fn unavailable() -> Failure {
        Failure {
            error: Error::Api {
                status: 503,
                message: "busy".into(),
            },
            retry: Retry::IfIdempotent { retry_after: None },
        }
    }

    #[test]
    fn idempotent_calls_retry_until_success_with_growing_waits() {
        let (out, attempts, waits) = drive(
            policy(),
            true,
            vec![Err(unavailable()), Err(unavailable()), Ok("done")],
        );
        assert_eq!(out, Ok("done"));
        assert_eq!(attempts, 3);
        assert_eq!(
            waits,
            vec![Duration::from_millis(250), Duration::from_millis(500)]
        );
    }

    #[test]
    fn non_idempotent_calls_are_not_retried_once_sent() {
        let (out, attempts, waits) = drive(policy(), false, vec![Err(unavailable())]);
        assert_eq!(out.unwrap_err().status(), Some(503));
        assert_eq!((attempts, waits.len()), (1, 0));
    }

    #[test]
    fn unsent_requests_are_retried_even_when_not_idempotent() {
        let refused = || Failure {
            error: Error::Network("Connection refused".into()),
            retry: Retry::NotSent,
        };
        let (out, attempts, _) = drive(policy(), false, vec![Err(refused()), Ok("sent")]);
        assert_eq!((out, attempts), (Ok("sent"), 2));
    }

    #[test]
    fn auth_failures_are_never_retried() {
        let denied = Failure::final_(Error::AuthRejected {
            status: 401,
            message: "Unauthorized".into(),
        });
        let (out, attempts, _) = drive(policy(), true, vec![Err(denied)]);
        assert!(matches!(out, Err(Error::AuthRejected { .. })));
        assert_eq!(attempts, 1);
    }

    #[test]
    fn gives_up_after_max_retries_with_the_last_error() {
        let p = RetryPolicy {
            max_retries: 2,
            ..policy()
        };
        let (out, attempts, waits) = drive(
            p,
            true,
            vec![Err(unavailable()), Err(unavailable()), Err(unavailable())],
        );
        assert_eq!(out.unwrap_err().status(), Some(503));
        assert_eq!((attempts, waits.len()), (3, 2));
    }

    #[test]
    fn throttled_calls_wait_what_the_server_asked() {
        let throttled = Failure {
            error: Error::Api {
                status: 429,
                message: "slow down".into(),
            },
            retry: Retry::IfIdempotent {
                retry_after: Some(Duration::from_secs(3)),
            },
        };
        let (out, _, waits) = drive(policy(), true, vec![Err(throttled), Ok("ok")]);
        assert_eq!(out, Ok("ok"));
        assert_eq!(waits, vec![Duration::from_secs(3)]);
    }

    #[test]
    fn a_cancelled_sleep_ends_the_loop() {
        let outcome = futures_util::FutureExt::now_or_never(run(
            &policy(),
            true,
            |_| async { Err::<(), _>(unavailable()) },
            |_| async { Err(Error::Cancelled) },
            || 0.5,
        ))
        .unwrap();
        assert_eq!(outcome, Err(Error::Cancelled));
    }
}

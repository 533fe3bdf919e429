//! Signed requests and an async client for the ThreatConnect v2 API.
//!
//! What belongs here: request signing as pure functions ([`signing`]), the redacting
//! [`SecretString`], base URL rules ([`BaseUrl`]) and the [`Client`] with typed operations
//! and typed errors. What does not: UI, storage, or anything that needs Tauri.
//!
//! # Operations
//!
//! Every data call names its owner explicitly (`owner: &str`, sent as `?owner=<name>`):
//! ThreatConnect would otherwise use the API user's own Organization, and TC Bridge never
//! relies on that. The calls are grouped by area: [`indicators`], [`groups`], [`tags`],
//! [`attributes`], [`labels`], [`associations`] and [`types`]. Items that tags, attributes,
//! labels and associations hang on are named with an [`ItemRef`]. Indicator values are
//! validated with the model's rules before anything is sent and travel in paths as one fully
//! percent-encoded segment; the URL that is signed is the URL that is sent.
//!
//! # Lists
//!
//! Lists come one page at a time (`list_*`, a [`Page`]) or as a [`Paged`] stream of items
//! over `resultStart`/`resultLimit` (pages of up to 10,000, the default), configured with
//! [`ListOptions`] and [`Filters`]. The stream stops after the first short page and never
//! relies on `resultCount`, which only the first page carries; that first count is
//! [`Paged::total`].
//!
//! # Retries and rate limit
//!
//! Failed calls are retried with exponential backoff and full jitter ([`RetryPolicy`] in
//! [`ClientConfig`]) on connection errors, 429 (after its `Retry-After`) and 500/502/503/504,
//! only where a retry cannot duplicate data: `GET`/`PUT`/`DELETE` always, `POST` only for
//! calls that are idempotent in ThreatConnect (see [`retry`]). Authentication failures are
//! never retried. [`ClientConfig::max_requests_per_second`] spaces requests evenly across a
//! client and all its clones.
//!
//! # Cancellation
//!
//! Every call is a future: dropping it abandons the request. For long jobs — a pull of
//! hundreds of thousands of indicators, an import — the client also takes a
//! [`CancellationToken`]: [`Client::with_cancellation`] returns a clone of the client bound to
//! the token. Once the token is cancelled, every call made through that clone stops with
//! [`Error::Cancelled`] wherever it is — waiting for a rate-limit slot, waiting between
//! retries, or in the middle of an HTTP exchange — and its [`Paged`] streams yield one
//! `Error::Cancelled` and end. A UI gives each job its own token (or a child of a
//! window-wide one) and cancels it from its Cancel button; nothing else needs to be threaded
//! through the calls.

pub mod associations;
pub mod attributes;
pub mod base_url;
pub mod batch;
pub mod client;
pub mod credentials;
pub mod error;
pub mod filters;
pub mod groups;
pub mod indicators;
pub mod labels;
pub mod paging;
pub mod path;
mod rate_limit;
pub mod retry;
pub mod secret;
pub mod signing;
pub mod tags;
pub mod types;

pub use attributes::{AttributeUpdate, NewAttribute};
pub use base_url::{BaseUrl, BaseUrlError};
pub use batch::{BatchProgress, JobReport, PollSchedule};
pub use client::{
    ApiRequest, ApiResponse, Client, ClientConfig, Clock, RawBody, ResponseMeta, TlsConfig,
};
pub use credentials::Credentials;
pub use error::{Error, Result};
pub use filters::{Condition, Filters, Includes, ListOptions, MAX_PAGE_SIZE, Op};
pub use groups::{GroupUpdate, NewGroup};
pub use indicators::{IndicatorOwner, IndicatorUpdate, NewIndicator};
pub use paging::{Page, Paged};
pub use path::{ApiPath, ItemRef};
pub use retry::RetryPolicy;
pub use secret::SecretString;
pub use tokio_util::sync::CancellationToken;

//! The v2 API under `/api`, behind authentication. Paths are matched on their raw,
//! percent-encoded segments and decoded afterwards, so a URL indicator's `%2F` never splits
//! a segment (quirk 7).

mod associations;
mod batch;
mod catalog;
mod groups;
mod indicators;
mod items;
mod render;
mod request;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tc_model::{OwnerList, OwnerSingle, WhoAmI, messages};

use crate::auth::verify_request;
use crate::reply::{failure, success};
use crate::state::SandboxState;

use request::{Reply, Req, not_found};

type Shared = Arc<SandboxState>;

/// Largest request body accepted, in bytes (batch uploads are limited separately).
const MAX_BODY: usize = 64 * 1024 * 1024;

pub fn app(state: Shared) -> Router {
    Router::new()
        .fallback(dispatch)
        .layer(DefaultBodyLimit::disable())
        .layer(middleware::from_fn_with_state(state.clone(), faults))
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .layer(middleware::from_fn_with_state(state.clone(), server_date))
        .with_state(state)
}

/// Verifies credentials against the raw request-target, before anything decodes it.
async fn authenticate(State(state): State<Shared>, request: Request, next: Next) -> Response {
    let target = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
    match verify_request(
        &state.config,
        request.method().as_str(),
        target,
        request.headers(),
        state.now_unix(),
    ) {
        Ok(()) => next.run(request).await,
        Err(rejection) => {
            tracing::debug!(
                target,
                message = rejection.message,
                "sandbox refused a request"
            );
            failure(rejection.status, rejection.message)
        }
    }
}

/// Fault injection for tests and demos, after authentication and before anything is done:
/// a refused request changed nothing, so retrying it can neither lose nor duplicate data.
async fn faults(State(state): State<Shared>, request: Request, next: Next) -> Response {
    if let Some(wait) = state.over_rate_limit() {
        let mut response = failure(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests: slow down and retry after the time given in Retry-After",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return response;
    }
    if state.should_fail() {
        return failure(StatusCode::INTERNAL_SERVER_ERROR, messages::UNKNOWN_ERROR);
    }
    next.run(request).await
}

/// Sets `Date` from the sandbox clock (which may be offset), so clients can measure skew,
/// after the configured latency.
async fn server_date(State(state): State<Shared>, request: Request, next: Next) -> Response {
    if state.config.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(state.config.latency_ms)).await;
    }
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(state.now())) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

/// Every request lands here; the v2 tree is matched by hand on raw segments.
async fn dispatch(
    State(state): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Read the body here (not with an extractor) so an oversized one gets ThreatConnect's
    // failure envelope rather than a plain-text 413.
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        return failure(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "The request body is larger than the limit of {} MB",
                MAX_BODY / (1024 * 1024)
            ),
        );
    };
    let Some(rest) = uri.path().strip_prefix("/api/v2/") else {
        return failure(StatusCode::NOT_FOUND, messages::RESOURCE_NOT_FOUND);
    };
    let segments: Vec<String> = rest
        .trim_end_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect();
    let params = url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let req = Req {
        method,
        segments,
        params,
        body,
        content_type,
    };
    // SQLite work is short but blocking: keep it off the async workers.
    let reply = tokio::task::spawn_blocking(move || route(&state, &req)).await;
    match reply {
        Ok(Ok(response)) => response,
        Ok(Err(fail)) => fail.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "sandbox handler stopped");
            failure(StatusCode::INTERNAL_SERVER_ERROR, messages::UNKNOWN_ERROR)
        }
    }
}

fn route(state: &Shared, req: &Req) -> Reply {
    let segments = req.segments.as_slice();
    match (&req.method, segments) {
        (&Method::GET, [w]) if w == "whoami" => Ok(success(WhoAmI {
            user: state.api_user(),
        })),
        (&Method::GET, [o, rest @ ..]) if o == "owners" => owners(state, req, rest),
        (_, [i, rest @ ..]) if i == "indicators" => indicators::handle(state, req, rest),
        (_, [g, rest @ ..]) if g == "groups" => groups::handle(state, req, rest),
        (_, [t, rest @ ..]) if t == "tags" => catalog::tags(state, req, rest),
        (_, [l, rest @ ..]) if l == "securityLabels" => catalog::labels(state, req, rest),
        (_, [t, rest @ ..]) if t == "types" => catalog::types(state, req, rest),
        (_, [b, rest @ ..]) if b == "batch" => batch::handle(state, req, rest),
        _ => Err(not_found()),
    }
}

/// `/v2/owners`, `/v2/owners/mine`, `/v2/owners/{id}` (§4).
fn owners(state: &SandboxState, req: &Req, rest: &[String]) -> Reply {
    let all = state.store.owners()?;
    match rest {
        [] => {
            let query = req.list_query()?;
            // resultCount is the total, and only the first page carries it (quirk 2).
            let result_count = (query.start == 0).then_some(all.len() as u64);
            let owner = all
                .into_iter()
                .skip(query.start)
                .take(query.limit)
                .collect();
            Ok(success(OwnerList {
                result_count,
                owner,
            }))
        }
        [mine] if mine == "mine" => Ok(success(OwnerSingle {
            result_count: Some(1),
            owner: state.default_owner()?,
        })),
        // UNVERIFIED: ThreatConnect's answer for an unknown owner id; a missing item is a
        // 404 with the generic not-found message everywhere else in v2.
        [id] => {
            let owner = id
                .parse::<i64>()
                .ok()
                .and_then(|id| all.into_iter().find(|o| o.id == id))
                .ok_or_else(not_found)?;
            Ok(success(OwnerSingle {
                result_count: Some(1),
                owner,
            }))
        }
        _ => Err(not_found()),
    }
}

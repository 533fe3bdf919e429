//! The v2 endpoints, mounted under `/api`, behind authentication.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use tc_model::{OwnerList, OwnerSingle, WhoAmI, messages};

use crate::auth::verify_request;
use crate::reply::{failure, success};
use crate::state::SandboxState;

type Shared = Arc<SandboxState>;

/// Largest `resultLimit` ThreatConnect serves (§3.2).
const MAX_RESULT_LIMIT: usize = 10_000;
/// `resultLimit` when none is given (§3.2).
const DEFAULT_RESULT_LIMIT: usize = 100;

pub fn app(state: Shared) -> Router {
    let v2 = Router::new()
        .route("/v2/whoami", get(whoami))
        .route("/v2/owners", get(owners))
        .route("/v2/owners/mine", get(owner_mine))
        .route("/v2/owners/{id}", get(owner_by_id));
    Router::new()
        .nest("/api", v2)
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
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

async fn not_found() -> Response {
    failure(StatusCode::NOT_FOUND, messages::RESOURCE_NOT_FOUND)
}

async fn whoami(State(state): State<Shared>) -> Response {
    success(WhoAmI {
        user: state.api_user(),
    })
}

async fn owners(State(state): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let (start, limit) = match paging(query.as_deref()) {
        Ok(p) => p,
        Err(message) => return failure(StatusCode::BAD_REQUEST, message),
    };
    let page = state
        .owners
        .iter()
        .skip(start)
        .take(limit)
        .cloned()
        .collect();
    // resultCount is the total, and only the first page carries it (quirk 2).
    let result_count = (start == 0).then_some(state.owners.len() as u64);
    success(OwnerList {
        result_count,
        owner: page,
    })
}

async fn owner_mine(State(state): State<Shared>) -> Response {
    success(OwnerSingle {
        result_count: Some(1),
        owner: state.own_organization().clone(),
    })
}

async fn owner_by_id(State(state): State<Shared>, Path(id): Path<String>) -> Response {
    // UNVERIFIED: ThreatConnect's answer for an unknown owner id; a missing item is a 404
    // with the generic not-found message everywhere else in v2.
    let found = id
        .parse::<i64>()
        .ok()
        .and_then(|id| state.owners.iter().find(|o| o.id == id));
    match found {
        Some(owner) => success(OwnerSingle {
            result_count: Some(1),
            owner: owner.clone(),
        }),
        None => failure(StatusCode::NOT_FOUND, messages::RESOURCE_NOT_FOUND),
    }
}

const PAGING_MESSAGE: &str = "The resultStart and resultLimit query parameters must be integers and the maximum value for resultLimit is 10000";

/// Reads `resultStart` and `resultLimit` (§3.2).
fn paging(query: Option<&str>) -> Result<(usize, usize), &'static str> {
    let mut start = 0;
    let mut limit = DEFAULT_RESULT_LIMIT;
    for (key, value) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "resultStart" => start = value.trim().parse().map_err(|_| PAGING_MESSAGE)?,
            "resultLimit" => {
                limit = value.trim().parse().map_err(|_| PAGING_MESSAGE)?;
                if limit > MAX_RESULT_LIMIT {
                    return Err(PAGING_MESSAGE);
                }
            }
            _ => {}
        }
    }
    Ok((start, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_and_limits() {
        assert_eq!(paging(None), Ok((0, 100)));
        assert_eq!(
            paging(Some("resultStart=5&resultLimit=10000")),
            Ok((5, 10_000))
        );
        assert_eq!(paging(Some("resultLimit=10001")), Err(PAGING_MESSAGE));
        assert_eq!(paging(Some("resultStart=-1")), Err(PAGING_MESSAGE));
        assert_eq!(paging(Some("resultStart=abc")), Err(PAGING_MESSAGE));
    }
}

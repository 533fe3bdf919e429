//! ThreatConnect-shaped responses.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tc_model::Envelope;

/// `{"status":"Success","data":...}` with 200.
pub fn success<T: Serialize>(data: T) -> Response {
    (StatusCode::OK, Json(Envelope::success(data))).into_response()
}

/// `{"status":"Failure","message":...}` with `status`.
pub fn failure(status: StatusCode, message: &str) -> Response {
    (status, Json(Envelope::failure(message))).into_response()
}

/// The failure envelope for a store error: 404, 400 or 500 with ThreatConnect's wording.
pub fn store_failure(e: &crate::store::StoreError) -> Response {
    use crate::store::StoreError;
    match e {
        StoreError::NotFound(message) => failure(StatusCode::NOT_FOUND, message),
        StoreError::Invalid(message) => failure(StatusCode::BAD_REQUEST, message),
        StoreError::Internal(detail) => {
            tracing::error!(detail, "sandbox storage failed");
            failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                tc_model::messages::UNKNOWN_ERROR,
            )
        }
    }
}

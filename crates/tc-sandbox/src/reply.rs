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

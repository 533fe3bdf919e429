//! `/v2/batch` (`reference/threatconnect-api.md` §8): create a job, upload its document
//! (or both at once as multipart), poll its status, read its errors (gzip).

use std::io::Write;
use std::sync::Arc;

use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::{Value, json};
use tc_model::batch::BatchConfig;

use crate::jobs::{Job, JobStatus};
use crate::reply::failure;
use crate::state::SandboxState;
use crate::store::batch::{self, MAX_INDICATORS};

use super::request::{Fail, Reply, Req, bad_request, not_found, ok_single};

/// Jobs with at most this many items are processed inside the createAndUpload call, like
/// ThreatConnect's `synchronousBatchSaveLimit`.
const SYNCHRONOUS_LIMIT: usize = 500;

fn invalid(status: StatusCode, description: &str) -> Fail {
    Fail::new(
        (
            status,
            axum::Json(json!({"status": "Invalid", "description": description})),
        )
            .into_response(),
    )
}

pub fn handle(state: &Arc<SandboxState>, req: &Req, rest: &[String]) -> Reply {
    match (&req.method, rest) {
        (&Method::POST, []) => {
            let config = config(state, &req.body)?;
            let id = state.jobs.create(config);
            Ok(ok_single(StatusCode::CREATED, "batchId", json!(id)))
        }
        (&Method::POST, [c]) if c == "createAndUpload" => create_and_upload(state, req),
        (&Method::POST, [id]) => {
            let job = job(state, id)?;
            if job.status != JobStatus::Created {
                return Err(bad_request("This batch job already has its data"));
            }
            let doc = document(state, &req.body)?;
            state.jobs.set_status(job.id, JobStatus::Queued);
            let state = Arc::clone(state);
            std::thread::spawn(move || run(&state, &job, &doc));
            Ok((
                StatusCode::ACCEPTED,
                axum::Json(json!({"status": "Queued"})),
            )
                .into_response())
        }
        (&Method::GET, [id]) => {
            let job = job(state, id)?;
            Ok(status_reply(&job, req.embed().additional))
        }
        (&Method::GET, [id, e]) if e == "errors" => errors(state, id),
        _ => Err(not_found()),
    }
}

fn job(state: &SandboxState, id: &str) -> Result<Job, Fail> {
    id.parse()
        .ok()
        .and_then(|id| state.jobs.get(id))
        .ok_or_else(not_found)
}

/// The job configuration; the owner must exist.
fn config(state: &SandboxState, body: &[u8]) -> Result<BatchConfig, Fail> {
    let config: BatchConfig = serde_json::from_slice(body).map_err(|e| {
        bad_request(format!("The batch job configuration is not valid: {e}. owner, haltOnError, action and attributeWriteType are required"))
    })?;
    if state.store.owner_by_name(&config.owner)?.is_none() {
        return Err(Fail::new(failure(
            StatusCode::FORBIDDEN,
            tc_model::messages::OWNER_NOT_FOUND,
        )));
    }
    Ok(config)
}

/// The upload document, within the size and indicator limits.
fn document(state: &SandboxState, body: &[u8]) -> Result<Value, Fail> {
    let max = state.config.batch_max_bytes;
    if body.len() > max {
        return Err(invalid(
            StatusCode::BAD_REQUEST,
            &format!("File size greater than allowable limit of {max}"),
        ));
    }
    let doc: Value = serde_json::from_slice(body)
        .map_err(|_| bad_request("The batch document is not valid JSON"))?;
    if !doc.is_object() {
        return Err(bad_request(
            "The batch document must be a JSON object with indicator, group and association arrays",
        ));
    }
    let n = batch::indicator_count(&doc);
    if n > MAX_INDICATORS {
        return Err(invalid(
            StatusCode::BAD_REQUEST,
            &format!("A batch job may hold at most {MAX_INDICATORS} indicators; this one has {n}"),
        ));
    }
    Ok(doc)
}

/// Processes a queued job to completion.
fn run(state: &SandboxState, job: &Job, doc: &Value) {
    state.jobs.set_status(job.id, JobStatus::Running);
    let outcome = match state.store.owner_by_name(&job.config.owner) {
        Ok(Some(owner)) => batch::process(
            &mut state.store.conn(),
            &owner,
            &job.config,
            doc,
            state.now_unix(),
        ),
        Ok(None) => Err(crate::store::StoreError::Invalid(
            "the owner disappeared".into(),
        )),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(outcome) => state.jobs.complete(job.id, outcome),
        Err(e) => {
            tracing::error!(error = %e, job = job.id, "batch job failed");
            let total = batch::indicator_count(doc) as i64
                + doc
                    .get("group")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len) as i64;
            state.jobs.complete(
                job.id,
                batch::Outcome {
                    unprocessed: total,
                    ..Default::default()
                },
            );
        }
    }
}

fn status_json(job: &Job, additional: bool) -> Value {
    let o = &job.outcome;
    let mut v = json!({
        "id": job.id,
        "status": job.status.as_str(),
        "errorCount": o.error_count(),
        "successCount": o.success_count(),
        "unprocessCount": o.unprocessed,
    });
    if additional {
        v["successIndicatorCount"] = json!(o.success_indicators);
        v["errorIndicatorCount"] = json!(o.error_indicators);
        v["successGroupCount"] = json!(o.success_groups);
        v["errorGroupCount"] = json!(o.error_groups);
    }
    v
}

fn status_reply(job: &Job, additional: bool) -> Response {
    ok_single(StatusCode::OK, "batchStatus", status_json(job, additional))
}

/// `/v2/batch/{id}/errors`: 404 without errors, 400 while running, else gzip JSON.
fn errors(state: &SandboxState, id: &str) -> Reply {
    let job = job(state, id)?;
    if job.status != JobStatus::Completed {
        return Err(invalid(
            StatusCode::BAD_REQUEST,
            &format!("Batch still in {} state", job.status.as_str()),
        ));
    }
    if job.outcome.errors.is_empty() {
        return Err(not_found());
    }
    let body = Value::Array(
        job.outcome
            .errors
            .iter()
            .map(batch::ItemError::to_json)
            .collect(),
    )
    .to_string();
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(body.as_bytes()).map_err(|_| {
        Fail::new(failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            tc_model::messages::UNKNOWN_ERROR,
        ))
    })?;
    let bytes = gz.finish().map_err(|_| {
        Fail::new(failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            tc_model::messages::UNKNOWN_ERROR,
        ))
    })?;
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    Ok(response)
}

/// `POST /v2/batch/createAndUpload` (multipart: `config`, `content`).
fn create_and_upload(state: &Arc<SandboxState>, req: &Req) -> Reply {
    let boundary = req
        .content_type
        .as_deref()
        .and_then(|ct| {
            ct.split(';')
                .map(str::trim)
                .find_map(|p| p.strip_prefix("boundary="))
        })
        .map(|b| b.trim_matches('"').to_owned())
        .ok_or_else(|| {
            bad_request("createAndUpload takes multipart/form-data with config and content parts")
        })?;
    let parts = multipart(&req.body, &boundary);
    let part = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, body)| body.as_slice())
    };
    let config = config(
        state,
        part("config").ok_or_else(|| bad_request("The config part is missing"))?,
    )?;
    let doc = document(
        state,
        part("content").ok_or_else(|| bad_request("The content part is missing"))?,
    )?;
    let items = batch::indicator_count(&doc)
        + doc
            .get("group")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
    let id = state.jobs.create(config);
    let job = state.jobs.get(id).ok_or_else(not_found)?;
    state.jobs.set_status(id, JobStatus::Queued);
    if items <= SYNCHRONOUS_LIMIT {
        run(state, &job, &doc);
    } else {
        let state = Arc::clone(state);
        std::thread::spawn(move || run(&state, &job, &doc));
    }
    let job = state.jobs.get(id).ok_or_else(not_found)?;
    Ok(status_reply(&job, req.embed().additional))
}

/// The named parts of a multipart body: `(name, bytes)`.
fn multipart(body: &[u8], boundary: &str) -> Vec<(String, Vec<u8>)> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let text = body;
    let mut positions = Vec::new();
    let d = delimiter.as_bytes();
    let mut i = 0;
    while i + d.len() <= text.len() {
        if &text[i..i + d.len()] == d {
            positions.push(i);
            i += d.len();
        } else {
            i += 1;
        }
    }
    for pair in positions.windows(2) {
        let mut chunk = &text[pair[0] + d.len()..pair[1]];
        chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let Some(split) = chunk.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let headers = String::from_utf8_lossy(&chunk[..split]);
        let name = headers
            .split(';')
            .map(str::trim)
            .find_map(|p| p.strip_prefix("name="))
            .map(|n| {
                n.trim_matches('"')
                    .split('"')
                    .next()
                    .unwrap_or("")
                    .to_owned()
            });
        if let Some(name) = name {
            parts.push((name, chunk[split + 4..].to_vec()));
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::multipart;

    #[test]
    fn multipart_parts_by_name() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"config\"\r\n\r\n{\"owner\":\"A\"}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"content\"; filename=\"c.json\"\r\nContent-Type: application/json\r\n\r\n{\"indicator\":[]}\r\n--XyZ--\r\n";
        let parts = multipart(body, "XyZ");
        assert_eq!(parts.len(), 2);
        assert_eq!(
            parts[0],
            ("config".to_owned(), b"{\"owner\":\"A\"}".to_vec())
        );
        assert_eq!(parts[1].0, "content");
        assert_eq!(parts[1].1, b"{\"indicator\":[]}".to_vec());
    }
}

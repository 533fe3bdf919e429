//! The Batch API (`reference/threatconnect-api.md` §8): create a job, upload its document
//! (or both in one multipart call), poll with growing intervals, read the errors (gzip),
//! and [`Client::run_batch`] to do all of it for any number of indicators, in jobs of at
//! most 25,000.
//!
//! Uploads are never retried once they may have reached the server: a second upload could
//! apply a document twice. Creating a job (an empty job changes nothing), polling and
//! reading errors are.

use std::io::Read;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;
use tc_model::batch::{BatchConfig, BatchDocument};
use tc_model::wire::meta::{BatchError, BatchStatus};

use crate::client::{ApiRequest, Client, RawBody, decode_data, require_data};
use crate::error::{Error, Result};
use crate::path::ApiPath;

/// Most indicators ThreatConnect takes in one job (§8.2).
pub const MAX_JOB_INDICATORS: usize = 25_000;

/// How often to ask whether a job is done: every `first`, then `growth` times longer each
/// time, never longer than `max`, giving up after `timeout` (tcex polls between 5 s and
/// 20 s for up to an hour; a sandbox answers in well under a second).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollSchedule {
    pub first: Duration,
    pub growth: f64,
    pub max: Duration,
    pub timeout: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        PollSchedule {
            first: Duration::from_millis(250),
            growth: 1.5,
            max: Duration::from_secs(20),
            timeout: Duration::from_secs(3_600),
        }
    }
}

impl PollSchedule {
    /// The wait before poll number `n` (0-based).
    pub fn interval(&self, n: u32) -> Duration {
        let secs = self.first.as_secs_f64() * self.growth.max(1.0).powi(n.min(64) as i32);
        Duration::from_secs_f64(secs.min(self.max.as_secs_f64()))
    }
}

/// What happened to one job of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct JobReport {
    pub id: Option<i64>,
    pub indicators: usize,
    pub status: BatchStatus,
    pub errors: Vec<BatchError>,
}

/// Progress of [`Client::run_batch`], reported after each job completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchProgress {
    pub jobs_done: usize,
    pub jobs_total: usize,
    pub indicators_done: usize,
    pub indicators_total: usize,
}

impl Client {
    /// `POST /v2/batch`: a new job for `config`. Returns its id. Retried like an
    /// idempotent call: a job created twice but given data once changes nothing.
    pub async fn create_batch(&self, config: &BatchConfig) -> Result<i64> {
        let body = serde_json::to_value(config).map_err(|e| Error::Invalid(e.to_string()))?;
        let url = self.url_for(&ApiPath::v2().seg("batch"), &[])?;
        let response = self
            .send(
                ApiRequest::new(Method::POST, url)
                    .json(body)
                    .idempotent(true),
            )
            .await?;
        let data = require_data(response.data)?;
        data.get("batchId")
            .and_then(Value::as_i64)
            .ok_or_else(|| Error::Decode {
                path: "data.batchId".into(),
                message: "missing".into(),
            })
    }

    /// `POST /v2/batch/{id}`: the job's document, as `application/octet-stream`.
    pub async fn upload_batch(&self, id: i64, document: &BatchDocument) -> Result<()> {
        let bytes = serde_json::to_vec(document).map_err(|e| Error::Invalid(e.to_string()))?;
        let url = self.url_for(&ApiPath::v2().seg("batch").id(id), &[])?;
        let mut request = ApiRequest::new(Method::POST, url).idempotent(false);
        request.raw_body = Some(RawBody {
            bytes,
            content_type: "application/octet-stream".into(),
        });
        self.send(request).await?;
        Ok(())
    }

    /// `POST /v2/batch/createAndUpload`: job and document in one multipart call. Small jobs
    /// come back already complete; otherwise poll the returned id.
    pub async fn create_and_upload_batch(
        &self,
        config: &BatchConfig,
        document: &BatchDocument,
    ) -> Result<BatchStatus> {
        let config = serde_json::to_vec(config).map_err(|e| Error::Invalid(e.to_string()))?;
        let content = serde_json::to_vec(document).map_err(|e| Error::Invalid(e.to_string()))?;
        let boundary = format!("tcbridge{:016x}", rand::random::<u64>());
        let mut bytes = Vec::with_capacity(config.len() + content.len() + 512);
        for (name, part) in [("config", &config), ("content", &content)] {
            bytes.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n")
                    .as_bytes(),
            );
            bytes.extend_from_slice(b"Content-Type: application/json\r\n\r\n");
            bytes.extend_from_slice(part);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let query = [("includeAdditional".to_owned(), "true".to_owned())];
        let url = self.url_for(&ApiPath::v2().seg("batch").seg("createAndUpload"), &query)?;
        let mut request = ApiRequest::new(Method::POST, url).idempotent(false);
        request.raw_body = Some(RawBody {
            bytes,
            content_type: format!("multipart/form-data; boundary={boundary}"),
        });
        let response = self.send(request).await?;
        status_from(require_data(response.data)?)
    }

    /// `GET /v2/batch/{id}?includeAdditional=true`.
    pub async fn batch_status(&self, id: i64) -> Result<BatchStatus> {
        let query = [("includeAdditional".to_owned(), "true".to_owned())];
        let url = self.url_for(&ApiPath::v2().seg("batch").id(id), &query)?;
        let response = self.send(ApiRequest::new(Method::GET, url)).await?;
        status_from(require_data(response.data)?)
    }

    /// `GET /v2/batch/{id}/errors`, unzipped. No errors (a 404) is an empty list.
    pub async fn batch_errors(&self, id: i64) -> Result<Vec<BatchError>> {
        let url = self.url_for(&ApiPath::v2().seg("batch").id(id).seg("errors"), &[])?;
        let mut request = ApiRequest::new(Method::GET, url);
        request.raw_response = true;
        let bytes = match self.send(request).await {
            Ok(response) => response.raw.unwrap_or_default(),
            Err(Error::NotFound { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let text = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut text)
                .map_err(|e| Error::Decode {
                    path: "errors".into(),
                    message: format!("not gzip: {e}"),
                })?;
            text
        } else {
            bytes
        };
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(&text)).map_err(
            |e| Error::Decode {
                path: format!("errors{}", e.path()),
                message: e.inner().to_string(),
            },
        )
    }

    /// Polls until the job is `Completed`, waiting longer between polls each time.
    /// Cancelling the client's token (or dropping the future) stops waiting; the job itself
    /// goes on in ThreatConnect.
    pub async fn wait_for_batch(&self, id: i64, schedule: PollSchedule) -> Result<BatchStatus> {
        let started = Instant::now();
        let mut n = 0;
        loop {
            let status = self.batch_status(id).await?;
            if status.is_complete() {
                return Ok(status);
            }
            if started.elapsed() >= schedule.timeout {
                return Err(Error::Timeout(schedule.timeout));
            }
            self.pause(schedule.interval(n)).await?;
            n += 1;
        }
    }

    /// Applies a document of any size: indicators in jobs of at most 25,000 (groups go
    /// with the first job so indicators can point at them; associations with the last, so
    /// both ends exist), each job created, uploaded, waited for and its errors read.
    /// `progress` hears about each completed job.
    pub async fn run_batch(
        &self,
        config: &BatchConfig,
        document: &BatchDocument,
        schedule: PollSchedule,
        mut progress: impl FnMut(BatchProgress),
    ) -> Result<Vec<JobReport>> {
        let chunks = split(document, MAX_JOB_INDICATORS);
        let total = document.indicator.len();
        let mut done = 0;
        let mut reports = Vec::with_capacity(chunks.len());
        for chunk in &chunks {
            let id = self.create_batch(config).await?;
            self.upload_batch(id, chunk).await?;
            let status = self.wait_for_batch(id, schedule).await?;
            let has_errors = status.error_count.unwrap_or(0) > 0;
            let errors = if has_errors {
                self.batch_errors(id).await?
            } else {
                Vec::new()
            };
            done += chunk.indicator.len();
            reports.push(JobReport {
                id: Some(id),
                indicators: chunk.indicator.len(),
                status,
                errors,
            });
            progress(BatchProgress {
                jobs_done: reports.len(),
                jobs_total: chunks.len(),
                indicators_done: done,
                indicators_total: total,
            });
            if config.halt_on_error && has_errors {
                break;
            }
        }
        Ok(reports)
    }
}

fn status_from(data: Value) -> Result<BatchStatus> {
    let inner = data
        .get("batchStatus")
        .cloned()
        .ok_or_else(|| Error::Decode {
            path: "data.batchStatus".into(),
            message: "missing".into(),
        })?;
    decode_data(inner)
}

/// Splits a document into jobs of at most `max` indicators (at least one job).
pub fn split(document: &BatchDocument, max: usize) -> Vec<BatchDocument> {
    let max = max.max(1);
    let mut chunks: Vec<BatchDocument> = document
        .indicator
        .chunks(max)
        .map(|c| BatchDocument {
            indicator: c.to_vec(),
            ..BatchDocument::default()
        })
        .collect();
    if chunks.is_empty() {
        chunks.push(BatchDocument::default());
    }
    chunks[0].group = document.group.clone();
    if let Some(last) = chunks.last_mut() {
        last.association = document.association.clone();
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;
    use tc_model::batch::{BatchAssociation, BatchGroup, BatchIndicator};

    #[test]
    fn polling_slows_down_to_a_ceiling() {
        let s = PollSchedule {
            first: Duration::from_secs(5),
            growth: 2.0,
            max: Duration::from_secs(20),
            timeout: Duration::from_secs(60),
        };
        let waits: Vec<u64> = (0..5).map(|n| s.interval(n).as_secs()).collect();
        assert_eq!(waits, [5, 10, 20, 20, 20]);
    }

    #[test]
    fn documents_split_at_the_limit_with_groups_first_and_associations_last() {
        let doc = BatchDocument {
            indicator: (0..5)
                .map(|n| BatchIndicator {
                    type_name: "Host".into(),
                    summary: Some(format!("h{n}.example")),
                    ..Default::default()
                })
                .collect(),
            group: vec![BatchGroup {
                type_name: "Incident".into(),
                name: "I".into(),
                xid: "x".into(),
                ..Default::default()
            }],
            association: vec![BatchAssociation {
                ref_1: Some("h0.example".into()),
                ..Default::default()
            }],
        };
        let chunks = split(&doc, 2);
        assert_eq!(
            chunks.iter().map(|c| c.indicator.len()).collect::<Vec<_>>(),
            [2, 2, 1]
        );
        assert_eq!(chunks[0].group.len(), 1);
        assert!(chunks[1].group.is_empty() && chunks[2].group.is_empty());
        assert!(chunks[0].association.is_empty());
        assert_eq!(chunks[2].association.len(), 1);
        assert_eq!(
            split(&BatchDocument::default(), 10).len(),
            1,
            "an empty document is one (empty) job"
        );
    }
}

//! Batch jobs: created, given a document, queued, run in the background, completed
//! (`reference/threatconnect-api.md` §8.3). Jobs live in memory; their effects are in the
//! store.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use tc_model::batch::BatchConfig;

use crate::store::batch::Outcome;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Created,
    Queued,
    Running,
    Completed,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Created => "Created",
            JobStatus::Queued => "Queued",
            JobStatus::Running => "Running",
            JobStatus::Completed => "Completed",
        }
    }
}

/// One job.
#[derive(Debug, Clone)]
pub struct Job {
    pub id: i64,
    pub config: BatchConfig,
    pub status: JobStatus,
    pub outcome: Outcome,
}

/// Every job of this sandbox.
#[derive(Debug)]
pub struct Jobs {
    next: AtomicI64,
    jobs: Mutex<HashMap<i64, Job>>,
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs {
            next: AtomicI64::new(1000),
            jobs: Mutex::default(),
        }
    }
}

impl Jobs {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Job>> {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A new job in `Created`.
    pub fn create(&self, config: BatchConfig) -> i64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(
            id,
            Job {
                id,
                config,
                status: JobStatus::Created,
                outcome: Outcome::default(),
            },
        );
        id
    }

    pub fn get(&self, id: i64) -> Option<Job> {
        self.lock().get(&id).cloned()
    }

    pub fn set_status(&self, id: i64, status: JobStatus) {
        if let Some(job) = self.lock().get_mut(&id) {
            job.status = status;
        }
    }

    pub fn complete(&self, id: i64, outcome: Outcome) {
        if let Some(job) = self.lock().get_mut(&id) {
            job.status = JobStatus::Completed;
            job.outcome = outcome;
        }
    }
}

//! A local emulator of the ThreatConnect v2 API.
//!
//! What belongs here: an axum server that verifies HMAC signatures and tokens exactly as
//! `reference/threatconnect-api.md` §2 describes, and answers with ThreatConnect's
//! envelopes, statuses and messages. Any ThreatConnect client pointed at it should work
//! unchanged. What does not: client code (it shares no signing code with `tc-client`, so
//! each checks the other).
//!
//! Deliberate difference from ThreatConnect: the sandbox speaks plain HTTP on loopback.

mod auth;
mod config;
mod jobs;
mod reply;
mod routes;
mod seed;
mod state;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use auth::{Rejection, verify_request};
pub use config::{
    DEFAULT_BATCH_MAX_BYTES, SandboxConfig, Seed, generate_access_id, generate_secret_key,
    generate_token,
};
pub use state::{SEED_OWNERS, SandboxState};

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Listening beyond this computer needs `allow_remote`.
    #[error(
        "refusing to listen on {0}: the sandbox only listens on this computer (127.0.0.1 or ::1) unless remote access is allowed"
    )]
    NotLoopback(SocketAddr),
    /// The address could not be bound (in use, say).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    /// The data folder could not be opened.
    #[error("cannot open the sandbox data: {0}")]
    Store(#[from] store::StoreError),
}

/// The axum application for `config`, mounted under `/api`, over a store in memory or in
/// `config.data_dir`. Use this to serve the sandbox on a listener of your own;
/// [`Sandbox::start`] does it for you.
pub fn app(config: SandboxConfig) -> Result<axum::Router, StartError> {
    let store = match &config.data_dir {
        Some(dir) => store::Store::open(dir)?,
        None => store::Store::in_memory()?,
    };
    Ok(routes::app(Arc::new(SandboxState::new(config, store)?)))
}

/// A running sandbox. Dropping it leaves the server running until the runtime ends; call
/// [`Sandbox::shutdown`] to stop it.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Sandbox {
    /// Binds `listen` (port 0 picks a free port) and serves in the background.
    pub async fn start(listen: SocketAddr, config: SandboxConfig) -> Result<Sandbox, StartError> {
        if !listen.ip().is_loopback() && !config.allow_remote {
            return Err(StartError::NotLoopback(listen));
        }
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|source| StartError::Bind {
                addr: listen,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: listen,
            source,
        })?;
        let mut config = config;
        config
            .web_base
            .get_or_insert_with(|| format!("http://{addr}"));
        let router = app(config)?;
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        Ok(Sandbox {
            addr,
            shutdown: Some(tx),
            task,
        })
    }

    /// The address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give clients: `http://<addr>/api`.
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// Stops accepting requests, lets running ones finish, and waits.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

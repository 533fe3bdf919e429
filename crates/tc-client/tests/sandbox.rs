//! The client against the real sandbox over loopback: what is accepted, and every way a
//! request can be refused, with ThreatConnect's status and message.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use tc_client::signing::{request_target, sign_hmac};
use tc_client::{BaseUrl, Client, ClientConfig, Credentials, Error, SecretString};
use tc_model::{OwnerType, messages};
use tc_sandbox::{Sandbox, SandboxConfig};

const ACCESS_ID: &str = "12345678901234567890";
const SECRET: &str = "TestSecretKey-DoNotUse-0123456789abcdef";
const TOKEN: &str = "APIV2:1:sandbox:4102444800:test-token";

async fn sandbox(clock_offset_secs: i64) -> Sandbox {
    let config = SandboxConfig {
        access_id: ACCESS_ID.into(),
        secret_key: SECRET.into(),
        api_token: Some(TOKEN.into()),
        clock_offset_secs,
        ..SandboxConfig::generate()
    };
    Sandbox::start("127.0.0.1:0".parse().unwrap(), config)
        .await
        .expect("sandbox starts")
}

fn client(sb: &Sandbox, credentials: Credentials) -> Client {
    Client::new(ClientConfig::new(
        BaseUrl::parse(&sb.base_url()).unwrap(),
        credentials,
    ))
    .unwrap()
}

fn hmac(secret: &str) -> Credentials {
    Credentials::hmac(ACCESS_ID, SecretString::new(secret))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Sends a request signed for `signed_target`/`signed_method` to `url` with `method`,
/// returning status and the failure message.
async fn raw(
    method: reqwest::Method,
    url: &str,
    signed_target: &str,
    signed_method: &str,
    timestamp: i64,
    secret: &str,
) -> (StatusCode, serde_json::Value) {
    let headers = sign_hmac(
        signed_target,
        signed_method,
        timestamp,
        ACCESS_ID,
        &SecretString::new(secret),
    );
    let response = reqwest::Client::new()
        .request(method, url)
        .header("Authorization", headers.authorization)
        .header("Timestamp", headers.timestamp.unwrap())
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn signed_calls_are_accepted() {
    let sb = sandbox(0).await;
    let c = client(&sb, hmac(SECRET));

    let (user, meta) = c.whoami_with_meta().await.unwrap();
    assert_eq!(user.user_name, ACCESS_ID);
    assert_eq!(user.role.as_deref(), Some("Api User"));
    assert_eq!(meta.status, 200);
    let skew = meta
        .clock_skew_secs()
        .expect("the sandbox sends a Date header");
    assert!(
        skew.abs() <= 2,
        "sandbox and client share a clock, skew was {skew}"
    );

    let owners = c.owners().await.unwrap();
    let names: Vec<_> = owners
        .iter()
        .map(|o| (o.name.as_str(), o.owner_type.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Demo Organization", OwnerType::Organization),
            ("Partner Community", OwnerType::Community),
            ("Partner Feed", OwnerType::Source),
        ]
    );
    assert_eq!(c.owner_mine().await.unwrap().name, "Demo Organization");
    assert_eq!(c.owner(3).await.unwrap().name, "Partner Feed");
    sb.shutdown().await;
}

#[tokio::test]
async fn token_auth_is_accepted_and_bad_token_refused() {
    let sb = sandbox(0).await;
    let good = client(&sb, Credentials::token(TOKEN));
    assert_eq!(good.whoami().await.unwrap().user_name, ACCESS_ID);

    let bad = client(&sb, Credentials::token("APIV2:1:sandbox:4102444800:wrong"));
    let err = bad.whoami().await.unwrap_err();
    assert_eq!(
        err,
        Error::AuthRejected {
            status: 401,
            message: messages::UNAUTHORIZED.into()
        }
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_is_refused_with_signature_message() {
    let sb = sandbox(0).await;
    let err = client(&sb, hmac("not-the-secret"))
        .owners()
        .await
        .unwrap_err();
    assert_eq!(
        err,
        Error::AuthRejected {
            status: 403,
            message: messages::SIGNATURE_MISMATCH.into()
        }
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn stale_timestamp_is_refused_and_skew_is_measured() {
    let sb = sandbox(0).await;
    let mut config = ClientConfig::new(BaseUrl::parse(&sb.base_url()).unwrap(), hmac(SECRET));
    config.clock = Some(Arc::new(|| now() - 301));
    let err = Client::new(config).unwrap().whoami().await.unwrap_err();
    match err {
        Error::ClockSkew {
            status,
            message,
            skew_secs,
        } => {
            assert_eq!(status, 403);
            assert_eq!(message, messages::TIMESTAMP_OUT_OF_RANGE);
            // The client's clock is fine here; the signature was simply made too early.
            assert!(
                skew_secs.is_some_and(|s| s.abs() <= 2),
                "skew {skew_secs:?}"
            );
        }
        other => panic!("expected ClockSkew, got {other:?}"),
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn server_clock_offset_is_reported_as_skew() {
    let sb = sandbox(420).await;
    let err = client(&sb, hmac(SECRET)).whoami().await.unwrap_err();
    match err {
        Error::ClockSkew {
            skew_secs: Some(s), ..
        } => assert!((418..=422).contains(&s), "skew {s}"),
        other => panic!("expected ClockSkew with a skew, got {other:?}"),
    }
    // Within the window the call works and the skew is still visible.
    let near = sandbox(150).await;
    let (_, meta) = client(&near, hmac(SECRET))
        .whoami_with_meta()
        .await
        .unwrap();
    let s = meta.clock_skew_secs().unwrap();
    assert!((148..=152).contains(&s), "skew {s}");
    sb.shutdown().await;
    near.shutdown().await;
}

#[tokio::test]
async fn configured_latency_is_felt_by_the_client() {
    let config = SandboxConfig {
        latency_ms: 150,
        ..SandboxConfig::generate()
    };
    let sb = Sandbox::start("127.0.0.1:0".parse().unwrap(), config.clone())
        .await
        .unwrap();
    let c = client(
        &sb,
        Credentials::hmac(
            config.access_id.clone(),
            SecretString::new(config.secret_key.clone()),
        ),
    );
    let (_, meta) = c.whoami_with_meta().await.unwrap();
    assert!(
        meta.elapsed.as_millis() >= 150,
        "answered after {:?}",
        meta.elapsed
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn tampered_query_is_refused() {
    let sb = sandbox(0).await;
    let signed = format!("{}/v2/owners?resultLimit=1", sb.base_url());
    let sent = format!("{}/v2/owners?resultLimit=2", sb.base_url());
    let target = request_target(&url::Url::parse(&signed).unwrap());
    let (status, body) = raw(reqwest::Method::GET, &sent, &target, "GET", now(), SECRET).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["status"], "Failure");
    assert_eq!(body["message"], messages::SIGNATURE_MISMATCH);
    // The untampered request with the same signature goes through.
    let (ok, body) = raw(reqwest::Method::GET, &signed, &target, "GET", now(), SECRET).await;
    assert_eq!(ok, StatusCode::OK);
    assert_eq!(body["data"]["owner"].as_array().unwrap().len(), 1);
    assert_eq!(body["data"]["resultCount"], 3);
    sb.shutdown().await;
}

#[tokio::test]
async fn wrong_method_is_refused() {
    let sb = sandbox(0).await;
    let url = format!("{}/v2/owners", sb.base_url());
    let target = request_target(&url::Url::parse(&url).unwrap());
    let (status, body) = raw(reqwest::Method::GET, &url, &target, "POST", now(), SECRET).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["message"], messages::SIGNATURE_MISMATCH);
    sb.shutdown().await;
}

#[tokio::test]
async fn signing_decoded_text_is_refused_on_the_wire() {
    // Vector 2c: the encoded URL is sent, but the decoded text was signed.
    let sb = sandbox(0).await;
    let url = format!(
        "{}/v2/owners?owner=Common%20Community&filters=summary%5Ebad%2Crating%3E3&resultLimit=100",
        sb.base_url()
    );
    let decoded =
        "/api/v2/owners?owner=Common Community&filters=summary^bad,rating>3&resultLimit=100";
    let (status, body) = raw(reqwest::Method::GET, &url, decoded, "GET", now(), SECRET).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["message"], messages::SIGNATURE_MISMATCH);
    // Both wire forms of the space are accepted when signed as sent.
    for form in ["Common%20Community", "Common+Community"] {
        let url = format!("{}/v2/owners?owner={form}", sb.base_url());
        let target = request_target(&url::Url::parse(&url).unwrap());
        let (status, _) = raw(reqwest::Method::GET, &url, &target, "GET", now(), SECRET).await;
        assert_eq!(status, StatusCode::OK, "space sent as {form}");
    }
    sb.shutdown().await;
}

#[tokio::test]
async fn missing_items_and_routes_are_404_with_envelope() {
    let sb = sandbox(0).await;
    let c = client(&sb, hmac(SECRET));
    let err = c.owner(999).await.unwrap_err();
    assert_eq!(
        err,
        Error::NotFound {
            status: 404,
            message: messages::RESOURCE_NOT_FOUND.into()
        }
    );
    let err = c
        .get::<serde_json::Value>(&["v2", "nothing-here"], &[])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    sb.shutdown().await;
}

#[tokio::test]
async fn unreachable_server_is_a_network_error() {
    let sb = sandbox(0).await;
    let base = sb.base_url();
    sb.shutdown().await;
    let err = Client::new(ClientConfig::new(
        BaseUrl::parse(&base).unwrap(),
        hmac(SECRET),
    ))
    .unwrap()
    .whoami()
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Network(_)), "got {err:?}");
}

#[tokio::test]
async fn unreadable_ca_file_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "hello").unwrap();
    let mut config = ClientConfig::new(
        BaseUrl::parse("https://tc.example/api").unwrap(),
        hmac(SECRET),
    );
    config.tls.ca_file = Some(not_pem);
    assert!(matches!(Client::new(config).unwrap_err(), Error::Config(_)));
}

#[tokio::test]
async fn sandbox_refuses_non_loopback_without_permission() {
    let config = SandboxConfig::generate();
    let err = Sandbox::start("0.0.0.0:0".parse().unwrap(), config)
        .await
        .unwrap_err();
    assert!(matches!(err, tc_sandbox::StartError::NotLoopback(_)));
}

//! The worked HMAC vectors of `reference/threatconnect-api.md` §2.2, one test per vector,
//! read from `tests/vectors/*.json`. Each stage is asserted on its own so a failure names
//! the stage that broke: request-target, message, HMAC, signature, header.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

use serde_json::Value;
use tc_client::signing::{self, request_target};
use tc_client::{BaseUrl, Credentials, SecretString};
use url::Url;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {path}: {e}"))
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("vector field `{key}` missing"))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks every stage of a vector that names a full URL.
fn check_url_vector(v: &Value) {
    let name = s(v, "name");
    let url = Url::parse(s(v, "url")).unwrap();
    let ts = v["timestamp"].as_i64().unwrap();
    let method = s(v, "method");

    let target = request_target(&url);
    assert_eq!(
        target,
        s(v, "requestTarget"),
        "{name}: request-target stage"
    );

    let message = signing::message(&target, method, ts);
    assert_eq!(message, s(v, "message"), "{name}: message stage");

    let mac = signing::hmac_sha256(s(v, "secretKey"), &message);
    assert_eq!(hex(&mac), s(v, "hmacHex"), "{name}: HMAC stage");

    let sig = signing::signature(s(v, "secretKey"), &message);
    assert_eq!(sig, s(v, "signature"), "{name}: Base64 signature stage");
    assert_eq!(sig.len(), 44, "{name}: signature is always 44 characters");

    let creds = Credentials::hmac(s(v, "accessId"), SecretString::new(s(v, "secretKey")));
    let headers = signing::authorize(&creds, &target, method, ts);
    assert_eq!(
        headers.authorization,
        s(v, "authorization"),
        "{name}: Authorization header"
    );
    assert_eq!(
        headers.timestamp.as_deref(),
        Some(ts.to_string().as_str()),
        "{name}: Timestamp header"
    );
    assert_eq!(
        headers.message.as_deref(),
        Some(s(v, "message")),
        "{name}: exposed message"
    );
}

#[test]
fn vector_1_simple_get() {
    check_url_vector(&load("vector1.json"));
}

#[test]
fn vector_2_query_encoding() {
    let v = load("vector2.json");
    let ts = v["timestamp"].as_i64().unwrap();
    let secret = s(&v, "secretKey");

    // The client builds the query with form encoding: its URL must be variant 2b exactly.
    let base = BaseUrl::parse(s(&v, "base")).unwrap();
    let path: Vec<&str> = v["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let mut url = base.endpoint(&path);
    for pair in v["query"].as_array().unwrap() {
        url.query_pairs_mut()
            .append_pair(pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
    }
    let built = request_target(&url);

    let mut signatures = Vec::new();
    for variant in v["variants"].as_array().unwrap() {
        let id = s(variant, "id");
        let target = s(variant, "requestTarget");
        let message = signing::message(target, s(&v, "method"), ts);
        assert_eq!(
            message,
            format!("{target}:GET:{ts}"),
            "vector {id}: message stage"
        );
        if let Some(hmac_hex) = variant["hmacHex"].as_str() {
            assert_eq!(
                hex(&signing::hmac_sha256(secret, &message)),
                hmac_hex,
                "vector {id}: HMAC stage"
            );
        }
        let sig = signing::signature(secret, &message);
        assert_eq!(sig, s(variant, "signature"), "vector {id}: signature stage");
        if variant["builtByClient"].as_bool() == Some(true) {
            assert_eq!(
                built, target,
                "vector {id}: the client's URL must be what is signed"
            );
        }
        if variant["valid"].as_bool() == Some(true) {
            // A valid target is already encoded: parsing and re-serialising must not change it.
            let reparsed = Url::parse(&format!("https://app.threatconnect.com{target}")).unwrap();
            assert_eq!(
                request_target(&reparsed),
                target,
                "vector {id}: URL round trip"
            );
        }
        signatures.push(sig);
    }
    assert_ne!(
        signatures[0], signatures[1],
        "'+' and '%20' must sign differently"
    );
    assert!(
        !signatures[..2].contains(&signatures[2]),
        "signing decoded text must differ"
    );
}

#[test]
fn vector_3_url_indicator_delete() {
    check_url_vector(&load("vector3.json"));
}

#[test]
fn vector_4_post_body_not_signed() {
    let v = load("vector4.json");
    check_url_vector(&v);
    // Nothing about a body enters the message: it is a function of target, method and time.
    let message = signing::message(
        s(&v, "requestTarget"),
        "post",
        v["timestamp"].as_i64().unwrap(),
    );
    assert_eq!(
        message,
        s(&v, "message"),
        "method is upper-cased and nothing else is added"
    );
}

//! The real `tc-bridge` binary against a real sandbox process.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

/// A `tc-bridge sandbox` process, killed on drop.
struct SandboxProcess {
    child: Child,
    base_url: String,
    access_id: String,
    secret_key: String,
    token: String,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_sandbox(extra: &[&str]) -> SandboxProcess {
    let mut child = Command::new(cargo_bin("tc-bridge"))
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start tc-bridge sandbox");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next = || {
        lines
            .next()
            .expect("sandbox printed a line")
            .expect("readable line")
    };
    let first = next();
    let base_url = first
        .strip_prefix("TC sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    assert!(
        base_url.starts_with("http://127.0.0.1:") && base_url.ends_with("/api"),
        "{base_url}"
    );
    assert!(
        !base_url.contains(":0/"),
        "port 0 must be replaced by the real port: {base_url}"
    );
    let value = |line: String, label: &str| {
        line.strip_prefix(label)
            .unwrap_or_else(|| panic!("expected {label} in {line}"))
            .trim()
            .to_owned()
    };
    let access_id = value(next(), "Access ID:");
    let secret_key = value(next(), "Secret Key:");
    let token = value(next(), "API token:");
    SandboxProcess {
        child,
        base_url,
        access_id,
        secret_key,
        token,
    }
}

fn owners(sb: &SandboxProcess) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(cargo_bin("tc-bridge"));
    cmd.arg("owners")
        .env_remove("TC_TOKEN")
        .env("TC_API_PATH", &sb.base_url)
        .env("TC_API_ACCESS_ID", &sb.access_id)
        .env("TC_API_SECRET_KEY", &sb.secret_key);
    cmd
}

#[test]
fn owners_table_from_environment() {
    let sb = start_sandbox(&[]);
    assert_eq!(sb.access_id.len(), 20);
    owners(&sb)
        .assert()
        .success()
        .stdout(predicate::str::contains("ID  TYPE          NAME"))
        .stdout(predicate::str::contains(
            "1   Organization  Demo Organization",
        ))
        .stdout(predicate::str::contains(
            "2   Community     Partner Community",
        ))
        .stdout(predicate::str::contains("3   Source        Partner Feed"));
}

#[test]
fn owners_json() {
    let sb = start_sandbox(&[]);
    let out = owners(&sb)
        .arg("--json")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    assert_eq!(json.as_array().unwrap().len(), 3);
    assert_eq!(
        json[2],
        serde_json::json!({"id": 3, "name": "Partner Feed", "type": "Source"})
    );
}

#[test]
fn token_from_environment() {
    let sb = start_sandbox(&[]);
    assert_cmd::Command::new(cargo_bin("tc-bridge"))
        .arg("owners")
        .env_remove("TC_API_ACCESS_ID")
        .env_remove("TC_API_SECRET_KEY")
        .env("TC_API_PATH", &sb.base_url)
        .env("TC_TOKEN", &sb.token)
        .assert()
        .success()
        .stdout(predicate::str::contains("Partner Community"));
}

#[test]
fn given_credentials_are_used_and_not_echoed() {
    let sb = start_sandbox(&[
        "--access-id",
        "11112222333344445555",
        "--secret-key",
        "my-own-sandbox-key",
    ]);
    assert_eq!(sb.access_id, "11112222333344445555");
    assert_eq!(sb.secret_key, "(as given)");
    owners(&sb)
        .env("TC_API_SECRET_KEY", "my-own-sandbox-key")
        .assert()
        .success();
}

#[test]
fn wrong_secret_exits_3_without_leaking_it() {
    let sb = start_sandbox(&[]);
    owners(&sb)
        .env("TC_API_SECRET_KEY", "definitely-wrong-secret")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "Signature data did not match expected result",
        ))
        .stderr(predicate::str::contains("definitely-wrong-secret").not())
        .stdout(predicate::str::is_empty());
}

#[test]
fn skewed_clock_exits_3_with_a_hint() {
    let sb = start_sandbox(&["--clock-offset", "-600"]);
    owners(&sb)
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "Timestamp out of acceptable time range",
        ))
        .stderr(predicate::str::contains("10 minutes ahead of the server's"));
}

#[test]
fn unreachable_server_exits_4() {
    let sb = start_sandbox(&[]);
    let base = sb.base_url.clone();
    drop(sb);
    assert_cmd::Command::new(cargo_bin("tc-bridge"))
        .args(["owners", "--timeout", "5"])
        .env("TC_API_PATH", base)
        .env("TC_API_ACCESS_ID", "1")
        .env("TC_API_SECRET_KEY", "k")
        .assert()
        .code(4)
        .stderr(predicate::str::contains("could not reach the server"));
}

#[test]
fn missing_configuration_exits_2() {
    assert_cmd::Command::new(cargo_bin("tc-bridge"))
        .arg("owners")
        .env_remove("TC_API_PATH")
        .env_remove("TC_API_ACCESS_ID")
        .env_remove("TC_API_SECRET_KEY")
        .env_remove("TC_TOKEN")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("TC_API_PATH"));
    assert_cmd::Command::new(cargo_bin("tc-bridge"))
        .arg("no-such-command")
        .assert()
        .code(2);
    assert_cmd::Command::new(cargo_bin("tc-bridge"))
        .args(["owners", "--api-path", "http://tc.example/api"])
        .env("TC_API_ACCESS_ID", "1")
        .env("TC_API_SECRET_KEY", "k")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("https://"));
}

#[test]
fn sandbox_refuses_a_public_address() {
    assert_cmd::Command::new(cargo_bin("tc-bridge"))
        .args(["sandbox", "--listen", "0.0.0.0:0"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to listen"));
}

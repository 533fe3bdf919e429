//! The Connections workflows against a real sandbox over loopback.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

use std::sync::{Arc, Mutex};

use bridge::{
    AuthMethod, BookStore, ConnectionBook, ConnectionError, Connections, Deployment, MemoryStore,
    OwnerChoice, ProfileDraft, ProfileError, SANDBOX_PROFILE_ID, SandboxCredentials, SecretStore,
    SkewLevel, TlsOptions,
};
use tc_client::SecretString;
use tc_model::OwnerType;
use tc_sandbox::{Sandbox, SandboxConfig};

/// Remembers every book it was asked to save, as JSON.
#[derive(Debug, Default, Clone)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl BookStore for Recorder {
    fn save(&self, book: &ConnectionBook) -> Result<(), String> {
        self.0
            .lock()
            .unwrap()
            .push(serde_json::to_string(book).unwrap());
        Ok(())
    }
}

struct Fixture {
    sandbox: Sandbox,
    config: SandboxConfig,
    connections: Connections,
    secrets: Arc<MemoryStore>,
    saved: Recorder,
}

async fn fixture(clock_offset_secs: i64) -> Fixture {
    let config = SandboxConfig {
        clock_offset_secs,
        ..SandboxConfig::generate()
    };
    let sandbox = Sandbox::start("127.0.0.1:0".parse().unwrap(), config.clone())
        .await
        .unwrap();
    let secrets = Arc::new(MemoryStore::new("Secret Service"));
    let saved = Recorder::default();
    // The built-in sandbox profile uses its own generated credentials...
    let builtin = SandboxCredentials {
        base_url: sandbox.base_url(),
        access_id: config.access_id.clone(),
        secret_key: SecretString::new(config.secret_key.clone()),
    };
    let connections = Connections::new(
        ConnectionBook::default(),
        secrets.clone(),
        Box::new(saved.clone()),
        Some(builtin),
    );
    Fixture {
        sandbox,
        config,
        connections,
        secrets,
        saved,
    }
}

/// ...and a user profile pointing at the same sandbox exercises the real save/test path.
fn draft(f: &Fixture, name: &str) -> ProfileDraft {
    ProfileDraft {
        id: None,
        name: name.into(),
        deployment: Deployment::OnPrem,
        base_url: f.sandbox.base_url(),
        auth_method: AuthMethod::Hmac,
        access_id: Some(f.config.access_id.clone()),
        tls: TlsOptions::default(),
    }
}

#[tokio::test]
async fn first_run_lists_the_sandbox_selected_and_testable() {
    let f = fixture(0).await;
    let (profiles, selected) = f.connections.list().await.unwrap();
    assert_eq!(profiles.len(), 1);
    assert!(profiles[0].profile.is_built_in());
    assert!(profiles[0].has_secret);
    assert_eq!(selected.as_deref(), Some(SANDBOX_PROFILE_ID));

    let sandbox_draft = ProfileDraft {
        id: Some(SANDBOX_PROFILE_ID.into()),
        ..draft(&f, "ignored")
    };
    let report = f.connections.test(&sandbox_draft, None).await.unwrap();
    assert_eq!(report.owners.len(), 3);
    assert!(report.signing_self_test_passed);
    let (owners, _) = f.connections.owners(SANDBOX_PROFILE_ID).await.unwrap();
    assert_eq!(owners[0].name, "Demo Organization");
}

#[tokio::test]
async fn save_test_and_choose_owner_keep_the_secret_out_of_the_book() {
    let f = fixture(0).await;
    let secret = SecretString::new(f.config.secret_key.clone());

    // Test before saving, with the secret typed in the form.
    let report = f
        .connections
        .test(&draft(&f, "Prod"), Some(secret.clone()))
        .await
        .unwrap();
    assert_eq!(report.user.user_name, f.config.access_id);
    assert_eq!(report.skew_level, SkewLevel::Ok);

    let saved = f
        .connections
        .save(draft(&f, "Prod"), Some(secret))
        .await
        .unwrap();
    assert!(saved.has_secret);
    assert_eq!(
        saved.profile.owner, None,
        "no owner until the user picks one"
    );
    assert_eq!(
        f.secrets.get(&saved.profile.id).unwrap().unwrap().expose(),
        f.config.secret_key
    );

    // Test the saved profile with the stored secret (the form sends none).
    let stored = ProfileDraft {
        id: Some(saved.profile.id.clone()),
        ..draft(&f, "Prod")
    };
    assert_eq!(
        f.connections
            .test(&stored, None)
            .await
            .unwrap()
            .owners
            .len(),
        3
    );

    let (owners, meta) = f.connections.owners(&saved.profile.id).await.unwrap();
    assert_eq!(meta.status, 200);
    let community = &owners[1];
    let chosen = OwnerChoice {
        id: community.id,
        name: community.name.clone(),
        owner_type: community.owner_type.clone(),
    };
    let updated = f
        .connections
        .choose_owner(&saved.profile.id, Some(chosen))
        .unwrap();
    assert_eq!(updated.owner.unwrap().owner_type, OwnerType::Community);

    let books = f.saved.0.lock().unwrap().clone();
    assert!(!books.is_empty(), "changes are persisted");
    for json in books {
        assert!(
            !json.contains(&f.config.secret_key),
            "a secret reached the settings file: {json}"
        );
    }
}

#[tokio::test]
async fn wrong_secret_fails_the_test_as_auth_rejected() {
    let f = fixture(0).await;
    let err = f
        .connections
        .test(&draft(&f, "Prod"), Some(SecretString::new("wrong")))
        .await
        .unwrap_err();
    match err {
        ConnectionError::Check(bridge::CheckError::Client(tc_client::Error::AuthRejected {
            status,
            ..
        })) => {
            assert_eq!(status, 403)
        }
        other => panic!("expected an auth rejection, got {other:?}"),
    }
}

#[tokio::test]
async fn skew_near_the_limit_is_a_warning() {
    let f = fixture(-200).await;
    let report = f
        .connections
        .test(
            &draft(&f, "Prod"),
            Some(SecretString::new(f.config.secret_key.clone())),
        )
        .await
        .unwrap();
    assert_eq!(report.skew_level, SkewLevel::Warning);
    let message = report.skew_message.unwrap();
    assert!(message.contains("ahead of ThreatConnect's"), "{message}");
}

#[tokio::test]
async fn a_new_profile_needs_a_secret_and_edits_keep_it() {
    let f = fixture(0).await;
    let err = f
        .connections
        .save(draft(&f, "Prod"), None)
        .await
        .unwrap_err();
    assert_eq!(err, ConnectionError::SecretMissing(AuthMethod::Hmac));
    // Field errors come first, in form order.
    let err = f.connections.save(draft(&f, ""), None).await.unwrap_err();
    assert!(matches!(
        err,
        ConnectionError::Profile(ProfileError::Invalid { field: "name", .. })
    ));

    let saved = f
        .connections
        .save(
            draft(&f, "Prod"),
            Some(SecretString::new(f.config.secret_key.clone())),
        )
        .await
        .unwrap();
    let id = saved.profile.id.clone();
    let renamed = f
        .connections
        .save(
            ProfileDraft {
                id: Some(id.clone()),
                ..draft(&f, "Production")
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(renamed.profile.name, "Production");
    assert!(
        f.secrets.get(&id).unwrap().is_some(),
        "the secret survives an edit without one"
    );

    // Switching to a token needs the token.
    let to_token = ProfileDraft {
        id: Some(id.clone()),
        auth_method: AuthMethod::Token,
        ..draft(&f, "Production")
    };
    assert_eq!(
        f.connections.save(to_token, None).await.unwrap_err(),
        ConnectionError::SecretMissing(AuthMethod::Token)
    );

    f.connections.select(&id).unwrap();
    f.connections.delete(&id).await.unwrap();
    assert_eq!(
        f.secrets.get(&id).unwrap(),
        None,
        "deleting a profile deletes its secret"
    );
    let (profiles, selected) = f.connections.list().await.unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(selected.as_deref(), Some(SANDBOX_PROFILE_ID));
}

#[tokio::test]
async fn storage_failure_leaves_everything_as_it_was() {
    #[derive(Debug)]
    struct Broken;
    impl BookStore for Broken {
        fn save(&self, _: &ConnectionBook) -> Result<(), String> {
            Err("disk full".into())
        }
    }
    let f = fixture(0).await;
    let secrets = Arc::new(MemoryStore::new("Secret Service"));
    let connections = Connections::new(
        ConnectionBook::default(),
        secrets.clone(),
        Box::new(Broken),
        None,
    );
    let err = connections
        .save(draft(&f, "Prod"), Some(SecretString::new("k")))
        .await
        .unwrap_err();
    assert_eq!(err, ConnectionError::Storage("disk full".into()));
    assert!(connections.list().await.unwrap().0.is_empty());
}

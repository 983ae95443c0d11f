//! Organizations without Tauri: settings file + in-memory keychain.

use std::sync::Arc;

use super::*;
use crate::dto::OrganizationInput;
use crate::secrets::{token_account, MemoryStore};

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("skep-orgs-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn input(name: &str, secret: Option<&str>, session_only: bool) -> OrganizationInput {
    OrganizationInput {
        name: name.into(),
        client_id: "cid".into(),
        client_secret: secret.map(str::to_string),
        token_url: "https://login.cloud.camunda.io/oauth/token".into(),
        api_base_url: "https://api.cloud.camunda.io".into(),
        audience: "api.cloud.camunda.io".into(),
        session_only,
    }
}

fn load(d: &std::path::Path, store: &MemoryStore) -> Organizations {
    Organizations::load(SettingsFile::in_dir(d), Arc::new(store.clone()), None)
}

#[test]
fn first_start_is_the_sandbox() {
    let d = dir();
    let orgs = load(&d, &MemoryStore::new());
    let state = orgs.list(None);
    assert_eq!(state.active_id, SANDBOX_ID);
    assert_eq!(state.organizations.len(), 1);
    assert!(state.keychain_available);
    assert!(
        !d.join("settings.json").exists(),
        "nothing written on a plain start"
    );
}

#[test]
fn edit_moves_the_secret_and_forgets_tokens_and_permissions() {
    let d = dir();
    let store = MemoryStore::new();
    let orgs = load(&d, &store);
    let org = orgs.add(&input("Acme", Some(" s3cret "), false)).unwrap();
    assert_eq!(
        orgs.resolve(&org.id).unwrap().secret.expose(),
        "s3cret",
        "trimmed, from the keychain"
    );
    store.set(&token_account(&org.id), "{}").unwrap();
    orgs.record_denied(&org.id, ApiPermission::DeleteClusters)
        .unwrap();
    orgs.record_denied(&org.id, ApiPermission::GetClients)
        .unwrap();
    orgs.clear_denied(&org.id, ApiPermission::GetClients)
        .unwrap();
    assert_eq!(
        orgs.organization(&org.id, None).unwrap().denied_permissions,
        vec![ApiPermission::DeleteClusters]
    );

    // Rename only: permissions and token stay.
    let same = orgs.update(&org.id, &input("Acme 2", None, false)).unwrap();
    assert_eq!(same.denied_permissions, vec![ApiPermission::DeleteClusters]);
    assert!(store.accounts().contains(&token_account(&org.id)));

    // To session-only, keeping the secret: it leaves the keychain.
    let moved = orgs.update(&org.id, &input("Acme 2", None, true)).unwrap();
    assert_eq!(moved.secret_storage, SecretStorage::Session);
    assert_eq!(orgs.resolve(&org.id).unwrap().secret.expose(), "s3cret");
    assert!(!store.accounts().contains(&secret_account(&org.id)));

    // A new secret: tokens and permissions seen are forgotten.
    let changed = orgs
        .update(&org.id, &input("Acme 2", Some("other"), false))
        .unwrap();
    assert!(changed.denied_permissions.is_empty());
    assert!(!store.accounts().contains(&token_account(&org.id)));
    assert_eq!(orgs.resolve(&org.id).unwrap().secret.expose(), "other");

    // Survives a reload (active too); session secrets do not.
    let again = load(&d, &store);
    assert_eq!(again.active_id(), org.id);
    assert_eq!(again.resolve(&org.id).unwrap().secret.expose(), "other");
    let text = std::fs::read_to_string(d.join("settings.json")).unwrap();
    assert!(!text.contains("s3cret") && !text.contains("other"));
}

#[test]
fn session_secret_is_gone_after_restart_with_a_clear_message() {
    let d = dir();
    let store = MemoryStore::new();
    let org = load(&d, &store)
        .add(&input("Temp", Some("temp-secret"), true))
        .unwrap();
    let again = load(&d, &store);
    let err = again.resolve(&org.id).err().unwrap();
    assert!(err.message.contains("one session only"), "{}", err.message);
    assert!(!err.message.contains("temp-secret"));
}

#[test]
fn failed_keychain_saves_nothing() {
    let d = dir();
    let store = MemoryStore::new();
    store.set_unavailable(Some("locked"));
    let orgs = load(&d, &store);
    let err = orgs.add(&input("Acme", Some("x"), false)).unwrap_err();
    assert_eq!(err.kind, crate::error::ErrorKind::KeychainUnavailable);
    assert_eq!(orgs.list(None).organizations.len(), 1);
    assert!(!d.join("settings.json").exists());
    let (available, message) = orgs.keychain_status();
    assert!(!available);
    assert!(message.unwrap().contains("locked"));
}

#[test]
fn environment_needs_id_and_secret() {
    let d = dir();
    let env =
        ParsedCredentials::from_lookup(|k| (k == credentials::CLIENT_ID).then(|| "id".into()));
    let orgs = Organizations::load(
        SettingsFile::in_dir(&d),
        Arc::new(MemoryStore::new()),
        Some(env),
    );
    assert_eq!(
        orgs.active_id(),
        SANDBOX_ID,
        "incomplete variables: no Environment organization"
    );

    let env = ParsedCredentials::from_lookup(|k| match k {
        credentials::CLIENT_ID => Some("id".into()),
        credentials::CLIENT_SECRET => Some("sec".into()),
        _ => None,
    });
    let orgs = Organizations::load(
        SettingsFile::in_dir(&d),
        Arc::new(MemoryStore::new()),
        Some(env),
    );
    assert_eq!(orgs.active_id(), ENVIRONMENT_ID);
    let org = orgs.organization(ENVIRONMENT_ID, None).unwrap();
    assert_eq!(org.token_url, console_api::SAAS_TOKEN_URL);
    assert_eq!(orgs.resolve(ENVIRONMENT_ID).unwrap().secret.expose(), "sec");
}

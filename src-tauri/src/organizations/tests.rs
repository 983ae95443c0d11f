//! Organizations without Tauri: settings file + in-memory keychain.

use std::sync::Arc;

use super::*;
use crate::dto::{OrgColor, OrganizationInput};
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
        color: None,
        production: false,
    }
}

fn with_marks(name: &str, color: Option<OrgColor>, production: bool) -> OrganizationInput {
    let mut i = input(name, None, false);
    i.color = color;
    i.production = production;
    i
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
fn colours_are_distinct_kept_on_edit_and_production_is_saved() {
    let d = dir();
    let store = MemoryStore::new();
    let orgs = load(&d, &store);
    let colours: Vec<OrgColor> = (0..7)
        .map(|i| {
            orgs.add(&input(&format!("Org {i}"), Some("s"), false))
                .unwrap()
                .color
        })
        .collect();
    // The six automatic colours first, each once, then the least used again.
    assert_eq!(colours[..6], OrgColor::AUTO);
    assert_eq!(colours[6], OrgColor::Blue);
    assert!(!colours.contains(&OrgColor::Red) && !colours.contains(&OrgColor::Gray));

    let first = orgs.list(None).organizations[1].clone();
    assert_eq!(first.name, "Org 0");
    let marked = orgs
        .update(&first.id, &with_marks("Org 0", Some(OrgColor::Red), true))
        .unwrap();
    assert_eq!((marked.color, marked.production), (OrgColor::Red, true));
    // An edit that sends no colour keeps the organization's own.
    let kept = orgs
        .update(&first.id, &input("Org 0", None, false))
        .unwrap();
    assert_eq!((kept.color, kept.production), (OrgColor::Red, false));
    orgs.update(&first.id, &with_marks("Org 0", None, true))
        .unwrap();

    // Both are in the settings file: a restart shows them.
    let again = load(&d, &store);
    let o = again.organization(&first.id, None).unwrap();
    assert_eq!((o.color, o.production), (OrgColor::Red, true));
    assert_eq!(
        again.list(None).organizations[0].color,
        OrgColor::Gray,
        "the Sandbox"
    );
}

#[test]
fn a_settings_file_from_before_colours_gets_a_stable_colour() {
    let d = dir();
    std::fs::write(
        d.join("settings.json"),
        r#"{"version":1,"activeId":"org-old","organizations":[{"id":"org-old","name":"Old","clientId":"cid",
        "tokenUrl":"https://login.cloud.camunda.io/oauth/token","apiBaseUrl":"https://api.cloud.camunda.io",
        "audience":"api.cloud.camunda.io","secretStorage":"keychain"}]}"#,
    )
    .unwrap();
    let store = MemoryStore::new();
    let a = load(&d, &store).organization("org-old", None).unwrap();
    let b = load(&d, &store).organization("org-old", None).unwrap();
    assert_eq!(a.color, OrgColor::for_id("org-old"));
    assert_eq!(a.color, b.color);
    assert!(!a.production);
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
    let on_disk = SettingsFile::in_dir(&d).read_unlocked().unwrap();
    assert!(on_disk.organizations.is_empty());
    let (available, message) = orgs.keychain_status();
    assert!(!available);
    assert!(message.unwrap().contains("locked"));
    // Kept pending (a timed-out write may land later): the next start with a keychain clears it.
    assert_eq!(on_disk.pending_keychain.len(), 1);
    store.set_unavailable(None);
    drop(load(&d, &store));
    let on_disk = SettingsFile::in_dir(&d).read_unlocked().unwrap();
    assert!(on_disk.pending_keychain.is_empty());
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

/// Run in a child process by [`two_processes_lose_nothing`]: 30 adds to the settings folder of
/// `SKEP_TEST_SETTINGS_DIR`, removing every third again, as writer `SKEP_TEST_WRITER`.
#[test]
#[ignore = "runs in a child process of two_processes_lose_nothing"]
fn settings_writer_child() {
    let d = std::path::PathBuf::from(std::env::var("SKEP_TEST_SETTINGS_DIR").unwrap());
    let writer = std::env::var("SKEP_TEST_WRITER").unwrap();
    let orgs = load(&d, &MemoryStore::new());
    for i in 0..30 {
        let org = orgs
            .add(&input(&format!("{writer}-{i}"), Some("s"), false))
            .unwrap();
        if i % 3 == 2 {
            orgs.remove(&org.id).unwrap();
        }
    }
}

/// Two real processes add and remove organizations in one settings folder at the same time:
/// every organization one of them added and did not remove is there at the end, and nothing
/// is left pending.
#[test]
fn two_processes_lose_nothing() {
    let d = dir();
    let children: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|w| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "organizations::tests::settings_writer_child",
                    "--ignored",
                    "--test-threads=1",
                ])
                .env("SKEP_TEST_SETTINGS_DIR", &d)
                .env("SKEP_TEST_WRITER", w)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let disk = SettingsFile::in_dir(&d).read_unlocked().unwrap();
    let mut got: Vec<String> = disk.organizations.iter().map(|o| o.name.clone()).collect();
    got.sort();
    let mut want: Vec<String> = ["A", "B"]
        .iter()
        .flat_map(|w| {
            (0..30)
                .filter(|i| i % 3 != 2)
                .map(move |i| format!("{w}-{i}"))
        })
        .collect();
    want.sort();
    let lost: Vec<_> = want.iter().filter(|n| !got.contains(n)).collect();
    assert!(
        lost.is_empty(),
        "{} kept organizations lost: {lost:?}",
        lost.len()
    );
    assert_eq!(got, want, "removed organizations came back");
    assert!(
        disk.pending_keychain.is_empty(),
        "{:?}",
        disk.pending_keychain
    );
    // This process, started before or after, sees them all.
    assert_eq!(
        load(&d, &MemoryStore::new()).list(None).organizations.len(),
        41
    );
}

/// A keychain that stores the secret and then "kills the process" (panics), like a crash
/// between the keychain write and the settings write.
struct DiesAfterSet(MemoryStore);

impl crate::secrets::SecretStore for DiesAfterSet {
    fn get(
        &self,
        account: &str,
    ) -> Result<Option<console_api::Secret>, crate::secrets::KeychainError> {
        self.0.get(account)
    }
    fn set(&self, account: &str, secret: &str) -> Result<(), crate::secrets::KeychainError> {
        self.0.set(account, secret)?;
        panic!("the process dies right after the keychain write");
    }
    fn delete(&self, account: &str) -> Result<(), crate::secrets::KeychainError> {
        self.0.delete(account)
    }
    fn check(&self) -> Result<(), crate::secrets::KeychainError> {
        self.0.check()
    }
}

/// An add in settings folder `d` whose process "dies" right after the secret reached `store`.
fn add_and_die_after_the_keychain_write(d: &std::path::Path, store: &MemoryStore) {
    let dying = Organizations::load(
        SettingsFile::in_dir(d),
        Arc::new(DiesAfterSet(store.clone())),
        None,
    );
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        dying.add(&input("Racing", Some("orphan-secret"), false))
    }));
    assert!(crashed.is_err());
}

#[test]
fn a_crash_after_the_keychain_write_leaves_no_orphaned_secret() {
    let d = dir();
    let store = MemoryStore::new();
    add_and_die_after_the_keychain_write(&d, &store);
    let pending = SettingsFile::in_dir(&d)
        .read_unlocked()
        .unwrap()
        .pending_keychain;
    assert_eq!(pending.len(), 1, "the unfinished save is journaled");
    assert!(store.accounts().contains(&secret_account(&pending[0])));

    let orgs = load(&d, &store);
    assert_eq!(orgs.list(None).organizations.len(), 1, "only the Sandbox");
    assert!(
        !store.accounts().contains(&secret_account(&pending[0])),
        "orphaned secret still in the keychain: {:?}",
        store.accounts()
    );
    let disk = SettingsFile::in_dir(&d).read_unlocked().unwrap();
    assert!(disk.pending_keychain.is_empty());
}

#[test]
fn a_locked_keychain_at_start_keeps_the_journal_for_later() {
    let d = dir();
    let store = MemoryStore::new();
    add_and_die_after_the_keychain_write(&d, &store);
    store.set_unavailable(Some("locked"));
    drop(load(&d, &store));
    let pending = SettingsFile::in_dir(&d)
        .read_unlocked()
        .unwrap()
        .pending_keychain;
    assert_eq!(pending.len(), 1, "kept while the keychain is locked");
    store.set_unavailable(None);
    drop(load(&d, &store));
    assert!(store.accounts().is_empty(), "{:?}", store.accounts());
}

/// A settings file that exists but cannot be read (a folder in its place: root reads any file
/// whatever its mode) is never saved over: every change is refused with the reason, and the
/// app says so.
#[test]
fn a_settings_file_that_cannot_be_read_is_never_saved_over() {
    let d = dir();
    std::fs::create_dir(d.join("settings.json")).unwrap();
    std::fs::write(d.join("settings.json").join("precious"), b"x").unwrap();
    let store = MemoryStore::new();
    let orgs = load(&d, &store);
    let state = orgs.list(None);
    let problem = state.settings_problem.expect("the problem is shown");
    assert!(
        problem.starts_with("Skep could not read its settings file ("),
        "{problem}"
    );
    let err = orgs.add(&input("Acme", Some("s"), false)).unwrap_err();
    assert_eq!(err.message, problem);
    assert!(
        store.accounts().is_empty(),
        "no secret stored for a refused save"
    );
    let err = orgs.set_active(SANDBOX_ID).unwrap_err();
    assert_eq!(err.message, problem);
    assert!(d.join("settings.json").join("precious").exists());
}

/// Run in a child process by [`a_crash_during_save_as_file_leaves_no_secret_behind`].
#[cfg(feature = "test-hooks")]
#[test]
#[ignore = "runs in a child process of a_crash_during_save_as_file_leaves_no_secret_behind"]
fn secret_file_child() {
    let data = std::path::PathBuf::from(std::env::var("SKEP_TEST_SETTINGS_DIR").unwrap());
    let user = std::path::PathBuf::from(std::env::var("SKEP_TEST_USER_DIR").unwrap());
    let _ = SettingsFile::in_dir(&data)
        .write_secret_file(&user.join("client.env"), b"CLIENT_SECRET=crash-secret");
}

/// "Save as file" killed before its rename: the next start deletes the temp file (which holds
/// the secret) from the user's folder.
#[cfg(feature = "test-hooks")]
#[test]
fn a_crash_during_save_as_file_leaves_no_secret_behind() {
    let data = dir();
    let user = dir();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "organizations::tests::secret_file_child",
            "--ignored",
            "--test-threads=1",
        ])
        .env("SKEP_TEST_SETTINGS_DIR", &data)
        .env("SKEP_TEST_USER_DIR", &user)
        .env(super::CRASH_ENV, "secret-file-before-rename")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "the child aborted at the crash point"
    );
    let left: Vec<_> = std::fs::read_dir(&user)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(
        std::fs::read(&left[0]).unwrap(),
        b"CLIENT_SECRET=crash-secret",
        "the crash left the secret in a temp file"
    );
    let _ = SettingsFile::in_dir(&data).load();
    let left: Vec<_> = std::fs::read_dir(&user).unwrap().flatten().collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The settings file turns unreadable while Skep runs: a removal is refused before the secret
/// leaves the keychain, so nothing is lost.
#[test]
fn a_removal_that_cannot_be_saved_keeps_the_secret() {
    let d = dir();
    let store = MemoryStore::new();
    let orgs = load(&d, &store);
    let org = orgs
        .add(&input("Acme", Some("kept-secret"), false))
        .unwrap();
    std::fs::remove_file(d.join("settings.json")).unwrap();
    std::fs::create_dir(d.join("settings.json")).unwrap();
    let err = orgs.remove(&org.id).unwrap_err();
    assert!(
        err.message
            .starts_with("Skep could not read its settings file ("),
        "{}",
        err.message
    );
    assert!(store.accounts().contains(&secret_account(&org.id)));
    assert_eq!(
        orgs.resolve(&org.id).unwrap().secret.expose(),
        "kept-secret"
    );
}

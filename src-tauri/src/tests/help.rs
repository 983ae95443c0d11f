//! The Help menu's commands (About, Copy diagnostics, Open log folder), the log file, and the
//! menu bar's items reaching the UI as one event.

use std::sync::mpsc;

use serde_json::{json, Value};
use tauri::menu::MenuItemKind;
use tauri::Listener;
use tracing_subscriber::layer::SubscriberExt;

use super::*;
use crate::logging::{LogFile, LOG_FILE_NAME};
use crate::menu::{MenuAction, QUIT_ID};

#[test]
fn diagnostics_name_version_os_and_counts_never_a_secret_name_url_or_id() {
    let sandbox = external_sandbox();
    let app = Harness::new("diagnostics");
    let creds = sandbox.default_credentials();
    let id = app.add_active_org("Orders Production EU", &sandbox);
    let _: Value = app.ok("list_clusters", json!({}));

    let text: String = app.ok("copy_diagnostics", json!({}));
    assert_eq!(
        app.platform.read_clipboard_now().as_deref(),
        Some(text.as_str()),
        "the answer is what went to the clipboard"
    );
    assert!(
        text.starts_with(&format!(
            "Skep {} (commit {})\n",
            env!("CARGO_PKG_VERSION"),
            crate::diagnostics::GIT_COMMIT
        )),
        "{text}"
    );
    assert!(text.contains("\nOS: "), "{text}");
    assert!(text.contains("\nWebview: "), "{text}");
    assert!(
        text.contains("Organizations: 2 (1 saved, 0 from the environment, the built-in Sandbox)"),
        "{text}"
    );
    let org = app
        .state()
        .orgs(app.app.handle())
        .unwrap()
        .organization(&id, None)
        .unwrap();
    let never = [
        ("organization name", "Orders Production EU".to_string()),
        ("organization name (part)", "Orders".to_string()),
        ("organization id", id.clone()),
        ("client id", creds.client_id.clone()),
        ("client secret", creds.client_secret.clone()),
        ("API URL", org.api_base_url.clone()),
        ("token URL", org.token_url.clone()),
        ("a URL", "http".to_string()),
        ("the data folder", app.dir.display().to_string()),
        ("the sandbox's clusters", "orders-prod".to_string()),
    ];
    for (what, value) in never {
        assert!(!text.contains(&value), "{what} in the diagnostics:\n{text}");
    }
    if let Ok(user) = std::env::var("USER") {
        if user.len() > 3 {
            assert!(
                !text.contains(&user),
                "the user name in the diagnostics:\n{text}"
            );
        }
    }
}

#[test]
fn about_names_version_commit_and_licence() {
    let app = Harness::new("about");
    let about: Value = app.ok("about_skep", json!({}));
    assert_eq!(about["name"], "Skep");
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["commit"], crate::diagnostics::GIT_COMMIT);
    assert_eq!(about["license"], "Apache-2.0");
}

#[test]
fn open_log_folder_creates_the_folder_and_opens_it() {
    let app = Harness::new("log-folder");
    let dir = app.dir.join("logs");
    let _: Value = app.ok("open_log_folder", json!({}));
    assert!(dir.is_dir());
    assert_eq!(*app.platform.opened_folders.lock(), vec![dir]);
}

#[test]
fn the_log_file_holds_what_was_logged_before_it_opened_and_is_owner_only() {
    let dir = temp_dir("log-file");
    let file = LogFile::new();
    let subscriber = tracing_subscriber::registry().with(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(file.clone()),
    );
    tracing::subscriber::with_default(subscriber, || {
        tracing::info!("before the file was opened");
        let path = file.open(&dir.join("logs")).unwrap();
        assert_eq!(path, dir.join("logs").join(LOG_FILE_NAME));
        assert_eq!(file.path(), Some(path));
        tracing::warn!(answer = 42, "after");
    });
    let path = dir.join("logs").join(LOG_FILE_NAME);
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("INFO") && lines[0].contains("before the file was opened"),
        "{text}"
    );
    assert!(
        lines[1].contains("WARN") && lines[1].contains("after answer=42"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour codes in the file: {text:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.join("logs")), 0o700);
    }
    // A second start appends.
    let again = LogFile::new();
    again.open(&dir.join("logs")).unwrap();
    tracing::subscriber::with_default(
        tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(again.clone()),
        ),
        || tracing::info!("second start"),
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_log_file_is_rotated_by_size_keeping_a_few() {
    let dir = temp_dir("log-rotate");
    let file = LogFile::new();
    file.open_with(&dir, 1_000, 2).unwrap();
    let subscriber = tracing_subscriber::registry().with(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(file.clone()),
    );
    tracing::subscriber::with_default(subscriber, || {
        for i in 0..200 {
            tracing::info!(
                line = i,
                "a line of about a hundred bytes, written again and again"
            );
        }
    });
    let name = |suffix: &str| dir.join(format!("{LOG_FILE_NAME}{suffix}"));
    for suffix in ["", ".1", ".2"] {
        let len = std::fs::metadata(name(suffix)).unwrap().len();
        assert!(len > 0 && len <= 1_000, "{suffix}: {len} bytes");
    }
    assert!(!name(".3").exists(), "only two rotated files are kept");
    let newest = std::fs::read_to_string(name("")).unwrap();
    assert!(newest.contains("line=199"), "{newest}");
    let older = std::fs::read_to_string(name(".1")).unwrap();
    assert!(!older.contains("line=199"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every item of `items`, submenus' items included.
fn item_ids(items: Vec<MenuItemKind<MockRuntime>>, out: &mut Vec<String>) {
    for item in items {
        out.push(item.id().0.clone());
        if let Some(sub) = item.as_submenu() {
            item_ids(sub.items().unwrap(), out);
        }
    }
}

#[test]
fn the_menu_bar_has_every_item_and_they_reach_the_ui_as_one_event() {
    let app = Harness::new("menu");
    let menu = app.app.menu().expect("the app has a menu bar");
    let mut ids = Vec::new();
    item_ids(menu.items().unwrap(), &mut ids);
    for action in MenuAction::ALL {
        assert!(
            ids.iter().any(|id| id == action.id()),
            "no {action:?} in {ids:?}"
        );
    }
    assert!(ids.iter().any(|id| id == QUIT_ID), "no Quit in {ids:?}");
    let titles: Vec<String> = menu
        .items()
        .unwrap()
        .iter()
        .filter_map(|i| i.as_submenu().map(|s| s.text().unwrap().replace('&', "")))
        .collect();
    #[cfg(not(target_os = "macos"))]
    assert_eq!(titles, ["File", "Edit", "View", "Help"]);
    #[cfg(target_os = "macos")]
    assert_eq!(
        titles,
        ["Skep", "&File", "&Edit", "&View", "Window", "&Help"]
    );

    let (tx, rx) = mpsc::channel::<String>();
    app.app.listen_any("menu-action", move |e| {
        let _ = tx.send(e.payload().to_string());
    });
    for action in MenuAction::ALL {
        crate::menu::on_menu_event(app.app.handle(), action.id());
        let payload = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(payload, format!("\"{}\"", action.id()));
    }
    // The platform's own items (copy, paste, …) are not the UI's.
    crate::menu::on_menu_event(app.app.handle(), "some-predefined-item");
    assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
}

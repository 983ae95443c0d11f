//! Webview lock-down at the IPC level: the app built with its real configuration and capability
//! (`tauri::generate_context!()`, i.e. tauri.conf.json + capabilities/default.json) on the mock
//! runtime. The main window may call the app's own commands; every plugin command (the app
//! registers clipboard, dialog, notification and opener for its Rust side) and every core command
//! not granted is rejected; another window gets nothing at all.
//! The same is checked in the real webview by tests/e2e/security.test.mjs.

use console_sandbox::SandboxConfig;
use serde_json::{json, Value};

use super::*;

/// The app with its real context; the built-in sandbox as given.
fn with_real_context(tag: &str, sandbox_config: Option<SandboxConfig>) -> Harness {
    let mut setup = Setup::new(tag);
    setup.sandbox_config = sandbox_config;
    setup.real_context = true;
    setup.start()
}

#[test]
fn the_capability_grants_exactly_the_commands() {
    let cap: Value = serde_json::from_str(include_str!("../../capabilities/default.json")).unwrap();
    let perms: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = crate::commands::COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.push("core:event:allow-listen".into());
    expected.push("core:event:allow-unlisten".into());
    assert_eq!(perms, expected);
    assert_eq!(cap["windows"], json!(["main"]));
}

#[test]
fn capabilities_allow_only_the_apps_commands_in_the_main_window() {
    let h = with_real_context("acl", Some(quiet_config()));
    let main = &h.webview;
    let other = tauri::WebviewWindowBuilder::new(&h.app, "other", Default::default())
        .build()
        .unwrap();

    let state = ipc(main, "list_organizations", json!({})).unwrap();
    assert_eq!(state["activeId"], "sandbox");
    let e = ipc(&other, "list_organizations", json!({})).unwrap_err();
    assert!(e.to_string().contains("not allowed"), "{e}");

    for (cmd, args) in [
        ("plugin:clipboard-manager|read_text", json!({})),
        (
            "plugin:clipboard-manager|write_text",
            json!({ "text": "x" }),
        ),
        ("plugin:dialog|save", json!({ "options": {} })),
        ("plugin:store|load", json!({ "path": "settings.json" })),
        (
            "plugin:opener|open_url",
            json!({ "url": "https://example.com" }),
        ),
        (
            "plugin:notification|notify",
            json!({ "options": { "title": "x" } }),
        ),
    ] {
        let e = ipc(main, cmd, args).unwrap_err();
        assert!(e.to_string().contains("not allowed"), "{cmd}: {e}");
    }
}

/// Plugin and core commands the web UI must not reach.
const NOT_GRANTED: &[(&str, &str)] = &[
    ("plugin:store|load", r#"{"path":"settings.json"}"#),
    ("plugin:store|get_store", r#"{"path":"settings.json"}"#),
    ("plugin:clipboard-manager|read_text", "{}"),
    ("plugin:clipboard-manager|write_text", r#"{"text":"x"}"#),
    ("plugin:dialog|open", "{}"),
    ("plugin:dialog|save", "{}"),
    ("plugin:notification|notify", r#"{"options":{"title":"x"}}"#),
    ("plugin:opener|open_url", r#"{"url":"https://example.com"}"#),
    ("plugin:opener|open_path", r#"{"path":"/etc"}"#),
    ("plugin:fs|read_text_file", r#"{"path":"/etc/hostname"}"#),
    (
        "plugin:shell|execute",
        r#"{"program":"sh","args":["-c","true"]}"#,
    ),
    (
        "plugin:http|fetch",
        r#"{"clientConfig":{"url":"https://example.com","method":"GET"}}"#,
    ),
    ("plugin:window|close", "{}"),
    (
        "plugin:webview|create_webview_window",
        r#"{"options":{"label":"x","url":"https://example.com"}}"#,
    ),
    ("plugin:app|version", "{}"),
    ("plugin:path|resolve_directory", r#"{"directory":14}"#),
];

#[test]
fn the_main_window_reaches_its_commands_and_nothing_else() {
    let h = with_real_context("acl-main", None);
    let main = &h.webview;
    // Granted: the app's own commands.
    let state = ipc(main, "list_organizations", json!({})).expect("granted command");
    assert!(state["organizations"].is_array());
    // Not granted: every plugin command, unknown commands.
    for (cmd, args) in NOT_GRANTED {
        let args: Value = serde_json::from_str(args).expect("args");
        let result = ipc(main, cmd, args);
        let Err(error) = result else {
            panic!("{cmd} was allowed: {result:?}");
        };
        eprintln!("{cmd}: {error}");
        // Refused by the access control (for the registered plugins: "Permissions associated
        // with this command: ..."), not by some accident of the call.
        assert!(
            error.to_string().contains("not allowed"),
            "{cmd}: unexpected rejection {error}"
        );
    }
    assert!(ipc(main, "no_such_command", json!({})).is_err());
}

#[test]
fn another_window_gets_no_command_at_all() {
    let h = with_real_context("acl-other", None);
    let other = tauri::WebviewWindowBuilder::new(&h.app, "other", Default::default())
        .build()
        .expect("other window");
    for cmd in ["list_organizations", "list_clusters", "copy_pending_secret"] {
        let result = ipc(&other, cmd, json!({ "field": "secret" }));
        assert!(
            result.is_err(),
            "{cmd} allowed in window 'other': {result:?}"
        );
    }
}

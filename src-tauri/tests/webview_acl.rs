//! Issue 8, webview lock-down at the IPC level: the app built with its real configuration and
//! capability (`tauri::generate_context!()`, i.e. src-tauri/capabilities/default.json) on the mock
//! runtime. The main window may call the app's own commands; every plugin command (the app
//! registers store, clipboard, dialog, notification and opener for its Rust side) and every
//! core command not granted is rejected; another window gets nothing at all.
//! The same is checked in the real webview by tests/e2e/security.test.mjs.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use skep_lib::FakePlatform;
use skep_lib::MemoryStore;
use skep_lib::{build_app, Options};
use tauri::test::{mock_builder, MockRuntime};
use tauri::WebviewWindow;

fn invoke(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        webview,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().expect("JSON"))
}

fn app() -> tauri::App<MockRuntime> {
    let dir = std::env::temp_dir().join(format!(
        "skep-itest-acl-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let options = Options {
        secret_store: Arc::new(MemoryStore::new()),
        data_dir: Some(dir),
        environment: None,
        sandbox_addr: None,
        sandbox_config: None,
        platform: Some(Arc::new(FakePlatform::default())),
        clipboard_clear_after: Duration::from_secs(60),
        request_timeout: None,
    };
    build_app(mock_builder(), options)
        .build(tauri::generate_context!())
        .expect("app with the real context")
}

/// Plugin and core commands the web UI must not reach (each plugin here is registered by the app).
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
    let app = app();
    let main = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("main window");
    // Granted: the app's own commands.
    let state = invoke(&main, "list_organizations", json!({})).expect("granted command");
    assert!(state["organizations"].is_array());
    // Not granted: every plugin command, unknown commands.
    for (cmd, args) in NOT_GRANTED {
        let args: Value = serde_json::from_str(args).expect("args");
        let result = invoke(&main, cmd, args);
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
    assert!(invoke(&main, "no_such_command", json!({})).is_err());
}

#[test]
fn another_window_gets_no_command_at_all() {
    let app = app();
    let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default())
        .build()
        .expect("other window");
    for cmd in ["list_organizations", "list_clusters", "copy_pending_secret"] {
        let result = invoke(&other, cmd, json!({ "field": "client_secret" }));
        assert!(
            result.is_err(),
            "{cmd} allowed in window 'other': {result:?}"
        );
    }
}

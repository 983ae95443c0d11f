//! The real configuration (tauri.conf.json + capabilities/default.json) enforces the ACL:
//! the "main" window may call the app's commands and nothing of the plugins; other windows
//! may call nothing.

use std::sync::Arc;

use serde_json::{json, Value};
use tauri::test::{mock_builder, MockRuntime};
use tauri::WebviewWindow;

use super::*;

fn call(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        webview,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn capabilities_allow_only_the_apps_commands_in_the_main_window() {
    let options = Options {
        secret_store: Arc::new(MemoryStore::new()),
        data_dir: Some(temp_dir("acl")),
        environment: None,
        sandbox_addr: None,
        sandbox_config: Some(quiet_config()),
        platform: Some(Arc::new(FakePlatform::default())),
        clipboard_clear_after: std::time::Duration::from_secs(60),
        request_timeout: None,
    };
    let app = build_app(mock_builder(), options)
        .build(tauri::generate_context!())
        .unwrap();
    let main = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default())
        .build()
        .unwrap();

    let state = call(&main, "list_organizations", json!({})).unwrap();
    assert_eq!(state["activeId"], "sandbox");
    let e = call(&other, "list_organizations", json!({})).unwrap_err();
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
        let e = call(&main, cmd, args).unwrap_err();
        assert!(e.to_string().contains("not allowed"), "{cmd}: {e}");
    }
}

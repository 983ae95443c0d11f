//! Skep, the app crate: thin Tauri commands over `console-api`, organizations (settings +
//! keychain), the built-in sandbox, and the platform glue (clipboard, dialogs, notifications).
//!
//! [`build_app`] assembles everything generically over the runtime, so tests drive the real
//! commands through `tauri::test` (mock runtime, no display).

pub mod bench;
pub mod bindings;
pub mod client_credentials;
pub mod commands;
pub mod convert;
pub mod dto;
pub mod error;
pub mod organizations;
pub mod pending;
pub mod platform;
pub mod sandbox;
pub mod secrets;
pub mod state;

use tauri::{Emitter, Manager, Runtime};

pub use state::{AppState, Options};

/// Register plugins, state, the window-close guard and every command.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, options: Options) -> tauri::Builder<R> {
    builder
        // Used from Rust only; no JS permission grants any of them.
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::new(options))
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if guard_close(window) {
                    api.prevent_close();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::organizations::list_organizations,
            commands::organizations::add_organization,
            commands::organizations::import_organization,
            commands::organizations::preview_credentials,
            commands::organizations::update_organization,
            commands::organizations::rename_organization,
            commands::organizations::remove_organization,
            commands::organizations::set_active_organization,
            commands::organizations::test_connection,
            commands::organizations::test_organization,
            commands::organizations::test_credentials,
            commands::clusters::list_clusters,
            commands::clusters::get_cluster,
            commands::clusters::cluster_parameters,
            commands::clusters::create_cluster,
            commands::clusters::delete_cluster,
            commands::clusters::wake_cluster,
            commands::clusters::rename_cluster,
            commands::clients::list_clients,
            commands::clients::list_all_clients,
            commands::clients::get_client,
            commands::clients::create_client,
            commands::clients::delete_client,
            commands::secret::copy_pending_secret,
            commands::secret::save_pending_secret,
            commands::secret::acknowledge_pending_secret,
            commands::secret::close_window,
            commands::links::open_link,
        ])
}

/// A close of `window` was requested: while a client secret is pending, tell the UI
/// (`pending-secret-close-requested`) and return `true` = prevent the close.
pub fn guard_close<R: Runtime>(window: &tauri::Window<R>) -> bool {
    let state = window.state::<AppState>();
    let pending = organizations::lock(&state.pending).is_some();
    if pending {
        if let Err(e) = window.emit(commands::PENDING_SECRET_CLOSE_REQUESTED, ()) {
            tracing::warn!(error = %e, "could not tell the UI about the close request");
        }
    }
    pending
}

/// The desktop app: real keychain, app data dir, environment; stops the sandbox on exit.
pub fn run() {
    prefer_software_compositing();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let app = match build_app(tauri::Builder::default(), Options::from_env())
        .build(tauri::generate_context!())
    {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Skep could not start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Ready = event {
            if !bench_empty_page(handle) {
                handle.state::<AppState>().prefetch_clusters(handle);
            }
            bench::serve_if_requested(handle);
        }
        if let tauri::RunEvent::Exit = event {
            let state = handle.state::<AppState>();
            tauri::async_runtime::block_on(state.sandbox.stop());
        }
    });
}

/// WebKitGTK composites pages with OpenGL by default. Skep's UI (tables, dialogs) gains nothing
/// from it, and measured here it costs: ~95 MiB more in the web process, and without a GPU (Mesa's
/// software GL) a second of compositing burns more than a core. So Skep asks WebKit for its
/// non-composited mode — also the usual cure for blank windows with some GPU drivers — unless
/// the user decided otherwise (`WEBKIT_DISABLE_COMPOSITING_MODE` already set, or
/// `SKEP_GPU_COMPOSITING=1`). Runs first thing in `main`, before any thread exists.
fn prefer_software_compositing() {
    if cfg!(target_os = "linux")
        && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none()
        && std::env::var("SKEP_GPU_COMPOSITING").as_deref() != Ok("1")
    {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// Bench hook (issue 7, `make bench`; inert unless `SKEP_BENCH_EMPTY_PAGE=1`): the main window
/// shows `bench-empty.html` (an empty page) instead of the UI: the Tauri + WebKit floor that the
/// start-up and memory figures are compared with.
/// Returns whether it did.
fn bench_empty_page<R: Runtime>(app: &tauri::AppHandle<R>) -> bool {
    if std::env::var("SKEP_BENCH_EMPTY_PAGE").as_deref() != Ok("1") {
        return false;
    }
    let Some(window) = app.get_webview_window("main") else {
        return false;
    };
    let url = window
        .url()
        .ok()
        .and_then(|u| u.join("/bench-empty.html").ok());
    if let Some(url) = url {
        if let Err(e) = window.navigate(url) {
            tracing::warn!(error = %e, "bench: could not open the empty page");
        }
    }
    true
}

#[cfg(test)]
mod tests;

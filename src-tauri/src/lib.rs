//! Skep, the app crate: thin Tauri commands over `console-api`, organizations (settings +
//! keychain), the built-in sandbox, the platform glue (clipboard, dialogs, notifications), the
//! menu bar and the log file.
//!
//! [`build_app`] assembles everything generically over the runtime, so tests drive the real
//! commands through `tauri::test` (mock runtime, no display).

// The one command list (`with_commands!`), also read by build.rs.
#[macro_use]
#[path = "commands/list.rs"]
mod command_list;

pub(crate) mod backups;
#[cfg(feature = "bench")]
mod bench;
pub(crate) mod bindings;
pub(crate) mod client_credentials;
pub(crate) mod clients;
pub(crate) mod clipboard;
pub(crate) mod clusters;
pub(crate) mod commands;
pub(crate) mod connector_secrets;
pub(crate) mod convert;
pub(crate) mod diagnostics;
pub(crate) mod dto;
pub(crate) mod error;
pub(crate) mod inventory;
pub(crate) mod last_known;
pub(crate) mod logging;
pub(crate) mod menu;
pub(crate) mod organizations;
pub(crate) mod pending;
pub(crate) mod platform;
pub(crate) mod sandbox;
pub(crate) mod secrets;
pub(crate) mod state;

use tauri::{Emitter, Manager, Runtime};

use state::AppState;

pub use state::Options;

/// Register plugins, state, the menu bar, the window-close guard and every command.
pub fn build_app<R: Runtime>(builder: tauri::Builder<R>, options: Options) -> tauri::Builder<R> {
    let specta = commands::specta_builder::<R>();
    #[cfg(feature = "bench")]
    let builder = bench::register_empty_page(builder);
    builder
        // Used from Rust only; no JS permission grants any of them.
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::new(options))
        .menu(menu::build)
        .on_menu_event(|app, event| menu::on_menu_event(app, event.id().as_ref()))
        .setup(|app| {
            // The log file goes to the platform's log folder, known from here on.
            match app.state::<AppState>().log_dir(app.handle()) {
                Ok(dir) => logging::open_in(&dir),
                Err(e) => tracing::warn!(error = %e.message, "no log file"),
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if guard_close(window) {
                    api.prevent_close();
                }
            }
        })
        .invoke_handler(specta.invoke_handler())
}

/// A close of `window` was requested: while a client secret is pending, tell the UI
/// (`pending-secret-close-requested`) and return `true` = prevent the close.
pub fn guard_close<R: Runtime>(window: &tauri::Window<R>) -> bool {
    let state = window.state::<AppState>();
    let pending = state.pending.lock().is_some();
    if pending {
        // By the event's own name (the typed event of the bindings), with no registry to mount.
        let name = <commands::secret::PendingSecretCloseRequested as tauri_specta::Event>::NAME;
        if let Err(e) = window.emit(name, commands::secret::PendingSecretCloseRequested) {
            tracing::warn!(error = %e, "could not tell the UI about the close request");
        }
    }
    pending
}

/// The desktop app: real keychain, app data dir, environment; stops the sandbox on exit.
pub fn run() {
    no_core_dumps();
    prefer_software_compositing();
    prefer_lean_javascript();
    logging::init();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        commit = diagnostics::GIT_COMMIT,
        "Skep starting"
    );
    // First plugin, so a second launch hands over before anything else starts.
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            focus_main_window(app)
        }))
        // The window opens as it was left: size, position (only when it lies on a screen that
        // is still there; else where the OS puts it) and maximized — in the config folder's
        // `.window-state.json`, written when Skep quits.
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        );
    let app = match build_app(builder, Options::from_env()).build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Skep could not start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let tauri::RunEvent::Ready = event {
            #[cfg(feature = "bench")]
            let empty_page = bench::open_empty_page_if_requested(handle);
            #[cfg(not(feature = "bench"))]
            let empty_page = false;
            if !empty_page {
                handle.state::<AppState>().prefetch_clusters(handle);
            }
            #[cfg(all(unix, feature = "bench"))]
            bench::serve_if_requested(handle);
        }
        if let tauri::RunEvent::Exit = event {
            let state = handle.state::<AppState>();
            state.clipboard.clear_now();
            tauri::async_runtime::block_on(state.sandbox.stop());
        }
    });
}

/// A second launch of Skep (same user, same session) does not start a second process that
/// would write the same settings: it exits, and the running window comes to the front.
fn focus_main_window<R: Runtime>(app: &tauri::AppHandle<R>) {
    tracing::info!("Skep was launched again: showing the running window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        if let Err(e) = window.set_focus() {
            tracing::warn!(error = %e, "could not focus the window");
        }
    }
}

/// A crash must not write the process's memory (secrets, tokens) to disk: no core file
/// (`RLIMIT_CORE` 0, inherited by the WebKit processes Skep starts) and, on Linux, not dumpable
/// at all (`PR_SET_DUMPABLE` 0: no core via a `core_pattern` pipe either, and no ptrace attach
/// or `/proc/<pid>/mem` read by other processes of the same user). Windows has no per-process
/// core file; its crash reporter (WER) is outside Skep's control. Runs first thing in `main`.
pub(crate) fn no_core_dumps() {
    #[cfg(unix)]
    {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: plain syscalls with a valid, initialised argument.
        if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } != 0 {
            eprintln!("skep: could not turn off core dumps (setrlimit)");
        }
        #[cfg(target_os = "linux")]
        // SAFETY: PR_SET_DUMPABLE takes one integer argument.
        if unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } != 0 {
            eprintln!("skep: could not mark the process not dumpable (prctl)");
        }
    }
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

/// JavaScriptCore compiles hot code with up to three optimising tiers. Skep's UI renders a
/// virtualized window of rows on user input and data changes, work the interpreter and the
/// baseline JIT do in a few milliseconds, while the DFG tier's compilations stay resident: measured
/// here, a cluster detail opened straight after the list kept ~13 MiB more in the web process
/// (`make bench`, figure 2; BENCHMARKS.md). So on Linux Skep turns the DFG tier (and with it FTL)
/// off for its web process (`JSC_useDFGJIT=false`, read by JavaScriptCore at start from the
/// environment it inherits), unless the user set that option already or asked for the full JIT
/// with `SKEP_FULL_JIT=1`. Runs first thing in `main`, before any thread exists.
fn prefer_lean_javascript() {
    if cfg!(target_os = "linux")
        && std::env::var_os("JSC_useDFGJIT").is_none()
        && std::env::var("SKEP_FULL_JIT").as_deref() != Ok("1")
    {
        std::env::set_var("JSC_useDFGJIT", "false");
    }
}

#[cfg(test)]
mod tests;

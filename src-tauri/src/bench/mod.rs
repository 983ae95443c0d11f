//! Bench hooks for `make bench` (feature `bench`; not in `make run`, `make test` or a bundle),
//! each inert unless its environment variable is set:
//!
//! - `SKEP_BENCH_EMPTY_PAGE=1`: the main window shows an empty page instead of the UI — the
//!   Tauri + WebKit floor that the start-up and memory figures are compared with. The page is
//!   served by the `skep-bench:` protocol, which only this feature registers.
//! - `SKEP_BENCH_SOCKET=/path` (Unix): see [`socket`].

#[cfg(unix)]
mod socket;
#[cfg(unix)]
pub use socket::serve_if_requested;

use tauri::{Manager, Runtime};

const EMPTY_PAGE: &[u8] = include_bytes!("empty.html");
const SCHEME: &str = "skep-bench";

/// Registers the `skep-bench:` protocol that serves the empty page.
pub fn register_empty_page<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.register_uri_scheme_protocol(SCHEME, |_ctx, _request| {
        tauri::http::Response::builder()
            .header("Content-Type", "text/html; charset=utf-8")
            .body(EMPTY_PAGE.to_vec())
            .unwrap_or_default()
    })
}

/// With `SKEP_BENCH_EMPTY_PAGE=1`, opens the empty page in the main window. Returns whether it did.
pub fn open_empty_page_if_requested<R: Runtime>(app: &tauri::AppHandle<R>) -> bool {
    if std::env::var("SKEP_BENCH_EMPTY_PAGE").as_deref() != Ok("1") {
        return false;
    }
    let Some(window) = app.get_webview_window("main") else {
        return false;
    };
    // WebKitGTK names custom protocols `scheme://localhost/…`, WebView2 `http://scheme.localhost/…`.
    let url = if cfg!(windows) {
        format!("http://{SCHEME}.localhost/bench-empty.html")
    } else {
        format!("{SCHEME}://localhost/bench-empty.html")
    };
    match url.parse() {
        Ok(url) => {
            if let Err(e) = window.navigate(url) {
                tracing::warn!(error = %e, "bench: could not open the empty page");
            }
        }
        Err(e) => tracing::warn!(error = %e, "bench: bad empty page URL"),
    }
    true
}

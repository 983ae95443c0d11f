//! The bench socket (Unix only), inert unless `SKEP_BENCH_SOCKET` is set.
//!
//! `SKEP_BENCH_SOCKET=/path/to/socket`: the app listens on that Unix socket (created 0600 by the
//! bench harness's private temp dir) and answers one JSON line per request line, so figure 3
//! compares `list_clusters` invoked from the web UI with work done **in this same process**:
//!
//! - `plain-get N`: N plain HTTP GETs of `{CAMUNDA_CONSOLE_BASE_URL}/clusters` with one reqwest
//!   client and a bearer token fetched once (not timed) with the `CAMUNDA_CONSOLE_*` credentials
//!   the bench starts the app with — the baseline;
//! - `command N`: N times what `list_clusters` does in Rust (API call through `console-api`,
//!   conversion to the list DTO, JSON serialization), without the IPC — where the time goes.
//!
//! Answers hold timings and sizes only, never a credential or a token.

use std::time::Instant;

use serde_json::{json, Value};
use tauri::{AppHandle, Manager, Runtime};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::convert::cluster_summary;
use crate::state::AppState;

/// Start the bench socket when `SKEP_BENCH_SOCKET` is set; otherwise do nothing.
pub fn serve_if_requested<R: Runtime>(app: &AppHandle<R>) {
    let Some(path) = std::env::var_os("SKEP_BENCH_SOCKET") else {
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let listener = match tokio::net::UnixListener::bind(&path) {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "bench: could not listen on SKEP_BENCH_SOCKET");
                return;
            }
        };
        while let Ok((stream, _)) = listener.accept().await {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let answer = match handle(&app, &line).await {
                        Ok(v) => v,
                        Err(e) => json!({ "error": e }),
                    };
                    let mut out = answer.to_string();
                    out.push('\n');
                    if write.write_all(out.as_bytes()).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

async fn handle<R: Runtime>(app: &AppHandle<R>, line: &str) -> Result<Value, String> {
    let mut words = line.split_whitespace();
    let op = words.next().unwrap_or_default();
    let n: usize = words
        .next()
        .unwrap_or("200")
        .parse()
        .map_err(|_| "N must be a number".to_string())?;
    match op {
        "plain-get" => plain_get(n).await,
        "command" => command(app, n).await,
        _ => Err(format!("unknown request {op:?}: plain-get N | command N")),
    }
}

fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("{name} is not set"))
}

/// The baseline: a plain GET of the same endpoint, body read in full, nothing decoded.
async fn plain_get(n: usize) -> Result<Value, String> {
    let base = env("CAMUNDA_CONSOLE_BASE_URL")?;
    let http = reqwest::Client::new();
    let token: Value = http
        .post(env("CAMUNDA_OAUTH_URL")?)
        .form(&[
            ("grant_type", "client_credentials".to_string()),
            ("audience", env("CAMUNDA_CONSOLE_OAUTH_AUDIENCE")?),
            ("client_id", env("CAMUNDA_CONSOLE_CLIENT_ID")?),
            ("client_secret", env("CAMUNDA_CONSOLE_CLIENT_SECRET")?),
        ])
        .send()
        .await
        .map_err(|_| "token request failed".to_string())?
        .json()
        .await
        .map_err(|_| "token answer is not JSON".to_string())?;
    let bearer = token
        .get("access_token")
        .and_then(Value::as_str)
        .ok_or("the token answer has no access_token")?
        .to_string();
    let url = format!("{}/clusters", base.trim_end_matches('/'));
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    for i in 0..n + 10 {
        let started = Instant::now();
        let res = http
            .get(&url)
            .bearer_auth(&bearer)
            .send()
            .await
            .map_err(|e| format!("GET /clusters: {}", e.without_url()))?;
        let status = res.status();
        let body = res
            .bytes()
            .await
            .map_err(|e| format!("GET /clusters body: {}", e.without_url()))?;
        if !status.is_success() {
            return Err(format!("GET /clusters -> {status}"));
        }
        if i >= 10 {
            times.push(ms(started));
        }
        bytes = body.len();
    }
    Ok(json!({ "plain_get_ms": times, "body_bytes": bytes }))
}

/// `list_clusters` without the IPC: the API call, the list DTO and its JSON text.
async fn command<R: Runtime>(app: &AppHandle<R>, n: usize) -> Result<Value, String> {
    let state = app.state::<AppState>();
    let (_, client) = state
        .active_client(app)
        .await
        .map_err(|e| e.message.clone())?;
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    for i in 0..n + 10 {
        let started = Instant::now();
        let clusters = client.list_clusters().await.map_err(|e| e.to_string())?;
        let summaries: Vec<_> = clusters.iter().map(cluster_summary).collect();
        let text = serde_json::to_string(&summaries).map_err(|e| e.to_string())?;
        if i >= 10 {
            times.push(ms(started));
        }
        bytes = text.len();
    }
    Ok(json!({ "command_ms": times, "payload_bytes": bytes }))
}

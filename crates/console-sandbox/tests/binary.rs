//! The `console-sandbox` binary: its output, its credentials, and its refusal of non-loopback
//! addresses.

use std::collections::HashMap;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BIN: &str = env!("CARGO_BIN_EXE_console-sandbox");

struct Running {
    child: Child,
    first_line: String,
    vars: HashMap<String, String>,
}

async fn spawn(args: &[&str]) -> Running {
    spawn_with(args, None).await
}

/// Start the binary; `control_token` = `CONSOLE_SANDBOX_CONTROL_TOKEN` (unset when `None`).
async fn spawn_with(args: &[&str], control_token: Option<&str>) -> Running {
    let mut cmd = Command::new(BIN);
    match control_token {
        Some(t) => cmd.env("CONSOLE_SANDBOX_CONTROL_TOKEN", t),
        None => cmd.env_remove("CONSOLE_SANDBOX_CONTROL_TOKEN"),
    };
    let mut child = cmd
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut read = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), async {
        while read.len() < 6 {
            match lines.next_line().await.unwrap() {
                Some(l) => read.push(l),
                None => break,
            }
        }
    })
    .await
    .expect("the sandbox prints its address and credentials");
    assert_eq!(read.len(), 6, "{read:?}");
    let mut vars = HashMap::new();
    for line in &read[1..] {
        let rest = line
            .strip_prefix("export ")
            .unwrap_or_else(|| panic!("{line}"));
        let (k, v) = rest.split_once('=').unwrap();
        let v = v
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .unwrap();
        vars.insert(k.to_string(), v.to_string());
    }
    Running {
        child,
        first_line: read[0].clone(),
        vars,
    }
}

#[tokio::test]
async fn prints_address_and_credentials_that_work() {
    let mut run = spawn(&[
        "--addr",
        "127.0.0.1:0",
        "--seed",
        "demo",
        "--ready-after",
        "5s",
        "--token-ttl",
        "1h",
        "--latency",
        "0ms",
    ])
    .await;
    let base = run
        .first_line
        .strip_prefix("sandbox listening on ")
        .unwrap()
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(!base.ends_with(":0"), "the real port is printed: {base}");
    let keys: Vec<_> = {
        let mut k: Vec<_> = run.vars.keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys,
        [
            "CAMUNDA_CONSOLE_BASE_URL",
            "CAMUNDA_CONSOLE_CLIENT_ID",
            "CAMUNDA_CONSOLE_CLIENT_SECRET",
            "CAMUNDA_CONSOLE_OAUTH_AUDIENCE",
            "CAMUNDA_OAUTH_URL"
        ]
    );
    assert_eq!(run.vars["CAMUNDA_CONSOLE_BASE_URL"], base);
    assert_eq!(run.vars["CAMUNDA_OAUTH_URL"], format!("{base}/oauth/token"));
    assert_eq!(
        run.vars["CAMUNDA_CONSOLE_OAUTH_AUDIENCE"],
        "api.cloud.camunda.io"
    );
    assert_eq!(run.vars["CAMUNDA_CONSOLE_CLIENT_ID"].len(), 32);
    assert_eq!(run.vars["CAMUNDA_CONSOLE_CLIENT_SECRET"].len(), 64);

    let http = reqwest::Client::new();
    let tok: Value = http
        .post(&run.vars["CAMUNDA_OAUTH_URL"])
        .json(&json!({
            "grant_type": "client_credentials",
            "audience": run.vars["CAMUNDA_CONSOLE_OAUTH_AUDIENCE"],
            "client_id": run.vars["CAMUNDA_CONSOLE_CLIENT_ID"],
            "client_secret": run.vars["CAMUNDA_CONSOLE_CLIENT_SECRET"],
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let expires_in = tok["expires_in"].as_u64().unwrap();
    assert!(
        (3590..=3600).contains(&expires_in),
        "--token-ttl 1h: {expires_in}"
    );
    let clusters: Value = http
        .get(format!("{base}/clusters"))
        .bearer_auth(tok["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clusters.as_array().unwrap().len(), 5);
    run.child.kill().await.unwrap();
}

#[tokio::test]
async fn empty_seed_flag() {
    let mut run = spawn(&["--addr=127.0.0.1:0", "--seed=empty"]).await;
    let base = run
        .first_line
        .strip_prefix("sandbox listening on ")
        .unwrap()
        .to_string();
    let http = reqwest::Client::new();
    let tok: Value = http
        .post(format!("{base}/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("audience", "api.cloud.camunda.io"),
            ("client_id", run.vars["CAMUNDA_CONSOLE_CLIENT_ID"].as_str()),
            (
                "client_secret",
                run.vars["CAMUNDA_CONSOLE_CLIENT_SECRET"].as_str(),
            ),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let clusters: Value = http
        .get(format!("{base}/clusters"))
        .bearer_auth(tok["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clusters, json!([]));
    run.child.kill().await.unwrap();
}

fn base_of(run: &Running) -> String {
    run.first_line
        .strip_prefix("sandbox listening on ")
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn binary_control_routes_are_open_by_default() {
    let mut run = spawn(&["--addr=127.0.0.1:0"]).await;
    let base = base_of(&run);
    let http = reqwest::Client::new();
    let resp = http
        .get(format!("{base}/__sandbox/counters"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // The Host check holds here too.
    let resp = http
        .get(format!("{base}/__sandbox/counters"))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 421);
    run.child.kill().await.unwrap();
}

#[tokio::test]
async fn binary_control_token_env_requires_the_header() {
    let secret = "binary-control-token-0123";
    let mut run = spawn_with(&["--addr=127.0.0.1:0"], Some(secret)).await;
    let base = base_of(&run);
    let http = reqwest::Client::new();
    let counters = |token: Option<&str>| {
        let mut rb = http.get(format!("{base}/__sandbox/counters"));
        if let Some(t) = token {
            rb = rb.header("x-sandbox-control-token", t);
        }
        rb.send()
    };
    assert_eq!(counters(None).await.unwrap().status(), 401);
    assert_eq!(counters(Some("wrong")).await.unwrap().status(), 401);
    assert_eq!(counters(Some(secret)).await.unwrap().status(), 200);
    run.child.kill().await.unwrap();
}

#[tokio::test]
async fn help_documents_the_control_routes() {
    let (code, stdout, _) = fails(&["--help"]).await;
    assert_eq!(code, 0);
    assert!(stdout.contains("CONSOLE_SANDBOX_CONTROL_TOKEN"), "{stdout}");
    assert!(stdout.contains("x-sandbox-control-token"), "{stdout}");
}

async fn fails(args: &[&str]) -> (i32, String, String) {
    let out = tokio::time::timeout(
        Duration::from_secs(20),
        Command::new(BIN).args(args).kill_on_drop(true).output(),
    )
    .await
    .expect("exits promptly")
    .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn refuses_non_loopback_addresses() {
    for addr in ["0.0.0.0:8787", "[::]:8787", "192.0.2.1:8787"] {
        let (code, stdout, stderr) = fails(&["--addr", addr]).await;
        assert_ne!(code, 0, "{addr}");
        assert!(stderr.contains("loopback"), "{addr}: {stderr}");
        assert!(!stdout.contains("CAMUNDA_CONSOLE_CLIENT_SECRET"), "{addr}");
    }
}

#[tokio::test]
async fn bad_arguments_are_clear_errors() {
    for (args, needle) in [
        (vec!["--ready-after", "soon"], "--ready-after"),
        (vec!["--seed", "lots"], "--seed"),
        (vec!["--addr", "not an address"], "--addr"),
        (vec!["--frobnicate"], "unknown argument"),
        (vec!["--latency"], "needs a value"),
    ] {
        let (code, _, stderr) = fails(&args).await;
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

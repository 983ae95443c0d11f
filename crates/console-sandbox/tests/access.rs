//! Who may talk to the sandbox: the `Host` check on every route (DNS-rebinding defence) and the
//! access rules of the `/__sandbox/*` control routes (`ControlAccess`). Raw HTTP over a TCP
//! socket, so that the exact `Host` header (or none) is what the sandbox receives.

mod common;

use std::time::Duration;

use common::*;
use console_sandbox::{ControlAccess, Fault, FaultKind, SandboxConfig, Seed, CONTROL_TOKEN_HEADER};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A response read off the socket: status and body.
struct Raw {
    status: u16,
    body: String,
}

impl Raw {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Send `head` (request line and headers, without the final blank line) plus `body` and read
/// the answer until the server closes the connection.
async fn raw(env: &Env, head: &str, body: &str) -> Raw {
    let mut stream = TcpStream::connect(env.sb.addr()).await.unwrap();
    let req = format!(
        "{head}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut out))
        .await
        .expect("the sandbox answers")
        .unwrap();
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Raw { status, body }
}

/// `method path` with `Host: host` (HTTP/1.1) and an optional extra header line.
async fn with_host(env: &Env, method: &str, path: &str, host: &str, extra: &str) -> Raw {
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!("\r\n{extra}")
    };
    raw(
        env,
        &format!("{method} {path} HTTP/1.1\r\nHost: {host}{extra}"),
        "",
    )
    .await
}

fn control_config(control: ControlAccess) -> SandboxConfig {
    SandboxConfig {
        control,
        ..config(Seed::Demo)
    }
}

fn assert_misdirected(r: Raw, what: &str) {
    assert_eq!(r.status, 421, "{what}: {}", r.body);
    let v = r.json();
    assert_eq!(v["status"], 421, "{what}");
    assert!(
        v["message"].as_str().unwrap().contains("Misdirected"),
        "{what}"
    );
}

#[tokio::test]
async fn non_loopback_host_is_refused_on_api_token_and_control_routes() {
    let env = demo().await;
    let token = env.token().await;
    let creds = env.sb.default_credentials();
    let form = format!(
        "grant_type=client_credentials&audience=api.cloud.camunda.io&client_id={}&client_secret={}",
        creds.client_id, creds.client_secret
    );
    for host in ["evil.example", "evil.example:8787"] {
        let api = with_host(
            &env,
            "GET",
            "/clusters",
            host,
            &format!("Authorization: Bearer {token}"),
        )
        .await;
        assert_misdirected(api, &format!("API route, Host {host}"));
        let tok = raw(
            &env,
            &format!(
                "POST /oauth/token HTTP/1.1\r\nHost: {host}\r\n\
                 Content-Type: application/x-www-form-urlencoded"
            ),
            &form,
        )
        .await;
        assert_misdirected(tok, &format!("token route, Host {host}"));
        let ctl = with_host(&env, "GET", "/__sandbox/counters", host, "").await;
        assert_misdirected(ctl, &format!("control route, Host {host}"));
        let revoke = with_host(&env, "POST", "/__sandbox/revoke-tokens", host, "").await;
        assert_misdirected(revoke, &format!("control action, Host {host}"));
    }
    // Refused before anything happened: no token issued, none revoked, nothing counted.
    let c = env.sb.counters();
    assert_eq!(c.token_requests, 1, "{c:?}");
    assert_eq!(c.tokens_issued, 1, "{c:?}");
    assert_eq!(c.routes.get("GET /clusters"), None, "{c:?}");
    env.clusters(&token).await;
    // The same requests with a loopback Host work.
    let ok = with_host(
        &env,
        "GET",
        "/clusters",
        "127.0.0.1",
        &format!("Authorization: Bearer {token}"),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let ok = with_host(&env, "GET", "/__sandbox/counters", "localhost", "").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
}

#[tokio::test]
async fn refused_host_is_not_counted_and_meets_no_fault() {
    let env = demo().await;
    let token = env.token().await;
    env.sb.inject(Fault {
        route: "GET /clusters".into(),
        times: 1,
        kind: FaultKind::Status {
            status: 503,
            body: "fault".into(),
            content_type: "text/plain".into(),
            retry_after: None,
        },
    });
    env.sb.reset_counters();
    let r = with_host(
        &env,
        "GET",
        "/clusters",
        "localhost.evil.com",
        &format!("Authorization: Bearer {token}"),
    )
    .await;
    assert_misdirected(r, "faulted route");
    assert_eq!(env.sb.counters(), console_sandbox::Counters::default());
    // The fault is still armed for the next real request.
    let resp = env.call(&token, Method::GET, "/clusters", None).await;
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn look_alike_hosts_are_refused() {
    let env = demo().await;
    for host in [
        "localhost.evil.com",
        "localhost.evil.com:8787",
        "127.0.0.1.nip.io",
        "127.0.0.1.nip.io:8787",
        "localhost.",
        "localhost.:8787",
        "evil.localhost",
        "sub.localhost:8787",
        "127.0.0.1.",
        "127.1",
        "2130706433",
        "0x7f.0.0.1",
        "0.0.0.0",
        "[::1].evil.com",
        "[::2]",
        "[::ffff:127.0.0.1]",
        "localhost:",
        "localhost:99999",
        "localhost:8787:8787",
        "user@localhost",
    ] {
        let r = with_host(&env, "GET", "/__sandbox/counters", host, "").await;
        assert_misdirected(r, &format!("Host {host:?}"));
    }
    // An empty Host, two Host headers, or a loopback Host beside an absolute-form target naming
    // another host.
    let r = raw(&env, "GET /__sandbox/counters HTTP/1.1\r\nHost: ", "").await;
    assert_misdirected(r, "empty Host");
    let r = raw(
        &env,
        "GET /__sandbox/counters HTTP/1.1\r\nHost: localhost\r\nHost: evil.example",
        "",
    )
    .await;
    assert_misdirected(r, "two Host headers");
    let r = raw(
        &env,
        "GET http://evil.example/__sandbox/counters HTTP/1.1\r\nHost: localhost",
        "",
    )
    .await;
    assert_misdirected(r, "absolute-form target");
}

#[tokio::test]
async fn loopback_hosts_and_a_missing_host_are_accepted() {
    let env = demo().await;
    let port = env.sb.addr().port();
    for host in [
        "localhost".to_string(),
        "LOCALHOST".to_string(),
        format!("LocalHost:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        "127.8.9.10:1".to_string(),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
    ] {
        let r = with_host(&env, "GET", "/__sandbox/counters", &host, "").await;
        assert_eq!(r.status, 200, "Host {host}: {}", r.body);
    }
    // HTTP/1.0 without Host: the peer is a loopback one, and browsers always send Host.
    let r = raw(&env, "GET /__sandbox/counters HTTP/1.0", "").await;
    assert_eq!(r.status, 200, "no Host: {}", r.body);
    let r = raw(
        &env,
        &format!(
            "GET http://localhost:{port}/__sandbox/counters HTTP/1.1\r\nHost: localhost:{port}"
        ),
        "",
    )
    .await;
    assert_eq!(r.status, 200, "absolute-form loopback target: {}", r.body);
    // And a refused one next to them, so that this test fails where there is no Host check.
    let r = with_host(&env, "GET", "/__sandbox/counters", "localhost.evil.com", "").await;
    assert_misdirected(r, "look-alike");
}

#[tokio::test]
async fn control_off_is_the_default_and_answers_like_an_unknown_route() {
    assert_eq!(SandboxConfig::default().control, ControlAccess::Off);
    let env = start(SandboxConfig {
        token_rate_limit: None,
        ..SandboxConfig::default()
    })
    .await;
    let token = env.token().await;
    let unknown = with_host(&env, "GET", "/no-such-route", "127.0.0.1", "").await;
    assert_eq!(unknown.status, 404);
    for (method, path, body) in [
        ("GET", "/__sandbox/counters", ""),
        ("GET", "/__sandbox", ""),
        ("POST", "/__sandbox/reset", ""),
        ("POST", "/__sandbox/revoke-tokens", ""),
        ("POST", "/__sandbox/api-clients", "{}"),
        ("POST", "/__sandbox/clock", r#"{"advanceSecs": 999999}"#),
        ("DELETE", "/__sandbox/faults", ""),
        ("GET", "/__sandbox/nope", ""),
    ] {
        let r = raw(
            &env,
            &format!(
                "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
            ),
            body,
        )
        .await;
        assert_eq!(r.status, 404, "{method} {path}: {}", r.body);
        assert_eq!(r.body, unknown.body, "{method} {path}");
    }
    // Nothing happened: the token still works (no revocation, no clock jump).
    env.clusters(&token).await;
    // Even with a token header, Off stays off.
    let r = with_host(
        &env,
        "GET",
        "/__sandbox/counters",
        "127.0.0.1",
        &format!("{CONTROL_TOKEN_HEADER}: anything"),
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn control_token_is_required_when_configured() {
    let secret = "per-run-0123456789abcdef";
    let env = start(control_config(ControlAccess::Token(secret.into()))).await;
    let token = env.token().await;
    let wrong = [
        String::new(),
        format!("{CONTROL_TOKEN_HEADER}: "),
        format!("{CONTROL_TOKEN_HEADER}: wrong"),
        format!("{CONTROL_TOKEN_HEADER}: {}", &secret[..secret.len() - 1]),
        format!("{CONTROL_TOKEN_HEADER}: {secret}x"),
        format!("{CONTROL_TOKEN_HEADER}: {}", secret.to_uppercase()),
        format!("Authorization: Bearer {secret}"),
    ];
    for extra in &wrong {
        for (method, path) in [
            ("GET", "/__sandbox/counters"),
            ("POST", "/__sandbox/revoke-tokens"),
            ("GET", "/__sandbox/nope"),
        ] {
            let r = with_host(&env, method, path, "127.0.0.1", extra).await;
            assert_eq!(r.status, 401, "{method} {path} with {extra:?}: {}", r.body);
            let v = r.json();
            assert_eq!(v["status"], 401);
            assert!(!r.body.contains(secret));
        }
    }
    // Nothing was revoked.
    env.clusters(&token).await;
    // The right token works, on every control route.
    let right = format!("{CONTROL_TOKEN_HEADER}: {secret}");
    let r = with_host(&env, "GET", "/__sandbox/counters", "127.0.0.1", &right).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let resp = env
        .http
        .post(env.url("/__sandbox/api-clients"))
        .header(CONTROL_TOKEN_HEADER, secret)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let r = with_host(
        &env,
        "POST",
        "/__sandbox/revoke-tokens",
        "localhost",
        &right,
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.body);
    assert_eq!(
        env.call(&token, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // The Host check comes first, token or not.
    let r = with_host(&env, "GET", "/__sandbox/counters", "evil.example", &right).await;
    assert_misdirected(r, "right token, wrong Host");
}

#[tokio::test]
async fn control_token_is_not_in_debug_output() {
    let secret = "do-not-print-me-42";
    let config = control_config(ControlAccess::Token(secret.into()));
    let shown = format!("{config:?} {:?}", config.control);
    assert!(!shown.contains(secret), "{shown}");
    assert!(shown.contains("Token"), "{shown}");
    // An empty token opens nothing.
    let env = start(control_config(ControlAccess::Token(String::new()))).await;
    let r = with_host(
        &env,
        "GET",
        "/__sandbox/counters",
        "127.0.0.1",
        &format!("{CONTROL_TOKEN_HEADER}: "),
    )
    .await;
    assert_eq!(r.status, 401, "{}", r.body);
}

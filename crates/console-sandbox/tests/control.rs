//! Fault injection, clock, counters, misuse detection, control routes and stop, over real HTTP.

mod common;

use std::time::{Duration, Instant};

use common::*;
use console_sandbox::{Fault, FaultKind, Seed};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn fault(route: &str, times: u32, kind: FaultKind) -> Fault {
    Fault {
        route: route.into(),
        times,
        kind,
    }
}

#[tokio::test]
async fn status_fault_with_retry_after_then_normal_again() {
    let env = demo().await;
    let t = env.token().await;
    env.sb.inject(fault(
        "GET /clusters",
        2,
        FaultKind::Status {
            status: 503,
            body: "upstream down".into(),
            content_type: "text/plain".into(),
            retry_after: Some("7".into()),
        },
    ));
    for _ in 0..2 {
        let resp = env.call(&t, Method::GET, "/clusters", None).await;
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(resp.headers()["retry-after"], "7");
        assert_eq!(resp.text().await.unwrap(), "upstream down");
    }
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    // Faults match the normalized path: the trailing-slash form is hit too.
    env.sb.inject(fault("GET /clusters", 1, FaultKind::NotJson));
    let resp = env.call(&t, Method::GET, "/clusters/", None).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let body = resp.text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    // Other routes are untouched by a specific fault; clear_faults removes pending ones.
    env.sb
        .inject(fault("GET /clusters/*", 5, FaultKind::NotJson));
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    env.sb.clear_faults();
    assert_eq!(
        env.get_json(&t, "/clusters/parameters").await["channels"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn token_endpoint_faults() {
    let env = demo().await;
    env.sb.inject(fault(
        "POST /oauth/token",
        1,
        FaultKind::Status {
            status: 429,
            body: r#"{"error":"too_many_requests"}"#.into(),
            content_type: "application/json".into(),
            retry_after: Some("30".into()),
        },
    ));
    let body = env.token_body(&env.sb.default_credentials());
    let resp = env.token_request(&body).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "30");
    assert_eq!(env.token_request(&body).await.status(), StatusCode::OK);
    let c = env.sb.counters();
    assert_eq!((c.token_requests, c.tokens_issued), (2, 1));
}

#[tokio::test]
async fn drop_fault_closes_the_connection_without_a_response() {
    let env = demo().await;
    let t = env.token().await;
    // Warm a pooled keep-alive connection first, so the drop hits a reused connection too.
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    env.sb.inject(fault("* /clusters/**", 1, FaultKind::Drop));
    let err = env
        .http
        .get(env.url("/clusters"))
        .bearer_auth(&t)
        .send()
        .await
        .expect_err("a dropped connection is an error, not a response");
    assert!(err.status().is_none());
    assert!(!err.is_timeout(), "{err:?}");
    // Only one request was dropped.
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );

    // On a fresh client (new connection), and on the token endpoint.
    env.sb.inject(fault("*", 1, FaultKind::Drop));
    let fresh = reqwest::Client::new();
    let err = fresh
        .post(env.sb.token_url())
        .json(&env.token_body(&env.sb.default_credentials()))
        .send()
        .await
        .expect_err("dropped");
    assert!(err.status().is_none());
}

#[tokio::test]
async fn delay_fault_delays_only_the_matching_request() {
    let env = demo().await;
    let t = env.token().await;
    let id = env.cluster_by_name(&t, "orders-prod").await["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    env.sb.inject(fault(
        "GET /clusters/*",
        1,
        FaultKind::Delay(Duration::from_millis(1500)),
    ));
    let started = Instant::now();
    let slow = {
        let http = env.http.clone();
        let url = env.url(&format!("/clusters/{id}"));
        let t = t.clone();
        tokio::spawn(async move {
            let resp = http.get(url).bearer_auth(t).send().await.unwrap();
            (resp.status(), Instant::now())
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Meanwhile other requests are served at once.
    let quick_start = Instant::now();
    for _ in 0..3 {
        assert_eq!(
            env.call(&t, Method::GET, "/clusters", None).await.status(),
            StatusCode::OK
        );
    }
    let quick_done = Instant::now();
    assert!(
        quick_done.duration_since(quick_start) < Duration::from_millis(1200),
        "{:?}",
        quick_done.duration_since(quick_start)
    );
    let (status, done) = slow.await.unwrap();
    assert_eq!(status, StatusCode::OK, "a delay responds normally");
    assert!(done.duration_since(started) >= Duration::from_millis(1500));
    // The sandbox shares this test's single-threaded runtime: had the delay blocked it, the
    // quick requests could only have finished after the slow one.
    assert!(quick_done < done);
}

#[tokio::test]
async fn latency_is_added_to_api_requests_only() {
    let env = start(console_sandbox::SandboxConfig {
        latency: Duration::from_millis(1000),
        ..config(Seed::Empty)
    })
    .await;
    let started = Instant::now();
    let t = env.token().await;
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "token requests have no latency"
    );
    let started = Instant::now();
    env.clusters(&t).await;
    assert!(started.elapsed() >= Duration::from_millis(1000));
}

#[tokio::test]
async fn token_latency_is_added_to_token_requests_only() {
    let env = start(console_sandbox::SandboxConfig {
        token_latency: Duration::from_millis(1000),
        ..config(Seed::Empty)
    })
    .await;
    let started = Instant::now();
    let t = env.token().await;
    assert!(started.elapsed() >= Duration::from_millis(1000));
    let started = Instant::now();
    env.clusters(&t).await;
    assert!(
        started.elapsed() < Duration::from_millis(900),
        "API requests have no token latency"
    );
}

#[tokio::test]
async fn counters_count_routes_and_reset() {
    let env = demo().await;
    let t = env.token().await;
    let id = env.cluster_by_name(&t, "orders-prod").await["uuid"]
        .as_str()
        .unwrap()
        .to_string();
    env.get_json(&t, &format!("/clusters/{id}")).await;
    env.get_json(&t, &format!("/clusters/{id}/")).await;
    env.get_json(&t, &format!("/clusters/{id}/clients")).await;
    env.call(
        &t,
        Method::POST,
        &format!("/clusters/{id}/clients"),
        Some(json!({"clientName": "c1"})),
    )
    .await;
    let c = env.sb.counters();
    assert_eq!(c.token_requests, 1);
    assert_eq!(c.tokens_issued, 1);
    assert_eq!(c.routes["GET /clusters"], 1);
    assert_eq!(c.routes["GET /clusters/{id}"], 2);
    assert_eq!(c.routes["GET /clusters/{id}/clients"], 1);
    assert_eq!(c.routes["POST /clusters/{id}/clients"], 1);
    assert_eq!(c.routes["POST /oauth/token"], 1);
    // The same over HTTP.
    let over_http: console_sandbox::Counters = env
        .http
        .get(env.url("/__sandbox/counters"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(over_http, c);
    env.sb.reset_counters();
    assert_eq!(env.sb.counters(), console_sandbox::Counters::default());
    env.get_json(&t, "/clusters").await;
    let resp = env
        .http
        .post(env.url("/__sandbox/reset"))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    assert_eq!(env.sb.counters(), console_sandbox::Counters::default());
}

#[tokio::test]
async fn misuse_of_secrets_and_tokens_is_counted() {
    let env = demo().await;
    let creds = env.sb.default_credentials();
    let t = env.token().await;
    env.get_json(&t, "/clusters").await;
    let c = env.sb.counters();
    assert_eq!(
        (c.admin_secret_misuse, c.token_misuse),
        (0, 0),
        "proper use is not misuse"
    );

    // The secret in an API request (query string), and in a header.
    let resp = env
        .http
        // Secrets and tokens use URL-safe characters only: no encoding needed.
        .get(env.url(&format!("/clusters?client_secret={}", creds.client_secret)))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    env.http
        .get(env.url("/clusters"))
        .header("x-secret", creds.client_secret.as_str())
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    // The secret in a token request's URL.
    env.http
        .post(format!(
            "{}?client_secret={}",
            env.sb.token_url(),
            creds.client_secret
        ))
        .json(&env.token_body(&creds))
        .send()
        .await
        .unwrap();
    assert_eq!(env.sb.counters().admin_secret_misuse, 3);

    // A token sent to the token endpoint, or in an API URL.
    env.http
        .post(env.sb.token_url())
        .bearer_auth(&t)
        .json(&env.token_body(&creds))
        .send()
        .await
        .unwrap();
    env.http
        .get(env.url(&format!("/clusters?access_token={t}")))
        .send()
        .await
        .unwrap();
    env.http
        .get(env.url("/somewhere-else"))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(env.sb.counters().token_misuse, 3);
}

async fn control(env: &Env, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
    let mut rb = env.http.request(method, env.url(path));
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    rb.send().await.unwrap()
}

#[tokio::test]
async fn http_control_routes() {
    let env = demo().await;
    let t = env.token().await;
    // Faults of each kind.
    let resp = control(&env, Method::POST, "/__sandbox/faults", Some(json!({
        "route": "GET /clusters", "times": 1,
        "kind": {"type": "status", "status": 500, "body": "{\"message\":\"boom\"}", "contentType": "application/json", "retryAfter": "3"}
    }))).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let resp = env.call(&t, Method::GET, "/clusters", None).await;
    assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(resp.headers()["retry-after"], "3");
    assert_eq!(resp.headers()["content-type"], "application/json");
    control(
        &env,
        Method::POST,
        "/__sandbox/faults",
        Some(json!({"route": "GET /clusters", "times": 1, "kind": {"type": "not_json"}})),
    )
    .await;
    assert!(env
        .call(&t, Method::GET, "/clusters", None)
        .await
        .json::<Value>()
        .await
        .is_err());
    control(
        &env,
        Method::POST,
        "/__sandbox/faults",
        Some(json!({"route": "GET /clusters", "times": 1, "kind": {"type": "drop"}})),
    )
    .await;
    assert!(env
        .http
        .get(env.url("/clusters"))
        .bearer_auth(&t)
        .send()
        .await
        .is_err());
    control(
        &env,
        Method::POST,
        "/__sandbox/faults",
        Some(json!({"route": "GET /clusters", "times": 1, "kind": {"type": "delay", "ms": 300}})),
    )
    .await;
    let started = Instant::now();
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(300));
    control(
        &env,
        Method::POST,
        "/__sandbox/faults",
        Some(json!({"route": "*", "times": 3, "kind": {"type": "not_json"}})),
    )
    .await;
    assert_eq!(
        control(&env, Method::DELETE, "/__sandbox/faults", None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(env
        .call(&t, Method::GET, "/clusters", None)
        .await
        .json::<Value>()
        .await
        .is_ok());
    // Bad control input is a 400, not a crash.
    let resp = control(
        &env,
        Method::POST,
        "/__sandbox/faults",
        Some(json!({"route": "clusters", "kind": {"type": "drop"}})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = control(
        &env,
        Method::POST,
        "/__sandbox/faults",
        Some(json!({"route": "*", "kind": {"type": "explode"}})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        control(&env, Method::GET, "/__sandbox/nope", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Clock: the token expires.
    let resp = control(
        &env,
        Method::POST,
        "/__sandbox/clock",
        Some(json!({"advanceSecs": 86_401})),
    )
    .await;
    assert!(resp.status().is_success());
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let resp = control(
        &env,
        Method::POST,
        "/__sandbox/clock",
        Some(json!({"advanceSecs": -5})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    // Rate limit on and off.
    control(
        &env,
        Method::POST,
        "/__sandbox/rate-limit",
        Some(json!({"perSecond": 0.1, "burst": 1})),
    )
    .await;
    let body = env.token_body(&env.sb.default_credentials());
    assert_eq!(env.token_request(&body).await.status(), StatusCode::OK);
    assert_eq!(
        env.token_request(&body).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    control(
        &env,
        Method::POST,
        "/__sandbox/rate-limit",
        Some(json!({"off": true})),
    )
    .await;
    assert_eq!(env.token_request(&body).await.status(), StatusCode::OK);

    // API clients with chosen permissions.
    let resp = control(
        &env,
        Method::POST,
        "/__sandbox/api-clients",
        Some(json!({"permissions": ["get_clusters"]})),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let creds: Value = resp.json().await.unwrap();
    assert_eq!(creds["tokenUrl"], env.sb.token_url().as_str());
    let limited = console_sandbox::ApiCredentials {
        client_id: creds["clientId"].as_str().unwrap().into(),
        client_secret: creds["clientSecret"].as_str().unwrap().into(),
    };
    let lt = env.token_for(&limited).await;
    assert_eq!(
        env.call(&lt, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    let resp = env
        .call(&lt, Method::POST, "/clusters", Some(json!({})))
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    // Revocation.
    assert_eq!(
        control(&env, Method::POST, "/__sandbox/revoke-tokens", None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        env.call(&lt, Method::GET, "/clusters", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Control routes are not counted and not faulted.
    assert!(!env
        .sb
        .counters()
        .routes
        .keys()
        .any(|k| k.contains("__sandbox")));
}

#[tokio::test]
async fn start_on_refuses_non_loopback_and_stop_closes_the_port() {
    let err = console_sandbox::Sandbox::start_on("0.0.0.0:0".parse().unwrap(), config(Seed::Empty))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    assert!(err.to_string().contains("loopback"));

    let env = demo().await;
    let url = env.url("/clusters");
    let t = env.token().await;
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    assert!(env.sb.base_url().starts_with("http://127.0.0.1:"));
    assert_eq!(
        env.sb.token_url(),
        format!("{}/oauth/token", env.sb.base_url())
    );
    let creds = env.sb.default_credentials();
    assert!(!format!("{creds:?}").contains(&creds.client_secret));
    let Env { sb, .. } = env;
    sb.stop().await;
    let err = reqwest::Client::new().get(url).send().await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
}

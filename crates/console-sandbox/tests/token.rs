//! The OAuth token endpoint and bearer-token checks on the API, over real HTTP.

mod common;

use std::time::Duration;

use common::*;
use console_sandbox::{ControlAccess, RateLimit, SandboxConfig, Seed};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn json_body_issues_a_signed_jwt_with_exp_iat_aud() {
    let env = demo().await;
    let resp = env
        .token_request(&env.token_body(&env.sb.default_credentials()))
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["token_type"], "Bearer");
    let expires_in = v["expires_in"].as_u64().unwrap();
    assert!((86_390..=86_400).contains(&expires_in), "{expires_in}");
    let c = claims(v["access_token"].as_str().unwrap());
    assert_eq!(c["aud"], "api.cloud.camunda.io");
    let (iat, exp) = (c["iat"].as_u64().unwrap(), c["exp"].as_u64().unwrap());
    assert_eq!(exp - iat, 86_400);
    assert_eq!(c["azp"], env.sb.default_credentials().client_id.as_str());
    assert!(v["scope"].as_str().unwrap().contains("get:clusters"));
}

#[tokio::test]
async fn form_body_and_basic_auth_are_accepted() {
    let env = demo().await;
    let creds = env.sb.default_credentials();
    let resp = env
        .http
        .post(env.sb.token_url())
        .form(&[
            ("grant_type", "client_credentials"),
            ("audience", "api.cloud.camunda.io"),
            ("client_id", creds.client_id.as_str()),
            ("client_secret", creds.client_secret.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = env
        .http
        .post(env.sb.token_url())
        .basic_auth(&creds.client_id, Some(&creds.client_secret))
        .form(&[
            ("grant_type", "client_credentials"),
            ("audience", "api.cloud.camunda.io"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(env.sb.counters().admin_secret_misuse, 0);
}

async fn expect_oauth_error(env: &Env, body: Value, status: StatusCode, error: &str) {
    let resp = env.token_request(&body).await;
    assert_eq!(resp.status(), status, "{body}");
    let v: Value = resp.json().await.unwrap();
    assert_eq!(v["error"], error, "{body}");
    assert!(v["error_description"].is_string());
}

#[tokio::test]
async fn bad_credentials_audience_and_grant_are_refused() {
    let env = demo().await;
    let good = env.token_body(&env.sb.default_credentials());
    let with = |k: &str, v: &str| {
        let mut b = good.clone();
        b[k] = json!(v);
        b
    };
    let u = StatusCode::UNAUTHORIZED;
    expect_oauth_error(&env, with("client_secret", "wrong"), u, "invalid_client").await;
    expect_oauth_error(&env, with("client_id", "nobody"), u, "invalid_client").await;
    expect_oauth_error(
        &env,
        with("audience", "zeebe.camunda.io"),
        u,
        "invalid_client",
    )
    .await;
    let bad = StatusCode::BAD_REQUEST;
    expect_oauth_error(
        &env,
        with("grant_type", "password"),
        bad,
        "unsupported_grant_type",
    )
    .await;
    let mut no_grant = good.clone();
    no_grant.as_object_mut().unwrap().remove("grant_type");
    expect_oauth_error(&env, no_grant, bad, "invalid_request").await;
    let resp = env
        .http
        .post(env.sb.token_url())
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = env.http.get(env.sb.token_url()).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(env.sb.counters().tokens_issued, 0);
    assert_eq!(
        env.sb.counters().token_requests,
        6,
        "failed requests count too"
    );
}

#[tokio::test]
async fn cached_token_is_reissued_with_remaining_lifetime_until_near_expiry() {
    let env = demo().await;
    let creds = env.sb.default_credentials();
    let first: Value = env
        .token_request(&env.token_body(&creds))
        .await
        .json()
        .await
        .unwrap();
    env.sb.advance_clock(Duration::from_secs(3600));
    let second: Value = env
        .token_request(&env.token_body(&creds))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["access_token"], second["access_token"]);
    let (e1, e2) = (
        first["expires_in"].as_u64().unwrap(),
        second["expires_in"].as_u64().unwrap(),
    );
    assert!(e1 - e2 >= 3599 && e1 - e2 <= 3601, "{e1} {e2}");
    // Shortly before expiry a fresh token is minted.
    env.sb
        .advance_clock(Duration::from_secs(86_400 - 3600 - 120));
    let third: Value = env
        .token_request(&env.token_body(&creds))
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(third["access_token"], first["access_token"]);
    assert!(third["expires_in"].as_u64().unwrap() > 86_000);
    // Another client gets its own token.
    let other = env.sb.add_api_client(&console_sandbox::ApiPermission::ALL);
    let t = env.token_for(&other).await;
    assert_ne!(json!(t), third["access_token"]);
    assert_eq!(env.sb.counters().tokens_issued, 4);
}

#[tokio::test]
async fn api_requires_a_valid_unexpired_bearer_token() {
    let env = demo().await;
    let resp = env.http.get(env.url("/clusters")).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = env
        .http
        .get(env.url("/clusters"))
        .header("authorization", "Basic Zm9vOmJhcg==")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let token = env.token().await;
    assert_eq!(
        env.call(&token, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::OK
    );
    // Tampered signature.
    let mut chars: Vec<char> = token.chars().collect();
    let i = chars.len() - 10;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    let forged: String = chars.into_iter().collect();
    assert_eq!(
        env.call(&forged, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        env.call("not-a-jwt", Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // A token from another sandbox (other key) is refused.
    let other = demo().await;
    let foreign = other.token().await;
    assert_eq!(
        env.call(&foreign, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // Expiry on the sandbox clock.
    env.sb.advance_clock(Duration::from_secs(86_401));
    let resp = env.call(&token, Method::GET, "/clusters", None).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(resp.headers().contains_key("www-authenticate"));
}

#[tokio::test]
async fn short_ttl_and_revocation() {
    let env = start(SandboxConfig {
        token_ttl: Duration::from_secs(60),
        ..config(Seed::Empty)
    })
    .await;
    let token = env.token().await;
    assert_eq!(
        claims(&token)["exp"].as_u64().unwrap() - claims(&token)["iat"].as_u64().unwrap(),
        60
    );
    env.sb.revoke_tokens();
    assert_eq!(
        env.call(&token, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let fresh = env.token().await;
    assert_ne!(fresh, token);
    assert_eq!(
        env.call(&fresh, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::OK
    );
    env.sb.advance_clock(Duration::from_secs(61));
    assert_eq!(
        env.call(&fresh, Method::GET, "/clusters", None)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn token_rate_limit_per_ip_with_retry_after_and_switchable() {
    let env = start(SandboxConfig {
        token_rate_limit: Some(RateLimit {
            per_second: 0.5,
            burst: 3,
        }),
        ..config(Seed::Empty)
    })
    .await;
    let good = env.token_body(&env.sb.default_credentials());
    let mut bad = good.clone();
    bad["client_secret"] = json!("wrong");
    // Failed requests use up the budget too.
    assert_eq!(
        env.token_request(&bad).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(env.token_request(&good).await.status(), StatusCode::OK);
    assert_eq!(env.token_request(&good).await.status(), StatusCode::OK);
    let resp = env.token_request(&good).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let ra: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&ra), "{ra}");
    let v: Value = resp.json().await.unwrap();
    assert!(v["error"].is_string());
    assert_eq!(env.sb.counters().token_requests, 4);
    // The API itself is not rate limited.
    env.sb.set_token_rate_limit(None);
    for _ in 0..10 {
        assert_eq!(env.token_request(&good).await.status(), StatusCode::OK);
    }
    env.sb.set_token_rate_limit(Some(RateLimit {
        per_second: 1.0,
        burst: 1,
    }));
    assert_eq!(env.token_request(&good).await.status(), StatusCode::OK);
    assert_eq!(
        env.token_request(&good).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(env.token_request(&good).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn default_config_limits_to_a_burst_of_five() {
    let env = start(SandboxConfig {
        seed: Seed::Empty,
        control: ControlAccess::Open,
        ..SandboxConfig::default()
    })
    .await;
    let good = env.token_body(&env.sb.default_credentials());
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(env.token_request(&good).await.status().as_u16());
    }
    assert_eq!(&statuses[..5], &[200; 5]);
    assert_eq!(statuses[6], 429, "{statuses:?}");
}

#[tokio::test]
async fn rate_limit_is_per_source_ip() {
    let env = start(SandboxConfig {
        token_rate_limit: Some(RateLimit {
            per_second: 0.01,
            burst: 1,
        }),
        ..config(Seed::Empty)
    })
    .await;
    let good = env.token_body(&env.sb.default_credentials());
    assert_eq!(env.token_request(&good).await.status(), StatusCode::OK);
    assert_eq!(
        env.token_request(&good).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another loopback source address has its own budget (Linux routes all of 127/8 to lo).
    let other_ip = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    let resp = other_ip
        .post(env.sb.token_url())
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = other_ip
        .post(env.sb.token_url())
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn extreme_durations_do_not_panic() {
    let env = start(SandboxConfig {
        token_ttl: Duration::MAX,
        ready_after: Duration::MAX,
        ..config(Seed::Demo)
    })
    .await;
    let t = env.token().await;
    env.create_cluster(&t, "forever").await;
    env.sb.advance_clock(Duration::MAX);
    env.sb.advance_clock(Duration::MAX);
    // Saturated, not overflowed: the token's exp is the end of time, the creation is over.
    assert_eq!(
        env.call(&t, Method::GET, "/clusters", None).await.status(),
        StatusCode::OK
    );
    let forever = env.cluster_by_name(&t, "forever").await;
    assert_eq!(forever["status"]["ready"], "Healthy");
    assert_eq!(env.clusters(&env.token().await).await.len(), 6);
}

#[test]
fn sandbox_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<console_sandbox::Sandbox>();
}

//! The token cache against the sandbox's token endpoint: one request for many callers,
//! renewal, persistence, rate limits, rejected credentials and API 401s.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::*;
use console_api::{Client, Error, RateLimitedBy, Secret, StoredToken, TokenStore};
use console_sandbox::{Fault, FaultKind, SandboxConfig};

fn status_fault(
    route: &str,
    times: u32,
    status: u16,
    body: &str,
    retry_after: Option<&str>,
) -> Fault {
    Fault {
        route: route.into(),
        times,
        kind: FaultKind::Status {
            status,
            body: body.into(),
            content_type: "application/json".into(),
            retry_after: retry_after.map(str::to_owned),
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_calls_make_one_token_request() {
    let sb = sandbox().await;
    let api = client(&sb);
    let mut set = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let api = api.clone();
        set.spawn(async move { api.list_clusters().await.map(|c| c.len()) });
    }
    while let Some(res) = set.join_next().await {
        assert_eq!(res.expect("task").expect("call"), 5);
    }
    let c = sb.counters();
    assert_eq!(c.token_requests, 1);
    assert_eq!(c.tokens_issued, 1);
    assert_eq!(route_count(&sb, "GET /clusters"), 100);
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn clients_with_the_same_key_share_one_cache() {
    let sb = sandbox().await;
    let a = client(&sb);
    let b = client(&sb); // built separately: not a clone
    a.ensure_token().await.expect("a");
    b.list_clusters().await.expect("b");
    a.ensure_token().await.expect("a again");
    assert_eq!(sb.counters().token_requests, 1);
    // Another API client of the same organization has its own cache.
    let creds = sb.add_api_client(&console_sandbox::ApiPermission::ALL);
    Client::new(config_for(&sb, &creds))
        .expect("c")
        .ensure_token()
        .await
        .expect("c");
    assert_eq!(sb.counters().token_requests, 2);
}

#[tokio::test]
async fn token_is_renewed_before_it_expires() {
    let sb = sandbox_with(SandboxConfig {
        token_ttl: Duration::from_secs(10),
        ..SandboxConfig::default()
    })
    .await;
    let mut cfg = config(&sb);
    cfg.renew_before = Duration::from_secs(8);
    let api = Client::new(cfg).expect("client");
    api.list_clusters().await.expect("first");
    api.list_clusters().await.expect("second");
    assert_eq!(sb.counters().token_requests, 1, "fresh token reused");

    tokio::time::sleep(Duration::from_millis(2300)).await;
    // On the sandbox clock the token now nearly expired: it issues a new one.
    sb.advance_clock(Duration::from_secs(6));
    api.list_clusters().await.expect("renewed");
    let c = sb.counters();
    assert_eq!(c.token_requests, 2, "renewed once");
    assert_eq!(c.tokens_issued, 2);
    // The new token (16 s left on our clock) is used without further requests.
    for _ in 0..5 {
        api.list_clusters().await.expect("more");
    }
    assert_eq!(sb.counters().token_requests, 2);
    assert_eq!(
        route_count(&sb, "GET /clusters"),
        8,
        "no call needed a retry"
    );
}

#[tokio::test]
async fn a_reissued_token_inside_the_renewal_window_is_not_renewed_on_every_call() {
    let sb = sandbox_with(SandboxConfig {
        token_ttl: Duration::from_secs(10),
        ..SandboxConfig::default()
    })
    .await;
    let mut cfg = config(&sb);
    cfg.renew_before = Duration::from_secs(8);
    let api = Client::new(cfg).expect("client");
    api.ensure_token().await.expect("first");
    tokio::time::sleep(Duration::from_millis(2300)).await;
    // Due for renewal; the sandbox hands out the same cached token again.
    for _ in 0..10 {
        api.list_clusters().await.expect("call");
    }
    assert_eq!(
        sb.counters().token_requests,
        2,
        "one renewal attempt, then a pause"
    );
}

#[tokio::test]
async fn a_stored_token_is_used_without_a_token_request() {
    let sb = sandbox().await;
    let store = store();
    // First "run": fetch a token and save it.
    let first = Client::with_token_store(config(&sb), as_store(&store)).expect("client");
    first.list_clusters().await.expect("list");
    assert_eq!(store.saves(), 1);
    let saved = store.get(first.token_key()).expect("saved token");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    assert!(
        saved.expires_at_unix > now + 3600,
        "expiry from the JWT: {}",
        saved.expires_at_unix
    );

    // Second "run": a cache key this process has never used (same server, other host name),
    // whose store already holds the token.
    let mut cfg = config(&sb);
    cfg.token_url = cfg.token_url.replace("127.0.0.1", "localhost");
    let second = Client::with_token_store(cfg, as_store(&store)).expect("client");
    assert_ne!(second.token_key(), first.token_key());
    store.put(second.token_key().clone(), saved);
    sb.reset_counters();
    assert_eq!(second.list_clusters().await.expect("list").len(), 5);
    assert_eq!(sb.counters().token_requests, 0);
    assert_eq!(store.saves(), 1);
}

#[tokio::test]
async fn an_expired_or_rejected_stored_token_is_replaced() {
    let sb = sandbox().await;
    let store = store();
    let mut cfg = config(&sb);
    cfg.token_url = cfg.token_url.replace("127.0.0.1", "localhost");
    let api = Client::with_token_store(cfg, as_store(&store)).expect("client");
    let key = api.token_key().clone();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    // Expired: ignored, a token is requested.
    store.put(
        key.clone(),
        StoredToken {
            access_token: Secret::new("old"),
            expires_at_unix: now - 10,
        },
    );
    api.list_clusters().await.expect("list");
    assert_eq!(sb.counters().token_requests, 1);
    assert_eq!(store.saves(), 1);
    assert!(store
        .get(&key)
        .is_some_and(|t| t.access_token.expose() != "old"));

    // Unexpired but rejected by the API (another fresh cache key: the same endpoint with a
    // trailing slash): dropped from the store, one fresh token, the call retried.
    let mut cfg = config(&sb);
    cfg.token_url.push('/');
    let api = Client::with_token_store(cfg, as_store(&store)).expect("client");
    let key = api.token_key().clone();
    store.put(
        key.clone(),
        StoredToken {
            access_token: Secret::new("not-a-jwt"),
            expires_at_unix: now + 3600,
        },
    );
    tokio::time::sleep(Duration::from_millis(1000)).await;
    sb.reset_counters();
    assert_eq!(api.list_clusters().await.expect("list").len(), 5);
    assert_eq!(sb.counters().token_requests, 1);
    assert_eq!(route_count(&sb, "GET /clusters"), 2);
    assert_eq!(store.clears(), 1);
    assert!(store
        .get(&key)
        .is_some_and(|t| t.access_token.expose() != "not-a-jwt"));
}

#[tokio::test]
async fn api_401_drops_the_token_refreshes_once_and_retries() {
    let sb = sandbox().await;
    let store = store();
    let api = Client::with_token_store(config(&sb), as_store(&store)).expect("client");
    api.list_clusters().await.expect("first");
    let before = store.get(api.token_key()).expect("stored").access_token;
    sb.revoke_tokens();
    assert_eq!(api.list_clusters().await.expect("after revoke").len(), 5);
    let c = sb.counters();
    assert_eq!(c.token_requests, 2, "exactly one refresh");
    assert_eq!(
        route_count(&sb, "GET /clusters"),
        3,
        "the call was retried once"
    );
    assert_eq!(store.clears(), 1, "the rejected token left the store");
    let after = store
        .get(api.token_key())
        .expect("stored again")
        .access_token;
    assert_ne!(before.expose(), after.expose());
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn api_401_twice_is_unauthorized_after_one_refresh() {
    let sb = sandbox().await;
    let api = client(&sb);
    api.ensure_token().await.expect("token");
    sb.inject(status_fault(
        "GET /clusters",
        5,
        401,
        r#"{"message":"Unauthorized"}"#,
        None,
    ));
    let started = Instant::now();
    assert_eq!(api.list_clusters().await, Err(Error::Unauthorized));
    assert_eq!(sb.counters().token_requests, 2, "one refresh only");
    assert_eq!(route_count(&sb, "GET /clusters"), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "token requests are >= 1 s apart"
    );
}

#[tokio::test]
async fn rate_limited_with_retry_after_seconds_blocks_token_requests() {
    let sb = sandbox().await;
    let api = client(&sb);
    sb.inject(status_fault(
        "POST /oauth/token",
        1,
        429,
        r#"{"error":"too_many_requests"}"#,
        Some("2"),
    ));
    assert_eq!(
        api.list_clusters().await,
        Err(Error::RateLimited {
            retry_after: Duration::from_secs(2),
            by: RateLimitedBy::Login,
        })
    );
    // Within the window: no request at all, the remaining wait is reported.
    for _ in 0..5 {
        match api.ensure_token().await {
            Err(Error::RateLimited {
                retry_after,
                by: RateLimitedBy::Login,
            }) => {
                assert!(retry_after <= Duration::from_secs(2))
            }
            other => panic!("expected RateLimited, got {other:?}"),
        }
    }
    assert_eq!(sb.counters().token_requests, 1);
    assert_eq!(route_count(&sb, "GET /clusters"), 0);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(api.list_clusters().await.expect("after the wait").len(), 5);
    assert_eq!(sb.counters().token_requests, 2);
}

#[tokio::test]
async fn rate_limited_with_an_http_date_or_without_retry_after() {
    let sb = sandbox().await;
    let api = client(&sb);
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
    sb.inject(status_fault("POST /oauth/token", 1, 429, "", Some(&date)));
    match api.ensure_token().await {
        Err(Error::RateLimited {
            retry_after,
            by: RateLimitedBy::Login,
        }) => {
            assert!(
                retry_after > Duration::from_secs(100) && retry_after <= Duration::from_secs(120),
                "{retry_after:?}"
            )
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }

    let sb = sandbox().await;
    let api = client(&sb);
    sb.inject(status_fault(
        "POST /oauth/token",
        1,
        429,
        "<html>slow down</html>",
        None,
    ));
    assert_eq!(
        api.ensure_token().await,
        Err(Error::RateLimited {
            retry_after: Duration::from_secs(30),
            by: RateLimitedBy::Login,
        })
    );
    assert!(matches!(
        api.list_clusters().await,
        Err(Error::RateLimited {
            by: RateLimitedBy::Login,
            ..
        })
    ));
    assert_eq!(sb.counters().token_requests, 1);
}

#[tokio::test]
async fn the_sandbox_rate_limiter_is_never_hit_by_a_burst_of_renewals() {
    // Tokens that are always due for renewal (renew_before > lifetime) with a strict limit
    // of 1 request/s and no burst: the cache never exceeds it.
    let sb = sandbox_with(SandboxConfig {
        token_ttl: Duration::from_secs(3),
        token_rate_limit: Some(console_sandbox::RateLimit {
            per_second: 1.0,
            burst: 1,
        }),
        ..SandboxConfig::default()
    })
    .await;
    let mut cfg = config(&sb);
    cfg.renew_before = Duration::from_secs(60);
    let api = Client::new(cfg).expect("client");
    let started = Instant::now();
    while started.elapsed() < Duration::from_millis(2500) {
        api.list_clusters().await.expect("never rate limited");
    }
    let elapsed = started.elapsed().as_secs_f64();
    let requests = sb.counters().token_requests;
    // Requests are >= 1 s apart: at most one per started second, and renewals did happen.
    assert!(
        requests >= 2 && requests as f64 <= elapsed.floor() + 1.0,
        "{requests} token requests in {elapsed:.2} s"
    );
}

#[tokio::test]
async fn rejected_credentials_are_sticky_until_the_secret_changes() {
    let sb = sandbox().await;
    let good = sb.default_credentials();
    let mut bad = good.clone();
    bad.client_secret.push_str("-wrong");
    let api = Client::new(config_for(&sb, &bad)).expect("client");
    assert_eq!(api.list_clusters().await, Err(Error::InvalidCredentials));
    assert_eq!(api.ensure_token().await, Err(Error::InvalidCredentials));
    // A new client with the same wrong secret: still no request.
    let again = Client::new(config_for(&sb, &bad)).expect("client");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(again.list_clusters().await, Err(Error::InvalidCredentials));
    assert_eq!(sb.counters().token_requests, 1);
    assert_eq!(route_count(&sb, "GET /clusters"), 0);

    // The secret changed: the same key works.
    let fixed = Client::new(config_for(&sb, &good)).expect("client");
    assert_eq!(fixed.token_key(), api.token_key());
    assert_eq!(fixed.list_clusters().await.expect("works").len(), 5);
    assert_eq!(sb.counters().token_requests, 2);
    // The old wrong secret is still refused without a request, and does not get the
    // token obtained with the right one.
    assert_eq!(api.list_clusters().await, Err(Error::InvalidCredentials));
    assert_eq!(sb.counters().token_requests, 2);

    // A second wrong secret is tried once; then both stay refused without requests.
    let mut bad2 = good.clone();
    bad2.client_secret.push_str("-other");
    let api2 = Client::new(config_for(&sb, &bad2)).expect("client");
    assert_eq!(api2.ensure_token().await, Err(Error::InvalidCredentials));
    assert_eq!(sb.counters().token_requests, 3);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(api.ensure_token().await, Err(Error::InvalidCredentials));
    assert_eq!(api2.ensure_token().await, Err(Error::InvalidCredentials));
    assert_eq!(sb.counters().token_requests, 3);
    // The right secret still has its token.
    fixed.list_clusters().await.expect("still works");
    assert_eq!(sb.counters().token_requests, 3);
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn invalid_client_in_a_400_is_invalid_credentials() {
    let sb = sandbox().await;
    let api = client(&sb);
    sb.inject(status_fault(
        "POST /oauth/token",
        1,
        400,
        r#"{"error":"invalid_client"}"#,
        None,
    ));
    assert_eq!(api.ensure_token().await, Err(Error::InvalidCredentials));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(api.ensure_token().await, Err(Error::InvalidCredentials));
    assert_eq!(sb.counters().token_requests, 1);
}

#[tokio::test]
async fn a_failed_token_request_is_shared_for_a_second_then_retried() {
    let sb = sandbox().await;
    let api = client(&sb);
    sb.inject(Fault {
        route: "POST /oauth/token".into(),
        times: 1,
        kind: FaultKind::Drop,
    });
    assert!(matches!(api.ensure_token().await, Err(Error::Network(_))));
    assert!(matches!(api.list_clusters().await, Err(Error::Network(_))));
    assert_eq!(sb.counters().token_requests, 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    api.ensure_token().await.expect("recovers");
    assert_eq!(sb.counters().token_requests, 2);
}

#[tokio::test]
async fn token_endpoint_errors_map_to_typed_errors() {
    let sb = sandbox().await;
    let api = client(&sb);
    sb.inject(status_fault(
        "POST /oauth/token",
        1,
        503,
        "<html><b>down</b></html>",
        None,
    ));
    match api.ensure_token().await {
        Err(Error::Server {
            status: 503,
            excerpt,
        }) => assert_eq!(excerpt, "down"),
        other => panic!("{other:?}"),
    }
    tokio::time::sleep(Duration::from_millis(1100)).await;
    sb.inject(Fault {
        route: "POST /oauth/token".into(),
        times: 1,
        kind: FaultKind::NotJson,
    });
    assert!(matches!(
        api.ensure_token().await,
        Err(Error::Decode { .. })
    ));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    sb.inject(status_fault(
        "POST /oauth/token",
        1,
        200,
        r#"{"token_type":"Bearer"}"#,
        None,
    ));
    assert!(matches!(
        api.ensure_token().await,
        Err(Error::Decode { .. })
    ));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    api.ensure_token().await.expect("recovers");
    assert_eq!(sb.counters().token_requests, 4);
}

#[tokio::test]
async fn wrong_audience_is_refused() {
    let sb = sandbox().await;
    let mut cfg = config(&sb);
    cfg.audience = "zeebe.camunda.io".into();
    let api = Client::new(cfg).expect("client");
    assert_eq!(api.ensure_token().await, Err(Error::InvalidCredentials));
}

#[allow(dead_code)]
fn _store_is_object_safe(s: Arc<dyn TokenStore>) -> Arc<dyn TokenStore> {
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_renewal_does_not_hold_up_callers_with_a_valid_token() {
    let sb = sandbox_with(SandboxConfig {
        token_ttl: Duration::from_secs(10),
        ..SandboxConfig::default()
    })
    .await;
    let mut cfg = config(&sb);
    cfg.renew_before = Duration::from_secs(8);
    let api = Client::new(cfg).expect("client");
    api.ensure_token().await.expect("first");
    tokio::time::sleep(Duration::from_millis(2300)).await;
    sb.inject(Fault {
        route: "POST /oauth/token".into(),
        times: 1,
        kind: FaultKind::Delay(Duration::from_secs(3)),
    });
    let renewing = {
        let api = api.clone();
        tokio::spawn(async move { api.list_clusters().await.map(|c| c.len()) })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    assert_eq!(
        api.list_clusters()
            .await
            .expect("served with the old token")
            .len(),
        5
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(renewing.await.expect("task").expect("renewed"), 5);
    assert_eq!(sb.counters().token_requests, 2);
}

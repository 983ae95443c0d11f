//! Reliability: hostile server answers at the client level (over HTTP, from the sandbox's status
//! faults): odd statuses, absurd `Retry-After` values, oversized bodies. Each gives a typed error
//! with sane values (never a panic, never an unbounded wait or excerpt, never the secret).

mod common;

use std::time::Duration;

use common::{assert_no_misuse, client, config, sandbox, sandbox_with};
use console_api::{Client, Error, RateLimitedBy};
use console_sandbox::{Fault, FaultKind, SandboxConfig};

fn status_fault(route: &str, status: u16, body: &str, retry_after: Option<&str>) -> Fault {
    Fault {
        route: route.into(),
        times: 100,
        kind: FaultKind::Status {
            status,
            body: body.into(),
            content_type: "text/plain".into(),
            retry_after: retry_after.map(str::to_string),
        },
    }
}

#[tokio::test]
async fn absurd_retry_after_values_give_a_bounded_wait() {
    for value in [
        "abc",
        "-5",
        "0",
        "1.5",
        "99999999999999999999999",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "",
    ] {
        let sb = sandbox_with(SandboxConfig {
            token_rate_limit: None,
            ..SandboxConfig::default()
        })
        .await;
        sb.inject(status_fault(
            "POST /oauth/token",
            429,
            "slow down",
            Some(value),
        ));
        let err = client(&sb).list_clusters().await.expect_err("429");
        match err {
            Error::RateLimited {
                retry_after,
                by: RateLimitedBy::Login,
            } => {
                assert!(
                    retry_after >= Duration::from_secs(1)
                        && retry_after <= Duration::from_secs(24 * 3600),
                    "Retry-After {value:?} gave {retry_after:?}"
                );
            }
            other => panic!("Retry-After {value:?}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn odd_statuses_map_to_a_typed_error_with_a_bounded_excerpt() {
    let sb = sandbox().await;
    let secret = sb.default_credentials().client_secret;
    let c = client(&sb);
    c.ensure_token().await.expect("token");
    let long = format!("{} {secret} {}", "a".repeat(50_000), "b".repeat(50_000));
    for status in [203u16, 302, 418, 451, 499, 507, 599] {
        sb.clear_faults();
        sb.inject(status_fault("GET /clusters", status, &long, None));
        match c.list_clusters().await {
            // 2xx with a non-JSON body: a decode error.
            Err(Error::Decode { excerpt }) if status == 203 => {
                assert!(
                    excerpt.chars().count() <= 2_000,
                    "{status}: {}",
                    excerpt.len()
                );
                assert!(!excerpt.contains(&secret), "{status}: secret in excerpt");
            }
            Err(Error::Server {
                status: got,
                excerpt,
            }) => {
                assert_eq!(got, status);
                assert!(
                    excerpt.chars().count() <= 2_000,
                    "{status}: {}",
                    excerpt.len()
                );
                assert!(!excerpt.contains(&secret), "{status}: secret in excerpt");
            }
            Err(Error::Validation(text)) if (400..500).contains(&status) => {
                assert!(text.chars().count() <= 2_000);
                assert!(!text.contains(&secret));
            }
            other => panic!("{status}: {other:?}"),
        }
    }
    assert_no_misuse(&sb);
}

#[tokio::test]
async fn an_oversized_body_is_a_decode_error_not_an_out_of_memory() {
    let sb = sandbox().await;
    let c = Client::new(config(&sb)).expect("client");
    c.ensure_token().await.expect("token");
    // 40 MB of a JSON array: more than the client reads (32 MB).
    let mut body = String::with_capacity(40 * 1024 * 1024 + 2);
    body.push('[');
    while body.len() < 40 * 1024 * 1024 {
        body.push_str("{\"uuid\":\"x\"},");
    }
    body.push_str("{\"uuid\":\"x\"}]");
    sb.inject(Fault {
        route: "GET /clusters".into(),
        times: 10,
        kind: FaultKind::Status {
            status: 200,
            body,
            content_type: "application/json".into(),
            retry_after: None,
        },
    });
    match c.list_clusters().await {
        Err(Error::Decode { excerpt }) => assert!(excerpt.len() < 2_000),
        other => panic!("{:?}", other.map(|v| v.len())),
    }
    sb.clear_faults();
    assert!(!c.list_clusters().await.expect("recovers").is_empty());
}

//! Reliability: hostile server answers at the client level (over HTTP, from the sandbox's status
//! faults): odd statuses, absurd `Retry-After` values, oversized bodies. Each gives a typed error
//! with sane values (never a panic, never an unbounded wait or excerpt, never the secret).

mod common;

use std::time::Duration;

use common::{assert_no_misuse, client, config, route_count, sandbox, sandbox_with};
use console_api::{ByteBudget, Client, Error, RateLimitedBy};
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

/// A cluster-clients answer of a little over 8 MiB that decodes (a few thousand clients with
/// 4 KiB names): under the 32 MiB bound of one answer, so only the fan-out's total stops it.
fn eight_mib_of_clients() -> String {
    let name = "n".repeat(4096);
    let mut body = String::with_capacity(8 * 1024 * 1024 + 8192);
    body.push('[');
    let mut i = 0;
    while body.len() <= 8 * 1024 * 1024 {
        if i > 0 {
            body.push(',');
        }
        body.push_str(&format!(
            r#"{{"name":"{name}","clientId":"c{i}","permissions":["Zeebe"]}}"#
        ));
        i += 1;
    }
    body.push(']');
    body
}

/// Every cluster answers with 8 MiB of clients: the fan-out stops at its 64 MiB total
/// (`DEFAULT_FAN_OUT_BYTES`) with `TooMuchData` instead of holding 30 × 8 MiB, the clusters
/// after that are not asked, and what arrived stays within the budget plus one chunk per
/// request in flight. A normal fan-out on the same client afterwards is whole.
#[tokio::test]
async fn a_hostile_fan_out_stops_at_its_byte_budget_not_out_of_memory() {
    let sb = sandbox_with(SandboxConfig {
        seed: console_sandbox::Seed::Generated {
            clusters: 30,
            clients_per_cluster: 2,
        },
        token_rate_limit: None,
        ..SandboxConfig::default()
    })
    .await;
    let c = client(&sb);
    let ids: Vec<String> = c
        .list_clusters()
        .await
        .expect("clusters")
        .into_iter()
        .map(|cl| cl.uuid)
        .collect();
    assert_eq!(ids.len(), 30);
    let body = eight_mib_of_clients();
    assert!(body.len() > 8 * 1024 * 1024 && body.len() < 9 * 1024 * 1024);
    let hostile = Fault {
        route: "GET /clusters/*/clients".into(),
        times: 1_000,
        kind: FaultKind::Status {
            status: 200,
            body,
            content_type: "application/json".into(),
            retry_after: None,
        },
    };

    // The app's call: the default budget and fan-out.
    sb.inject(hostile.clone());
    let results = c.list_clients_of(&ids, console_api::DEFAULT_FAN_OUT).await;
    assert_eq!(results.len(), 30);
    let limit = console_api::DEFAULT_FAN_OUT_BYTES;
    assert_eq!(limit, 64 * 1024 * 1024);
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let over: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        ok * 8 * 1024 * 1024 < limit,
        "{ok} answers of 8 MiB were kept"
    );
    assert!(!over.is_empty());
    for e in over {
        assert_eq!(*e, Error::TooMuchData { limit_bytes: limit });
    }

    // The same with a budget to look at, 4 requests in flight.
    sb.clear_faults();
    sb.inject(hostile);
    sb.reset_counters();
    let budget = ByteBudget::new(limit);
    let results = c.list_clients_within(&ids, 4, &budget).await;
    assert!(budget.is_exhausted());
    assert!(budget.used() <= limit, "{}", budget.used());
    // hyper hands out chunks of at most its read buffer (~400 KiB): 1 MiB per request in flight.
    assert!(
        budget.read() <= limit + 4 * 1024 * 1024,
        "{} bytes arrived",
        budget.read()
    );
    let asked = route_count(&sb, "GET /clusters/{id}/clients");
    // At most 7 whole answers fit, and 4 were in flight when it ran out.
    assert!(asked <= 7 + 4, "{asked} clusters asked");
    assert!(results[..4].iter().all(Result::is_ok), "the first 4 fit");
    assert!(
        matches!(results[29], Err(Error::TooMuchData { .. })),
        "{:?}",
        results[29].as_ref().map(Vec::len)
    );

    // A normal fan-out: every cluster's clients, within a fresh budget.
    sb.clear_faults();
    let results = c.list_clients_of(&ids, console_api::DEFAULT_FAN_OUT).await;
    assert!(results
        .iter()
        .all(|r| r.as_ref().is_ok_and(|v| v.len() == 2)));
    let budget = ByteBudget::new(limit);
    let results = c.list_clients_within(&ids, 4, &budget).await;
    assert!(results.iter().all(Result::is_ok));
    assert!(!budget.is_exhausted() && budget.used() > 0 && budget.used() < 1024 * 1024);
    assert_no_misuse(&sb);
}

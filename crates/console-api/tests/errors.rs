//! Every error mapping, and the retry rules, against the sandbox over real HTTP.

mod common;

use std::time::Duration;

use common::*;
use console_api::{
    Client, ClientPermission, CreateClientRequest, CreateClusterRequest, Error, Permission,
    RateLimitedBy, UpdateClusterRequest,
};
use console_sandbox::{ApiPermission, Fault, FaultKind};

fn status(
    route: &str,
    times: u32,
    status: u16,
    body: &str,
    content_type: &str,
    retry_after: Option<&str>,
) -> Fault {
    Fault {
        route: route.into(),
        times,
        kind: FaultKind::Status {
            status,
            body: body.into(),
            content_type: content_type.into(),
            retry_after: retry_after.map(str::to_owned),
        },
    }
}

fn fault(route: &str, times: u32, kind: FaultKind) -> Fault {
    Fault {
        route: route.into(),
        times,
        kind,
    }
}

async fn ids(api: &Client) -> (String, String) {
    let clusters = api.list_clusters().await.expect("list");
    let orders = clusters
        .into_iter()
        .find(|c| c.name == "orders-prod")
        .expect("orders");
    let clients = api.list_clients(&orders.uuid).await.expect("clients");
    (orders.uuid, clients[0].client_id.clone())
}

fn create_req() -> CreateClusterRequest {
    CreateClusterRequest {
        name: "c".into(),
        ..Default::default()
    }
}

fn client_req() -> CreateClientRequest {
    CreateClientRequest {
        client_name: "n".into(),
        permissions: Some(vec![ClientPermission::Zeebe]),
    }
}

#[tokio::test]
async fn forbidden_names_the_permission_each_operation_needs() {
    let sb = sandbox().await;
    let (cluster, client_id) = ids(&client(&sb)).await;
    let none = sb.add_api_client(&[]);
    let api = Client::new(config_for(&sb, &none)).expect("client");
    let forbidden = |permission: Permission| Err::<(), Error>(Error::Forbidden { permission });
    assert_eq!(
        api.list_clusters().await.map(|_| ()),
        forbidden(Permission::GetClusters)
    );
    assert_eq!(
        api.get_cluster(&cluster).await.map(|_| ()),
        forbidden(Permission::GetClusters)
    );
    assert_eq!(
        api.cluster_parameters().await.map(|_| ()),
        forbidden(Permission::GetClusters)
    );
    assert_eq!(
        api.create_cluster(&create_req()).await.map(|_| ()),
        forbidden(Permission::CreateClusters)
    );
    assert_eq!(
        api.delete_cluster(&cluster).await,
        forbidden(Permission::DeleteClusters)
    );
    assert_eq!(
        api.update_cluster(&cluster, &UpdateClusterRequest::default())
            .await,
        forbidden(Permission::CreateClusters)
    );
    assert_eq!(
        api.wake_cluster(&cluster).await,
        forbidden(Permission::CreateClusters)
    );
    assert_eq!(
        api.list_clients(&cluster).await.map(|_| ()),
        forbidden(Permission::GetClients)
    );
    assert_eq!(
        api.get_client(&cluster, &client_id).await.map(|_| ()),
        forbidden(Permission::GetClients)
    );
    assert_eq!(
        api.create_client(&cluster, &client_req()).await.map(|_| ()),
        forbidden(Permission::CreateClients)
    );
    assert_eq!(
        api.delete_client(&cluster, &client_id).await,
        forbidden(Permission::DeleteClients)
    );
    assert_eq!(
        sb.counters().token_requests,
        2,
        "one per API client; 403 does not refresh"
    );

    // Holding only "Get clusters": reads work, changes name their permission.
    let reader = sb.add_api_client(&[ApiPermission::GetClusters]);
    let api = Client::new(config_for(&sb, &reader)).expect("client");
    assert_eq!(api.list_clusters().await.expect("list").len(), 5);
    assert_eq!(
        api.delete_cluster(&cluster).await,
        forbidden(Permission::DeleteClusters)
    );
    let err = api.delete_cluster(&cluster).await.expect_err("forbidden");
    assert_eq!(
        err.to_string(),
        "the API client lacks the Console permission \"Delete clusters\""
    );
}

#[tokio::test]
async fn not_found_conflict_and_api_rate_limit() {
    let sb = sandbox().await;
    let api = client(&sb);
    let (cluster, _) = ids(&api).await;
    assert_eq!(
        api.get_cluster("no-such-cluster").await.map(|_| ()),
        Err(Error::NotFound)
    );
    assert_eq!(
        api.list_clients("no-such-cluster").await.map(|_| ()),
        Err(Error::NotFound)
    );
    assert_eq!(
        api.get_client(&cluster, "no-such-client").await.map(|_| ()),
        Err(Error::NotFound)
    );
    assert_eq!(
        api.delete_client(&cluster, "no-such-client").await,
        Err(Error::NotFound)
    );
    assert_eq!(
        api.wake_cluster("no-such-cluster").await,
        Err(Error::NotFound)
    );
    assert_eq!(
        api.update_cluster("no-such-cluster", &UpdateClusterRequest::default())
            .await,
        Err(Error::NotFound)
    );

    sb.inject(status(
        "DELETE /clusters/*",
        1,
        409,
        r#"{"message":"busy"}"#,
        "application/json",
        None,
    ));
    assert_eq!(api.delete_cluster(&cluster).await, Err(Error::Conflict));

    sb.inject(status(
        "GET /clusters",
        1,
        429,
        "",
        "text/plain",
        Some("17"),
    ));
    assert_eq!(
        api.list_clusters().await.map(|_| ()),
        Err(Error::RateLimited {
            retry_after: Duration::from_secs(17),
            by: RateLimitedBy::Api,
        })
    );
    sb.inject(status("GET /clusters", 1, 429, "", "text/plain", None));
    assert_eq!(
        api.list_clusters().await.map(|_| ()),
        Err(Error::RateLimited {
            retry_after: Duration::from_secs(30),
            by: RateLimitedBy::Api,
        })
    );
    assert_eq!(
        sb.counters().token_requests,
        1,
        "an API 429 is not a token problem"
    );
}

#[tokio::test]
async fn opaque_bodies_become_bounded_excerpts() {
    let sb = sandbox().await;
    let api = client(&sb);
    api.ensure_token().await.expect("token");
    let html = format!(
        "<html><body><h1>Internal error</h1><p>{}</p></body></html>",
        "lorem ".repeat(500)
    );
    sb.inject(status("POST /clusters", 1, 500, &html, "text/html", None));
    match api.create_cluster(&create_req()).await {
        Err(Error::Server {
            status: 500,
            excerpt,
        }) => {
            assert!(excerpt.starts_with("Internal error lorem"), "{excerpt}");
            assert!(
                excerpt.chars().count() <= console_api::EXCERPT_MAX_CHARS + 1,
                "{}",
                excerpt.len()
            );
        }
        other => panic!("{other:?}"),
    }
    sb.inject(status("POST /clusters", 1, 400, "", "text/plain", None));
    assert_eq!(
        api.create_cluster(&create_req()).await,
        Err(Error::Validation("(empty response)".into()))
    );
    sb.inject(status(
        "POST /clusters",
        1,
        418,
        "\u{0}\u{7}teapot",
        "application/octet-stream",
        None,
    ));
    assert_eq!(
        api.create_cluster(&create_req()).await,
        Err(Error::Server {
            status: 418,
            excerpt: "teapot".into()
        })
    );
    sb.inject(fault("GET /clusters", 1, FaultKind::NotJson));
    match api.list_clusters().await {
        Err(Error::Decode { excerpt }) => assert!(
            excerpt.contains("Service temporarily unavailable"),
            "{excerpt}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        route_count(&sb, "GET /clusters"),
        1,
        "a 200 that does not decode is not retried"
    );
}

#[tokio::test]
async fn gets_are_retried_on_gateway_errors_and_dropped_connections() {
    let sb = sandbox().await;
    let api = client(&sb);
    api.ensure_token().await.expect("token");
    sb.inject(status("GET /clusters", 2, 503, "busy", "text/plain", None));
    assert_eq!(api.list_clusters().await.expect("third attempt").len(), 5);
    assert_eq!(route_count(&sb, "GET /clusters"), 3);

    sb.reset_counters();
    sb.inject(status(
        "GET /clusters/*",
        3,
        502,
        "bad gateway",
        "text/plain",
        None,
    ));
    assert_eq!(
        api.get_cluster("x").await.map(|_| ()),
        Err(Error::Server {
            status: 502,
            excerpt: "bad gateway".into()
        })
    );
    assert_eq!(
        route_count(&sb, "GET /clusters/{id}"),
        3,
        "two retries, no more"
    );

    sb.reset_counters();
    sb.inject(fault("GET /clusters", 1, FaultKind::Drop));
    assert_eq!(api.list_clusters().await.expect("retried").len(), 5);
    assert_eq!(route_count(&sb, "GET /clusters"), 2);

    sb.reset_counters();
    sb.inject(fault("GET /clusters", 3, FaultKind::Drop));
    assert!(matches!(api.list_clusters().await, Err(Error::Network(_))));
    assert_eq!(route_count(&sb, "GET /clusters"), 3);

    // Other statuses are not retried.
    sb.reset_counters();
    sb.inject(status("GET /clusters", 1, 500, "boom", "text/plain", None));
    assert!(matches!(
        api.list_clusters().await,
        Err(Error::Server { status: 500, .. })
    ));
    assert_eq!(route_count(&sb, "GET /clusters"), 1);
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    let sb = sandbox().await;
    let mut cfg = config(&sb);
    cfg.get_retries = 0;
    let api = Client::new(cfg).expect("client");
    sb.inject(status("GET /clusters", 1, 503, "", "text/plain", None));
    assert!(matches!(
        api.list_clusters().await,
        Err(Error::Server { status: 503, .. })
    ));
    assert_eq!(route_count(&sb, "GET /clusters"), 1);
}

#[tokio::test]
async fn changes_are_never_retried_once_sent() {
    let sb = sandbox().await;
    let api = client(&sb);
    let (cluster, client_id) = ids(&api).await;
    sb.reset_counters();

    sb.inject(fault("POST /clusters", 1, FaultKind::Drop));
    assert_eq!(
        api.create_cluster(&create_req()).await,
        Err(Error::OutcomeUnknown)
    );
    sb.inject(fault("POST /clusters/*/clients", 1, FaultKind::Drop));
    assert_eq!(
        api.create_client(&cluster, &client_req()).await.map(|_| ()),
        Err(Error::OutcomeUnknown)
    );
    sb.inject(fault("DELETE /clusters/*/clients/*", 1, FaultKind::Drop));
    assert_eq!(
        api.delete_client(&cluster, &client_id).await,
        Err(Error::OutcomeUnknown)
    );
    sb.inject(fault("DELETE /clusters/*", 1, FaultKind::Drop));
    assert_eq!(
        api.delete_cluster(&cluster).await,
        Err(Error::OutcomeUnknown)
    );
    sb.inject(fault("PATCH /clusters/*", 1, FaultKind::Drop));
    assert_eq!(
        api.update_cluster(&cluster, &UpdateClusterRequest::default())
            .await,
        Err(Error::OutcomeUnknown)
    );
    sb.inject(fault("PUT /clusters/*/wake", 1, FaultKind::Drop));
    assert_eq!(api.wake_cluster(&cluster).await, Err(Error::OutcomeUnknown));

    // Gateway errors on a change: outcome unknown; 503: a plain server error. Never retried.
    sb.inject(status("POST /clusters", 1, 504, "", "text/plain", None));
    assert_eq!(
        api.create_cluster(&create_req()).await,
        Err(Error::OutcomeUnknown)
    );
    sb.inject(status("POST /clusters", 1, 502, "", "text/plain", None));
    assert_eq!(
        api.create_cluster(&create_req()).await,
        Err(Error::OutcomeUnknown)
    );
    sb.inject(status("POST /clusters", 1, 503, "", "text/plain", None));
    assert!(matches!(
        api.create_cluster(&create_req()).await,
        Err(Error::Server { status: 503, .. })
    ));

    let c = sb.counters();
    assert_eq!(c.routes.get("POST /clusters"), Some(&4));
    assert_eq!(c.routes.get("POST /clusters/{id}/clients"), Some(&1));
    assert_eq!(
        c.routes.get("DELETE /clusters/{id}/clients/{clientId}"),
        Some(&1)
    );
    assert_eq!(c.routes.get("DELETE /clusters/{id}"), Some(&1));
    assert_eq!(c.routes.get("PATCH /clusters/{id}"), Some(&1));
    assert_eq!(c.routes.get("PUT /clusters/{id}/wake"), Some(&1));
    // The faults answered before the sandbox acted: nothing was created or deleted.
    assert_eq!(api.list_clusters().await.expect("list").len(), 5);
}

#[tokio::test]
async fn timeouts_time_out_gets_and_leave_changes_unknown() {
    let sb = sandbox().await;
    let mut cfg = config(&sb);
    cfg.request_timeout = Duration::from_millis(400);
    let api = Client::new(cfg).expect("client");
    api.ensure_token().await.expect("token");
    sb.inject(fault(
        "GET /clusters",
        1,
        FaultKind::Delay(Duration::from_secs(2)),
    ));
    assert_eq!(api.list_clusters().await.map(|_| ()), Err(Error::Timeout));
    assert_eq!(
        route_count(&sb, "GET /clusters"),
        1,
        "a timed-out GET is not repeated"
    );
    sb.inject(fault(
        "POST /clusters",
        1,
        FaultKind::Delay(Duration::from_secs(2)),
    ));
    assert_eq!(
        api.create_cluster(&create_req()).await,
        Err(Error::OutcomeUnknown)
    );
    assert_eq!(route_count(&sb, "POST /clusters"), 1);
    // Within the timeout a delay is fine.
    sb.inject(fault(
        "GET /clusters",
        1,
        FaultKind::Delay(Duration::from_millis(50)),
    ));
    assert_eq!(api.list_clusters().await.expect("slow but ok").len(), 5);
}

#[tokio::test]
async fn nothing_listening_is_a_network_error_for_every_method() {
    let sb = sandbox().await;
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let mut cfg = config(&sb);
    cfg.api_base_url = format!("http://127.0.0.1:{closed}");
    let api = Client::new(cfg).expect("client");
    match api.list_clusters().await {
        Err(Error::Network(msg)) => assert!(msg.contains("connect"), "{msg}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        api.create_cluster(&create_req()).await,
        Err(Error::Network(_))
    ));
    assert!(matches!(
        api.delete_cluster("x").await,
        Err(Error::Network(_))
    ));

    let mut cfg = config(&sb);
    cfg.token_url = format!("http://127.0.0.1:{closed}/oauth/token");
    let api = Client::new(cfg).expect("client");
    assert!(matches!(api.ensure_token().await, Err(Error::Network(_))));
    let c = sb.counters();
    assert_eq!(
        c.token_requests, 1,
        "only the first client's token came from the sandbox"
    );
    assert_eq!(
        c.routes.values().sum::<u64>(),
        1,
        "no API call reached the sandbox: {:?}",
        c.routes
    );
}

#[tokio::test]
async fn bad_configuration_and_bad_ids_are_refused_before_any_request() {
    let sb = sandbox().await;
    let mut cfg = config(&sb);
    cfg.api_base_url = "http://api.example.com".into();
    assert!(matches!(
        Client::new(cfg).map(|_| ()),
        Err(Error::InvalidUrl {
            problem: console_api::UrlProblem::InsecureHttp,
            ..
        })
    ));
    let mut cfg = config(&sb);
    cfg.token_url = "ftp://127.0.0.1/token".into();
    assert!(matches!(
        Client::new(cfg).map(|_| ()),
        Err(Error::InvalidUrl {
            problem: console_api::UrlProblem::Scheme(_),
            ..
        })
    ));

    // The SaaS configuration builds (TLS set up) without any network access.
    let saas = Client::new(console_api::Config::saas(
        "id",
        console_api::Secret::new("s"),
    ))
    .expect("saas client");
    assert_eq!(saas.token_key().token_url, console_api::SAAS_TOKEN_URL);
    assert_eq!(saas.token_key().audience, console_api::SAAS_AUDIENCE);

    let api = client(&sb);
    for bad in ["", ".", ".."] {
        assert!(
            matches!(api.get_cluster(bad).await, Err(Error::InvalidInput(_))),
            "{bad:?}"
        );
        assert!(
            matches!(api.delete_cluster(bad).await, Err(Error::InvalidInput(_))),
            "{bad:?}"
        );
        assert!(
            matches!(
                api.delete_client("c", bad).await,
                Err(Error::InvalidInput(_))
            ),
            "{bad:?}"
        );
        assert!(
            matches!(
                api.create_client(bad, &client_req()).await,
                Err(Error::InvalidInput(_))
            ),
            "{bad:?}"
        );
    }
    let c = sb.counters();
    assert_eq!(c.token_requests, 0);
    assert!(c.routes.is_empty(), "{:?}", c.routes);
}

//! Clusters, cluster clients, permissions and state transitions, over real HTTP.

mod common;

use std::time::Duration;

use common::*;
use console_sandbox::{ApiPermission, SandboxConfig, Seed};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn demo_seed_has_the_named_clusters_in_their_states() {
    let env = demo().await;
    let t = env.token().await;
    let clusters = env.clusters(&t).await;
    let state = |name: &str| {
        clusters
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))["status"]["ready"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(clusters.len(), 5);
    assert_eq!(state("orders-prod"), "Healthy");
    assert_eq!(state("payments-staging"), "Healthy");
    assert_eq!(state("analytics-dev"), "Creating");
    assert_eq!(state("legacy-batch"), "Suspended");
    assert_eq!(state("fraud-detection"), "Unhealthy");
    let orders = env.cluster_by_name(&t, "orders-prod").await;
    assert_eq!(orders["channel"]["name"], "Stable");
    assert!(orders["generation"]["name"]
        .as_str()
        .unwrap()
        .contains("8.7"));
    // Different generations and regions across the seed.
    let gens: std::collections::BTreeSet<_> = clusters
        .iter()
        .map(|c| c["generation"]["uuid"].to_string())
        .collect();
    let regions: std::collections::BTreeSet<_> = clusters
        .iter()
        .map(|c| c["region"]["uuid"].to_string())
        .collect();
    assert!(gens.len() >= 3 && regions.len() >= 3);
    for c in &clusters {
        let id = c["uuid"].as_str().unwrap();
        let clients = env.get_json(&t, &format!("/clusters/{id}/clients")).await;
        assert!(!clients.as_array().unwrap().is_empty(), "{}", c["name"]);
        if c["status"]["ready"] == "Healthy" {
            let names: Vec<_> = clients
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["name"].clone())
                .collect();
            assert!(names.contains(&json!("worker-1")) && names.contains(&json!("operate-reader")));
        }
    }
}

#[tokio::test]
async fn cluster_shape_links_and_extra_fields() {
    let env = demo().await;
    let t = env.token().await;
    let c = env.cluster_by_name(&t, "orders-prod").await;
    let id = c["uuid"].as_str().unwrap();
    for field in [
        "uuid",
        "name",
        "ownerId",
        "created",
        "autoUpdate",
        "channel",
        "generation",
        "region",
        "planType",
        "links",
        "status",
    ] {
        assert!(!c[field].is_null(), "{field}");
    }
    assert!(c["created"].as_str().unwrap().ends_with('Z'));
    let zeebe = c["links"]["zeebe"].as_str().unwrap();
    assert!(
        zeebe.starts_with(&format!("{id}.")) && zeebe.ends_with(".zeebe.camunda.io:443"),
        "{zeebe}"
    );
    let operate = c["links"]["operate"].as_str().unwrap();
    assert!(
        operate.starts_with("https://") && operate.ends_with(&format!(".operate.camunda.io/{id}")),
        "{operate}"
    );
    // Fields the spec does not list, as the live API sends.
    assert!(c.get("k8sContext").is_some());
    for comp in [
        "zeebeStatus",
        "operateStatus",
        "tasklistStatus",
        "optimizeStatus",
        "connectorsStatus",
    ] {
        assert_eq!(c["status"][comp], "Healthy");
    }
    // GET one equals the list entry; both path forms work.
    let one = env.get_json(&t, &format!("/clusters/{id}")).await;
    assert_eq!(one, c);
    let slash = env.get_json(&t, &format!("/clusters/{id}/")).await;
    assert_eq!(slash, c);
    let list_slash = env.get_json(&t, "/clusters/").await;
    assert_eq!(list_slash.as_array().unwrap().len(), 5);
    let params_slash = env.get_json(&t, "/clusters/parameters/").await;
    assert!(params_slash["channels"].is_array());
}

#[tokio::test]
async fn parameters_look_real() {
    let env = demo().await;
    let t = env.token().await;
    let p = env.parameters(&t).await;
    let channels = p["channels"].as_array().unwrap();
    let names: Vec<_> = channels
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Stable", "Alpha"]);
    for c in channels {
        let allowed = c["allowedGenerations"].as_array().unwrap();
        assert!(!allowed.is_empty());
        assert!(allowed
            .iter()
            .any(|g| g["uuid"] == c["defaultGeneration"]["uuid"]));
    }
    let providers: std::collections::BTreeSet<_> = p["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["provider"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(providers.into_iter().collect::<Vec<_>>(), ["aws", "gcp"]);
    assert!(p["clusterPlanTypes"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn create_cluster_goes_creating_to_healthy_with_components_one_by_one() {
    let env = start(SandboxConfig {
        ready_after: Duration::from_secs(60),
        ..config(Seed::Empty)
    })
    .await;
    let t = env.token().await;
    let body = env.create_body(&t, "  new-one ").await;
    let resp = env.call(&t, Method::POST, "/clusters", Some(body)).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let v: Value = resp.json().await.unwrap();
    let id = v["clusterId"].as_str().unwrap().to_string();
    let path = format!("/clusters/{id}");
    let c = env.get_json(&t, &path).await;
    assert_eq!(c["name"], "new-one");
    assert_eq!(c["status"]["ready"], "Creating");
    assert_eq!(c["status"]["zeebeStatus"], "Creating");
    let healthy_count = |c: &Value| {
        [
            "zeebeStatus",
            "operateStatus",
            "tasklistStatus",
            "optimizeStatus",
            "connectorsStatus",
        ]
        .iter()
        .filter(|k| c["status"][**k] == "Healthy")
        .count()
    };
    assert_eq!(healthy_count(&c), 0);
    let mut seen = vec![0];
    for _ in 0..5 {
        env.sb.advance_clock(Duration::from_secs(10));
        let c = env.get_json(&t, &path).await;
        assert_eq!(c["status"]["ready"], "Creating");
        seen.push(healthy_count(&c));
    }
    assert_eq!(seen, [0, 1, 2, 3, 4, 5], "components come up one by one");
    env.sb.advance_clock(Duration::from_secs(10));
    let c = env.get_json(&t, &path).await;
    assert_eq!(c["status"]["ready"], "Healthy");
    assert_eq!(env.clusters(&t).await.len(), 1);
}

#[tokio::test]
async fn invalid_create_cluster_input_is_400_with_a_plain_message() {
    let env = start(config(Seed::Empty)).await;
    let t = env.token().await;
    let good = env.create_body(&t, "ok").await;
    let p = env.parameters(&t).await;
    let alpha_gen = p["channels"][1]["defaultGeneration"]["uuid"].clone();
    let with = |k: &str, v: Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    let cases = [
        (with("name", json!("")), "name"),
        (with("name", json!("   ")), "name"),
        (with("name", json!("x".repeat(51))), "long"),
        (with("planTypeId", json!("nope")), "clusterPlanType"),
        (with("regionId", json!("nope")), "region"),
        (with("channelId", json!("nope")), "channel"),
        (with("generationId", alpha_gen), "generation"),
        (with("stageLabel", json!("qa")), "stageLabel"),
        (with("name", json!(5)), "name"),
        (json!({"name": "missing-the-rest"}), "required"),
        (json!([1, 2]), "JSON object"),
    ];
    for (body, needle) in cases {
        let resp = env
            .call(&t, Method::POST, "/clusters", Some(body.clone()))
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{body}");
        let text = resp.text().await.unwrap();
        assert!(text.contains(needle), "{body} -> {text}");
    }
    let resp = env
        .http
        .post(env.url("/clusters"))
        .bearer_auth(&t)
        .header("content-type", "application/json")
        .body("{oops")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    // 50 characters are fine.
    let resp = env
        .call(
            &t,
            Method::POST,
            "/clusters",
            Some(with("name", json!("y".repeat(50)))),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(env.clusters(&t).await.len(), 1);
}

#[tokio::test]
async fn delete_cluster_204_then_404() {
    let env = demo().await;
    let t = env.token().await;
    let c = env.cluster_by_name(&t, "payments-staging").await;
    let path = format!("/clusters/{}", c["uuid"].as_str().unwrap());
    let resp = env.call(&t, Method::DELETE, &path, None).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(resp.bytes().await.unwrap().is_empty());
    assert_eq!(
        env.call(&t, Method::GET, &path, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        env.call(&t, Method::DELETE, &path, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        env.call(&t, Method::GET, &format!("{path}/clients"), None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(env.clusters(&t).await.len(), 4);
    assert_eq!(
        env.call(&t, Method::GET, "/clusters/does-not-exist", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn patch_cluster_updates_name_description_stage_label() {
    let env = demo().await;
    let t = env.token().await;
    let c = env.cluster_by_name(&t, "orders-prod").await;
    let path = format!("/clusters/{}", c["uuid"].as_str().unwrap());
    let body =
        json!({"name": "orders-production", "description": "main line", "stageLabel": "stage"});
    let resp = env.call(&t, Method::PATCH, &path, Some(body)).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let c = env.get_json(&t, &path).await;
    assert_eq!(c["name"], "orders-production");
    assert_eq!(c["description"], "main line");
    assert_eq!(c["stageLabel"], "stage");
    let resp = env
        .call(&t, Method::PATCH, &path, Some(json!({"stageLabel": "qa"})))
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = env
        .call(&t, Method::PATCH, &path, Some(json!({"name": ""})))
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = env
        .call(
            &t,
            Method::PATCH,
            "/clusters/nope",
            Some(json!({"name": "x"})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(env.get_json(&t, &path).await["name"], "orders-production");
}

#[tokio::test]
async fn wake_suspended_cluster_resumes_then_healthy() {
    let env = demo().await;
    let t = env.token().await;
    let c = env.cluster_by_name(&t, "legacy-batch").await;
    let id = c["uuid"].as_str().unwrap();
    assert_eq!(c["status"]["ready"], "Suspended");
    let resp = env
        .call(&t, Method::PUT, &format!("/clusters/{id}/wake"), None)
        .await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let c = env.get_json(&t, &format!("/clusters/{id}")).await;
    assert_eq!(c["status"]["ready"], "Resuming");
    env.sb.advance_clock(Duration::from_secs(21));
    let c = env.get_json(&t, &format!("/clusters/{id}")).await;
    assert_eq!(c["status"]["ready"], "Healthy");
    assert_eq!(
        env.call(&t, Method::PUT, "/clusters/nope/wake", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // The demo's Creating cluster finishes when the clock moves on far enough.
    assert_eq!(
        env.cluster_by_name(&t, "analytics-dev").await["status"]["ready"],
        "Creating"
    );
    env.sb.advance_clock(Duration::from_secs(3600));
    assert_eq!(
        env.cluster_by_name(&t, "analytics-dev").await["status"]["ready"],
        "Healthy"
    );
}

#[tokio::test]
async fn cluster_clients_lifecycle() {
    let env = demo().await;
    let t = env.token().await;
    let c = env.cluster_by_name(&t, "orders-prod").await;
    let id = c["uuid"].as_str().unwrap().to_string();
    let clients_path = format!("/clusters/{id}/clients");
    let before = env
        .get_json(&t, &clients_path)
        .await
        .as_array()
        .unwrap()
        .len();

    // Omitted permissions = all five; the secret comes only in this response.
    let resp = env
        .call(
            &t,
            Method::POST,
            &clients_path,
            Some(json!({"clientName": "ci-bot"})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let created: Value = resp.json().await.unwrap();
    let client_id = created["clientId"].as_str().unwrap().to_string();
    let secret = created["clientSecret"].as_str().unwrap().to_string();
    assert_eq!(client_id.len(), 32);
    assert_eq!(secret.len(), 64);
    assert_eq!(created["name"], "ci-bot");
    assert_eq!(created["audience"], "zeebe.camunda.io");
    assert_eq!(
        created["permissions"],
        json!(["Zeebe", "Operate", "Tasklist", "Optimize", "Secrets"])
    );
    assert!(created["uuid"].is_string());

    let resp = env
        .call(
            &t,
            Method::POST,
            &format!("{clients_path}/"),
            Some(json!({"clientName": "zeebe-only", "permissions": ["Zeebe"]})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let zeebe_only: Value = resp.json().await.unwrap();
    assert_eq!(zeebe_only["permissions"], json!(["Zeebe"]));

    // Names are unique per cluster.
    let resp = env
        .call(
            &t,
            Method::POST,
            &clients_path,
            Some(json!({"clientName": "ci-bot"})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(resp.text().await.unwrap().contains("unique"));
    let resp = env
        .call(
            &t,
            Method::POST,
            &clients_path,
            Some(json!({"clientName": "x", "permissions": ["Admin"]})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let resp = env
        .call(
            &t,
            Method::POST,
            &clients_path,
            Some(json!({"permissions": ["Zeebe"]})),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    let list = env.get_json(&t, &clients_path).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), before + 2);
    let listed = list
        .iter()
        .find(|x| x["clientId"] == client_id.as_str())
        .unwrap();
    assert_eq!(listed["name"], "ci-bot");
    assert!(
        !list.iter().any(|x| x.to_string().contains(&secret)),
        "no secret in the list"
    );

    let details = env
        .get_json(&t, &format!("{clients_path}/{client_id}"))
        .await;
    assert_eq!(details["name"], "ci-bot");
    assert_eq!(details["ZEEBE_CLIENT_ID"], client_id.as_str());
    assert_eq!(details["ZEEBE_ADDRESS"], c["links"]["zeebe"]);
    assert_eq!(
        details["ZEEBE_AUTHORIZATION_SERVER_URL"],
        env.sb.token_url().as_str()
    );
    assert!(!details.to_string().contains(&secret));

    let one = format!("{clients_path}/{client_id}");
    assert_eq!(
        env.call(&t, Method::DELETE, &one, None).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        env.call(&t, Method::GET, &one, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        env.call(&t, Method::DELETE, &one, None).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        env.get_json(&t, &clients_path)
            .await
            .as_array()
            .unwrap()
            .len(),
        before + 1
    );

    // Missing cluster: 404 for every client route.
    for (m, p) in [
        (Method::GET, "/clusters/nope/clients"),
        (Method::POST, "/clusters/nope/clients"),
        (Method::GET, "/clusters/nope/clients/abc"),
        (Method::DELETE, "/clusters/nope/clients/abc"),
    ] {
        let body = (m == Method::POST).then(|| json!({"clientName": "a"}));
        assert_eq!(
            env.call(&t, m.clone(), p, body).await.status(),
            StatusCode::NOT_FOUND,
            "{m} {p}"
        );
    }
}

#[tokio::test]
async fn client_details_of_a_cluster_that_is_not_healthy_is_412() {
    let env = demo().await;
    let t = env.token().await;
    for name in ["analytics-dev", "legacy-batch", "fraud-detection"] {
        let c = env.cluster_by_name(&t, name).await;
        let id = c["uuid"].as_str().unwrap();
        let clients = env.get_json(&t, &format!("/clusters/{id}/clients")).await;
        let client_id = clients[0]["clientId"].as_str().unwrap();
        let resp = env
            .call(
                &t,
                Method::GET,
                &format!("/clusters/{id}/clients/{client_id}"),
                None,
            )
            .await;
        assert_eq!(resp.status(), StatusCode::PRECONDITION_FAILED, "{name}");
    }
    // A new cluster's client: 412 while Creating, 200 once Healthy.
    let id = env.create_cluster(&t, "fresh").await;
    let created: Value = env
        .call(
            &t,
            Method::POST,
            &format!("/clusters/{id}/clients"),
            Some(json!({"clientName": "w"})),
        )
        .await
        .json()
        .await
        .unwrap();
    let one = format!(
        "/clusters/{id}/clients/{}",
        created["clientId"].as_str().unwrap()
    );
    assert_eq!(
        env.call(&t, Method::GET, &one, None).await.status(),
        StatusCode::PRECONDITION_FAILED
    );
    env.sb.advance_clock(Duration::from_secs(20));
    assert_eq!(
        env.call(&t, Method::GET, &one, None).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn each_missing_permission_gives_403_naming_it() {
    let env = demo().await;
    let admin = env.token().await;
    let c = env.cluster_by_name(&admin, "orders-prod").await;
    let id = c["uuid"].as_str().unwrap().to_string();
    let clients = env
        .get_json(&admin, &format!("/clusters/{id}/clients"))
        .await;
    let client_id = clients[0]["clientId"].as_str().unwrap().to_string();
    let create_body = env.create_body(&admin, "perm-test").await;

    use ApiPermission::*;
    let cases: Vec<(ApiPermission, Method, String, Option<Value>)> = vec![
        (GetClusters, Method::GET, "/clusters".into(), None),
        (GetClusters, Method::GET, format!("/clusters/{id}"), None),
        (
            CreateClusters,
            Method::POST,
            "/clusters".into(),
            Some(create_body),
        ),
        (
            GetClients,
            Method::GET,
            format!("/clusters/{id}/clients"),
            None,
        ),
        (
            GetClients,
            Method::GET,
            format!("/clusters/{id}/clients/{client_id}"),
            None,
        ),
        (
            CreateClients,
            Method::POST,
            format!("/clusters/{id}/clients"),
            Some(json!({"clientName": "p"})),
        ),
        (
            DeleteClients,
            Method::DELETE,
            format!("/clusters/{id}/clients/{client_id}"),
            None,
        ),
        (
            DeleteClusters,
            Method::DELETE,
            format!("/clusters/{id}"),
            None,
        ),
    ];
    for (perm, method, path, body) in &cases {
        let without: Vec<_> = ApiPermission::ALL
            .iter()
            .copied()
            .filter(|p| p != perm)
            .collect();
        let t = env.token_with(&without).await;
        let resp = env.call(&t, method.clone(), path, body.clone()).await;
        assert_eq!(
            resp.status(),
            StatusCode::FORBIDDEN,
            "{method} {path} without {perm:?}"
        );
        let text = resp.text().await.unwrap();
        assert!(text.contains(perm.label()), "{text}");
    }
    // Holding only the permission is enough (run deletes last).
    for (perm, method, path, body) in &cases {
        let t = env.token_with(&[*perm]).await;
        let status = env
            .call(&t, method.clone(), path, body.clone())
            .await
            .status();
        assert!(
            status.is_success(),
            "{method} {path} with only {perm:?}: {status}"
        );
    }
    // Parameters need Get or Create clusters.
    let none = env.token_with(&[GetClients]).await;
    assert_eq!(
        env.call(&none, Method::GET, "/clusters/parameters", None)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let creator = env.token_with(&[CreateClusters]).await;
    assert_eq!(
        env.call(&creator, Method::GET, "/clusters/parameters", None)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn unknown_routes_and_methods() {
    let env = demo().await;
    let t = env.token().await;
    assert_eq!(
        env.call(&t, Method::GET, "/nothing-here", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        env.call(&t, Method::PUT, "/clusters", None).await.status(),
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn empty_and_generated_seeds() {
    let env = start(config(Seed::Empty)).await;
    let t = env.token().await;
    assert!(env.clusters(&t).await.is_empty());

    let env = start(config(Seed::Generated {
        clusters: 60,
        clients_per_cluster: 4,
    }))
    .await;
    let t = env.token().await;
    let clusters = env.clusters(&t).await;
    assert_eq!(clusters.len(), 60);
    let healthy = clusters
        .iter()
        .filter(|c| c["status"]["ready"] == "Healthy")
        .count();
    assert!((45..60).contains(&healthy), "{healthy}");
    let names: std::collections::BTreeSet<_> =
        clusters.iter().map(|c| c["name"].to_string()).collect();
    assert_eq!(names.len(), 60);
    let id = clusters[0]["uuid"].as_str().unwrap();
    assert_eq!(
        env.get_json(&t, &format!("/clusters/{id}/clients"))
            .await
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_and_creations_are_consistent() {
    let env = start(config(Seed::Empty)).await;
    let t = env.token().await;
    let body = env.create_body(&t, "x").await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let http = env.http.clone();
        let base = env.sb.base_url();
        let t = t.clone();
        let mut body = body.clone();
        body["name"] = json!(format!("parallel-{i}"));
        tasks.push(tokio::spawn(async move {
            let created = http
                .post(format!("{base}/clusters"))
                .bearer_auth(&t)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(created.status(), StatusCode::OK);
            let list = http
                .get(format!("{base}/clusters"))
                .bearer_auth(&t)
                .send()
                .await
                .unwrap();
            assert_eq!(list.status(), StatusCode::OK);
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let clusters = env.clusters(&t).await;
    assert_eq!(clusters.len(), 20);
    let ids: std::collections::BTreeSet<_> =
        clusters.iter().map(|c| c["uuid"].to_string()).collect();
    assert_eq!(ids.len(), 20);
    assert_eq!(env.sb.counters().routes["POST /clusters"], 20);
}

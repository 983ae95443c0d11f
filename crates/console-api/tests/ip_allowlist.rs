//! The IP allowlist and Web Modeler's egress ranges against the sandbox over real HTTP.

mod common;

use common::*;
use console_api::{ranges_not_allowed, Client, Error, IpAllowlistEntry, Permission};
use console_sandbox::{ApiPermission, SandboxConfig};

fn entry(ip: &str, description: &str) -> IpAllowlistEntry {
    IpAllowlistEntry {
        ip: ip.into(),
        description: description.into(),
    }
}

#[tokio::test]
async fn the_allowlist_is_replaced_whole_read_back_and_cleared() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    assert!(api
        .get_cluster(&id)
        .await
        .unwrap()
        .ip_allowlist()
        .is_empty());

    let list = [
        entry("203.0.113.0/24, 198.51.100.7", "office"),
        entry("2001:db8::/32", "VPN"),
    ];
    api.set_ip_allowlist(&id, &list).await.expect("set");
    let cluster = api.get_cluster(&id).await.unwrap();
    assert_eq!(cluster.ip_allowlist(), list);
    // The live API sends both names; the older one carries the same list.
    assert_eq!(cluster.ipwhitelist.as_deref(), Some(&list[..]));

    api.set_ip_allowlist(&id, &list[1..])
        .await
        .expect("replace");
    assert_eq!(
        api.get_cluster(&id).await.unwrap().ip_allowlist(),
        &list[1..]
    );
    api.set_ip_allowlist(&id, &[]).await.expect("clear");
    assert!(api
        .get_cluster(&id)
        .await
        .unwrap()
        .ip_allowlist()
        .is_empty());
    assert_eq!(route_count(&sb, "PUT /clusters/{id}/ipallowlist"), 3);
}

#[tokio::test]
async fn a_bad_address_is_refused_before_anything_is_sent() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    for bad in [
        "10.0.0.0/33",
        "10.0.0",
        "office",
        "10.0.0.1,",
        "2001:db8::/129",
        " ",
    ] {
        let e = api
            .set_ip_allowlist(&id, &[entry("10.1.0.0/16", "ok"), entry(bad, "bad")])
            .await
            .expect_err(bad);
        match e {
            Error::InvalidInput(m) => {
                let expected = match bad.trim() {
                    "" => "Enter an IP address or CIDR range.".to_string(),
                    b if b.ends_with(',') => format!("\u{201c}{b}\u{201d} has an empty part"),
                    b => {
                        format!("\u{201c}{b}\u{201d} is not an IPv4 or IPv6 address or CIDR range")
                    }
                };
                assert!(m.starts_with(&expected), "{bad}: {m}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(route_count(&sb, "PUT /clusters/{id}/ipallowlist"), 0);
}

#[tokio::test]
async fn the_sandbox_checks_addresses_too_and_answers_the_older_route() {
    let sb = sandbox().await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    let http = reqwest::Client::new();
    let token = {
        let r: serde_json::Value = http
            .post(sb.token_url())
            .json(&serde_json::json!({
                "grant_type": "client_credentials",
                "audience": sb.audience(),
                "client_id": sb.default_credentials().client_id,
                "client_secret": sb.default_credentials().client_secret,
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        r["access_token"].as_str().unwrap().to_string()
    };
    let put = |path: &str, body: serde_json::Value| {
        http.put(format!("{}/clusters/{id}/{path}", sb.base_url()))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let bad = put(
        "ipallowlist",
        serde_json::json!({"ipallowlist": [{"ip": "300.1.1.1", "description": ""}]}),
    )
    .await
    .unwrap();
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("300.1.1.1"));

    let old = put(
        "ipwhitelist",
        serde_json::json!({"ipwhitelist": [{"ip": "192.0.2.1", "description": "old"}]}),
    )
    .await
    .unwrap();
    assert_eq!(old.status(), 204);
    assert_eq!(
        api.get_cluster(&id).await.unwrap().ip_allowlist(),
        [entry("192.0.2.1", "old")]
    );
}

#[tokio::test]
async fn web_modeler_ranges_are_listed_and_valid() {
    let sb = sandbox().await;
    let ranges = client(&sb).ip_ranges().await.expect("ranges");
    assert!(!ranges.web_modeler.is_empty());
    for r in &ranges.web_modeler {
        entry(r, "Web Modeler").check().expect(r);
    }
}

#[tokio::test]
async fn not_enterprise_or_no_permission_is_forbidden_and_changes_nothing() {
    let sb = sandbox_with(SandboxConfig {
        enterprise: false,
        ..SandboxConfig::default()
    })
    .await;
    let api = client(&sb);
    let id = cluster_id(&api, "orders-prod").await;
    let e = api
        .set_ip_allowlist(&id, &[entry("10.0.0.0/8", "")])
        .await
        .expect_err("not enterprise");
    // Not a missing permission: the plan, in the server's words.
    match &e {
        Error::Refused(msg) => assert!(msg.contains("Enterprise plan"), "{msg}"),
        other => panic!("{other:?}"),
    }
    assert!(api
        .get_cluster(&id)
        .await
        .unwrap()
        .ip_allowlist()
        .is_empty());

    let sb = sandbox().await;
    let limited = Client::new(config_for(
        &sb,
        &sb.add_api_client(&[ApiPermission::GetClusters]),
    ))
    .unwrap();
    let id = cluster_id(&limited, "orders-prod").await;
    match limited.set_ip_allowlist(&id, &[]).await {
        Err(Error::Forbidden { permission, .. }) => {
            assert_eq!(permission, Permission::IpAllowlist)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_cluster_that_sends_only_the_older_name_still_has_its_list() {
    let c: console_api::Cluster = serde_json::from_value(serde_json::json!({
        "uuid": "c1",
        "ipwhitelist": [{"ip": "192.0.2.0/24", "description": null}, {"ip": "192.0.2.9"}]
    }))
    .unwrap();
    assert_eq!(
        c.ip_allowlist(),
        [entry("192.0.2.0/24", ""), entry("192.0.2.9", "")]
    );
}

#[test]
fn ranges_not_allowed_checks_containment_not_spelling() {
    let wm = vec!["34.89.0.0/16".to_string(), "35.198.137.7".to_string()];
    // Empty allowlist: every address may connect, nothing is missing.
    assert!(ranges_not_allowed(&[], &wm).is_empty());
    // Neither range inside 10.0.0.0/8.
    assert_eq!(
        ranges_not_allowed(&[entry("10.0.0.0/8", "office")], &wm),
        wm
    );
    // A wider range contains the /16; the address is inside 35.198.0.0/16.
    let wide = [
        entry("10.0.0.0/8", "office"),
        entry("34.0.0.0/8, 35.198.0.0/16", "gcp"),
    ];
    assert!(ranges_not_allowed(&wide, &wm).is_empty());
    // A narrower range does not contain the /16: only that one is missing.
    let narrow = [entry("34.89.1.0/24,35.198.137.7", "")];
    assert_eq!(ranges_not_allowed(&narrow, &wm), ["34.89.0.0/16"]);
    // IPv6 too, and a range given as text the parser does not know counts only word for word.
    let v6 = vec!["2001:db8::/48".to_string(), "not-a-range".to_string()];
    assert_eq!(
        ranges_not_allowed(&[entry("2001:db8::/32", "")], &v6),
        ["not-a-range"]
    );
    assert!(
        ranges_not_allowed(&[entry("2001:db8::/32", ""), entry("not-a-range", "")], &v6).is_empty()
    );
}

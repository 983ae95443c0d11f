//! Hostile text in the organization commands, credentials files and links: settings stay valid
//! and secret-free, a secret is never echoed, non-loopback `http://` URLs are refused.

use proptest::prelude::*;
use proptest::test_runner::TestRunner;
use serde_json::json;

use super::*;

#[test]
fn organization_commands_take_any_text_without_corrupting_settings() {
    let w = world("hostile-orgs");
    let creds = w.sandbox.default_credentials();
    let strategy = (hostile(), hostile(), 0usize..4);
    let mut runner = TestRunner::new(cases(40));
    runner
        .run(&strategy, |(a, b, field)| {
            let mut input = org_input("ok", &w.sandbox, &creds.client_id, &creds.client_secret);
            let key = ["name", "clientId", "tokenUrl", "audience"][field];
            input[key] = json!(a);
            if let Ok(org) = check(
                &w.app,
                &w.sandbox,
                "add_organization",
                json!({ "input": input }),
                &[],
                0,
            )? {
                let id = org["id"].as_str().unwrap_or_default().to_string();
                let _ = check(
                    &w.app,
                    &w.sandbox,
                    "rename_organization",
                    json!({ "id": id, "name": b }),
                    &[],
                    0,
                )?;
                let _ = check(
                    &w.app,
                    &w.sandbox,
                    "remove_organization",
                    json!({ "id": id }),
                    &[],
                    0,
                )?;
            }
            for cmd in [
                "set_active_organization",
                "remove_organization",
                "test_organization",
            ] {
                let _ = check(&w.app, &w.sandbox, cmd, json!({ "id": b }), &[], 0)?;
            }
            let _ = check(
                &w.app,
                &w.sandbox,
                "rename_organization",
                json!({ "id": a, "name": b }),
                &[],
                0,
            )?;
            let _ = check(&w.app, &w.sandbox, "open_link", json!({ "url": a }), &[], 0)?;
            // The settings file stays valid JSON and never holds the secret.
            for (path, bytes) in w.app.data_files() {
                let text = String::from_utf8_lossy(&bytes);
                prop_assert!(
                    !text.contains(&creds.client_secret),
                    "secret in {}",
                    path.display()
                );
                if path.extension().is_some_and(|e| e == "json") {
                    prop_assert!(
                        serde_json::from_slice::<Value>(&bytes).is_ok(),
                        "{} is not JSON",
                        path.display()
                    );
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    // Random text is (almost) never a link; which links reach the desktop is
    // `only_https_links_reach_the_system_browser`. Whatever did reach it here was https.
    let opened = w.app.platform.opened_urls.lock().clone();
    assert!(
        opened.iter().all(|u| u.starts_with("https://")),
        "{opened:?}"
    );
    // The original organization is still there and works.
    let state: Value = w.app.ok("list_organizations", json!({}));
    assert!(state["organizations"]
        .as_array()
        .expect("orgs")
        .iter()
        .any(|o| o["name"] == "Hostile"));
}

/// Credentials files: garbage, empty, huge, with a secret next to the garbage.
#[test]
fn credentials_files_parse_or_fail_clearly_and_never_echo_the_secret() {
    let w = world("hostile-credentials");
    let secret = "s3cr3t-Never-Echo-ME-0123456789";
    let line = prop_oneof![
        hostile(),
        Just(format!("CAMUNDA_CONSOLE_CLIENT_SECRET={secret}")),
        Just(format!("export CAMUNDA_CONSOLE_CLIENT_SECRET='{secret}")),
        Just(format!("CAMUNDA_CONSOLE_CLIENT_SECRET=\"{secret}\"\u{0}")),
        Just("CAMUNDA_OAUTH_URL=http://evil.example.com/oauth/token".to_string()),
        Just("CAMUNDA_CONSOLE_BASE_URL=javascript:alert(1)".to_string()),
        Just("=".to_string()),
        Just("export".to_string()),
    ];
    let strategy = proptest::collection::vec(line, 0..12).prop_map(|l| l.join("\n"));
    let mut runner = TestRunner::new(cases(64));
    runner
        .run(&strategy, |text| {
            for (cmd, args) in [
                ("preview_credentials", json!({ "text": text })),
                (
                    "import_organization",
                    json!({ "name": null, "text": text, "sessionOnly": true }),
                ),
                // Tests the connection: aimed at the sandbox (never at Camunda) unless the
                // hostile lines override the URLs, which are then refused.
                (
                    "test_credentials",
                    json!({ "text": format!(
                        "CAMUNDA_OAUTH_URL={}\nCAMUNDA_CONSOLE_BASE_URL={}\n{text}",
                        w.sandbox.token_url(),
                        w.sandbox.base_url()
                    ) }),
                ),
            ] {
                let result = check(&w.app, &w.sandbox, cmd, args, &[], 0)?;
                let shown = match &result {
                    Ok(v) | Err(v) => v.to_string(),
                };
                prop_assert!(!shown.contains(secret), "{cmd} echoed the secret: {shown}");
                if let Ok(org) = result {
                    let id = org["id"].as_str().unwrap_or_default().to_string();
                    if cmd == "import_organization" {
                        let _ = check(
                            &w.app,
                            &w.sandbox,
                            "remove_organization",
                            json!({ "id": id }),
                            &[],
                            0,
                        )?;
                    }
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));

    // Empty and huge files.
    for text in [
        String::new(),
        "\n".repeat(100_000),
        format!(
            "CAMUNDA_CONSOLE_CLIENT_ID=a\nCAMUNDA_CONSOLE_CLIENT_SECRET={}\n",
            "y".repeat(5_000_000)
        ),
        "z".repeat(20_000_000),
    ] {
        for cmd in ["preview_credentials", "import_organization"] {
            let args = json!({ "text": text, "name": "big", "sessionOnly": true });
            let started = std::time::Instant::now();
            let outcome = w.app.call_within(LIMIT, cmd, args);
            match (cmd, outcome.result) {
                // A preview of an empty file lists what is missing.
                ("preview_credentials", Ok(preview)) => {
                    assert!(
                        !preview["missing"].as_array().expect("missing").is_empty(),
                        "{preview}"
                    );
                }
                (_, Ok(v)) => panic!("{cmd} accepted an empty or huge file: {v}"),
                (_, Err(e)) => {
                    assert_eq!(e["kind"], "invalid_input", "{cmd}: {e}");
                    assert!(e["message"].as_str().unwrap_or_default().len() < 600);
                }
            }
            assert!(started.elapsed() < Duration::from_secs(10));
        }
    }
}

#[test]
fn non_loopback_http_urls_are_refused_with_a_clear_message() {
    let w = world("hostile-http");
    let creds = w.sandbox.default_credentials();
    let port = w.sandbox.addr().port();
    for url in [
        "http://login.cloud.camunda.io/oauth/token".to_string(),
        format!("http://127.0.0.1.nip.io:{port}/oauth/token"),
        format!("http://localhost.evil.example:{port}/oauth/token"),
        format!("http://sandbox.localhost:{port}/oauth/token"),
        format!("http://localhost.:{port}/oauth/token"),
        format!("http://evil.example#@127.0.0.1:{port}/"),
        format!("http://10.0.0.1:{port}/"),
        format!("http://[::ffff:10.0.0.1]:{port}/"),
        format!("http://0.0.0.0:{port}/"),
    ] {
        for field in ["tokenUrl", "apiBaseUrl"] {
            let mut input = org_input("Plain", &w.sandbox, &creds.client_id, &creds.client_secret);
            input[field] = json!(url);
            for (cmd, args) in [
                ("add_organization", json!({ "input": input })),
                ("test_connection", json!({ "input": input })),
            ] {
                w.sandbox.reset_counters();
                let e = w.app.err_value(cmd, args);
                assert_eq!(e["kind"], "invalid_input", "{cmd} {field}={url}: {e}");
                let message = e["message"].as_str().unwrap_or_default();
                assert!(
                    message.contains("https://"),
                    "{cmd} {field}={url}: unclear message {message}"
                );
                assert_eq!(w.sandbox.counters().token_requests, 0, "{url}");
            }
        }
    }
    // Imported from a credentials file: the same rule.
    let text = format!(
        "CAMUNDA_CONSOLE_CLIENT_ID={}\nCAMUNDA_CONSOLE_CLIENT_SECRET={}\n\
         CAMUNDA_OAUTH_URL=http://login.cloud.camunda.io/oauth/token\n\
         CAMUNDA_CONSOLE_BASE_URL=https://api.cloud.camunda.io\nCAMUNDA_CONSOLE_OAUTH_AUDIENCE=api.cloud.camunda.io\n",
        creds.client_id, creds.client_secret
    );
    let e = w.app.err_value(
        "import_organization",
        json!({ "name": "Plain", "text": text, "sessionOnly": false }),
    );
    assert_eq!(e["kind"], "invalid_input", "{e}");
    assert!(e["message"]
        .as_str()
        .unwrap_or_default()
        .contains("https://"));
    // Refused organizations left nothing behind: one organization, one secret (the first one's).
    let state: Value = w.app.ok("list_organizations", json!({}));
    let saved: Vec<&Value> = state["organizations"]
        .as_array()
        .expect("orgs")
        .iter()
        .filter(|o| o["kind"] == "saved")
        .collect();
    assert_eq!(saved.len(), 1, "{state}");
    // Loopback http stays allowed (the sandbox itself).
    let mut input = org_input("Loop", &w.sandbox, &creds.client_id, &creds.client_secret);
    input["tokenUrl"] = json!(format!("http://localhost:{port}/oauth/token"));
    let _: Value = w.app.ok("add_organization", json!({ "input": input }));
}

/// An id the UI sends for an organization that does not exist must not come back in full:
/// 10,000 characters or control characters in the message the UI shows.
#[test]
fn an_unknown_organization_id_is_not_echoed_in_full() {
    let w = world("hostile-org-id");
    for id in ["x".repeat(10_000), "evil\u{202e}\n\u{0}id".to_string()] {
        for cmd in [
            "set_active_organization",
            "remove_organization",
            "test_organization",
        ] {
            let e = w.app.err_value(cmd, json!({ "id": id }));
            assert_eq!(e["kind"], "no_organization", "{cmd}: {e}");
            let message = e["message"].as_str().unwrap_or_default();
            assert!(
                message.chars().count() <= 600,
                "{cmd}: the unknown id is echoed in full ({} chars)",
                message.chars().count()
            );
            assert!(
                !message.chars().any(|c| c.is_control()),
                "{cmd}: control characters in the message: {message:?}"
            );
        }
    }
}

/// What `open_link` must do with a generated link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinkRule {
    /// An https link with a host and no user name or password: opened.
    Open,
    /// Any other scheme, a user name or password, no host: refused, nothing opened.
    Refuse,
    /// A spelling the URL standard may or may not repair (`https:host`, `https:///host`,
    /// `https://@host`): either way, only an https link may reach the browser.
    Either,
}

/// Links of many schemes, built from parts, with the rule each one must follow.
fn links() -> impl Strategy<Value = (String, LinkRule)> {
    use LinkRule::*;
    let scheme = prop_oneof![
        4 => prop_oneof![Just("https"), Just("HTTPS"), Just("Https"), Just("hTtPs")]
            .prop_map(|s| (s.to_string(), Open)),
        6 => prop_oneof![
            Just("http"), Just("HTTP"), Just("ftp"), Just("file"), Just("ws"), Just("wss"),
            Just("skep"), Just("tauri"), Just("asset"), Just("ipc"), Just("httpss"),
            Just("https+x"), Just("x-https"), Just("mailto"), Just("blob"),
        ]
        .prop_map(|s| (s.to_string(), Refuse)),
    ];
    let userinfo = prop_oneof![
        6 => Just((String::new(), Open)),
        1 => Just(("user@".to_string(), Refuse)),
        1 => Just(("user:pw@".to_string(), Refuse)),
        1 => Just((":pw@".to_string(), Refuse)),
        1 => Just(("admin%40evil.example:x@".to_string(), Refuse)),
        1 => Just(("@".to_string(), Either)),
    ];
    let host = prop_oneof![
        Just("docs.camunda.io"),
        Just("console.cloud.camunda.io"),
        Just("example.com"),
        Just("b\u{fc}cher.example"),
        Just("\u{4f8b}\u{3048}.\u{30c6}\u{30b9}\u{30c8}"),
        Just("xn--bcher-kva.example"),
        Just("EXAMPLE.COM"),
        Just("127.0.0.1"),
        Just("[::1]"),
        Just("localhost"),
        Just("evil.example#@docs.camunda.io"),
        Just("docs.camunda.io.evil.example"),
    ];
    let port = prop_oneof![3 => Just(""), 1 => Just(":443"), 1 => Just(":8443")];
    let rest = prop_oneof![
        prop_oneof![
            Just(""),
            Just("/"),
            Just("/docs/components/console/"),
            Just("/a/b?x=1&y=%2F#frag"),
            Just("/%2e%2e/%2e%2e/etc/passwd"),
            Just("/path with spaces"),
        ]
        .prop_map(String::from),
        "(/[a-z0-9%._~-]{0,8}){0,3}(\\?[a-z0-9=&]{0,8})?(#[a-z0-9]{0,6})?",
    ];
    let layout = prop_oneof![
        8 => Just(("://", Open)),
        1 => Just((":", Either)),
        1 => Just((":///", Either)),
    ];
    let built = (scheme, layout, userinfo, host, port, rest).prop_map(
        |((scheme, s_rule), (sep, l_rule), (user, u_rule), host, port, rest)| {
            let rule = [s_rule, u_rule, l_rule]
                .into_iter()
                .max_by_key(|r| match r {
                    Open => 0,
                    Either => 1,
                    Refuse => 2,
                })
                .unwrap_or(Refuse);
            (format!("{scheme}{sep}{user}{host}{port}{rest}"), rule)
        },
    );
    // Links that are not authority-based at all, or dress another scheme up as https.
    let other = prop_oneof![
        Just("javascript:alert(document.cookie)"),
        Just("JavaScript:alert(1)//https://docs.camunda.io/"),
        Just("javascript://https://docs.camunda.io/%0aalert(1)"),
        Just("java\tscript:alert(1)"),
        Just("data:text/html,<script>alert(1)</script>"),
        Just("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        Just("DATA:,https://docs.camunda.io/"),
        Just("file:///etc/passwd"),
        Just("FILE://localhost/C:/Windows/System32/calc.exe"),
        Just("vbscript:msgbox(1)"),
        Just("mailto:someone@example.com?subject=https://x"),
        Just("blob:https://docs.camunda.io/550e8400-e29b-41d4-a716-446655440000"),
        Just("about:blank"),
        Just("skep:open?url=https://docs.camunda.io/"),
        Just("//docs.camunda.io/"),
        Just("/docs/components"),
        Just("docs.camunda.io"),
        Just("https://"),
        Just("https:///"),
        Just("https://:443/"),
        Just(""),
    ]
    .prop_map(|s| (s.to_string(), Refuse));
    let padded = prop_oneof![Just(""), Just(" "), Just("\t\n  ")];
    prop_oneof![
        5 => (built, padded).prop_map(|((url, rule), pad)| (format!("{pad}{url}{pad}"), rule)),
        1 => other,
    ]
}

/// `open_link` with generated links of many schemes: every https link with a host and no user
/// name or password is opened, and nothing else ever reaches the system browser.
#[test]
fn only_https_links_reach_the_system_browser() {
    let app = Harness::new("hostile-links");
    let accepted = std::cell::RefCell::new(Vec::<String>::new());
    let refused = std::cell::RefCell::new(Vec::<String>::new());
    let mut runner = TestRunner::new(cases(400));
    runner
        .run(&links(), |(url, rule)| {
            let before = app.platform.opened_urls.lock().len();
            let outcome = app.call_within(LIMIT, "open_link", json!({ "url": url }));
            let opened: Vec<String> = app.platform.opened_urls.lock()[before..].to_vec();
            match &outcome.result {
                Ok(_) => {
                    prop_assert!(rule != LinkRule::Refuse, "{url:?} was opened: {opened:?}");
                    prop_assert_eq!(opened.len(), 1, "{:?} opened {:?}", url, opened);
                    let target = url::Url::parse(&opened[0]).map_err(|e| {
                        TestCaseError::fail(format!("{url:?} opened {opened:?}: {e}"))
                    })?;
                    prop_assert!(
                        opened[0].starts_with("https://")
                            && target.scheme() == "https"
                            && target.host_str().is_some_and(|h| !h.is_empty())
                            && target.username().is_empty()
                            && target.password().is_none(),
                        "{url:?} reached the browser as {opened:?}"
                    );
                    accepted.borrow_mut().push(opened[0].clone());
                }
                Err(e) => {
                    prop_assert!(rule != LinkRule::Open, "{url:?} was refused: {e}");
                    prop_assert_eq!(
                        e["kind"].as_str(),
                        Some("invalid_input"),
                        "{:?}: {}",
                        url,
                        e
                    );
                    prop_assert!(opened.is_empty(), "{url:?} refused but opened {opened:?}");
                    refused.borrow_mut().push(url.clone());
                }
            }
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let (accepted, refused) = (accepted.into_inner(), refused.into_inner());
    // Both sides were exercised: an all-refusing (or all-opening) check cannot pass.
    assert!(
        accepted.len() >= 20,
        "only {} links opened: {accepted:?}",
        accepted.len()
    );
    assert!(
        refused.len() >= 20,
        "only {} links refused: {refused:?}",
        refused.len()
    );
    let opened = app.platform.opened_urls.lock().clone();
    assert_eq!(opened, accepted);
    assert!(
        opened.iter().all(|u| u.starts_with("https://")),
        "{opened:?}"
    );
    // Internationalized hosts reach the browser in their ASCII (punycode) form.
    assert!(
        accepted.iter().any(|u| u.contains("xn--")),
        "no IDN link was opened: {accepted:?}"
    );
}

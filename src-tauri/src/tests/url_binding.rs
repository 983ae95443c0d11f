//! Secrets and tokens follow the URLs they were entered for: whatever the (untrusted) web UI
//! sends to `update_organization`, nothing of organization A — neither its saved client secret
//! nor a token it obtained — reaches the listener of another Console B on another port.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::{json, Value};

use super::*;
use crate::error::ErrorKind;

/// A loopback TCP proxy in front of `target` that records every byte clients send through it.
struct RecordingProxy {
    port: u16,
    seen: Arc<Mutex<Vec<u8>>>,
}

impl RecordingProxy {
    fn start(target: std::net::SocketAddr) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(client) = conn else { continue };
                let Ok(upstream) = TcpStream::connect(target) else {
                    continue;
                };
                let (mut c_in, mut u_out) =
                    (client.try_clone().unwrap(), upstream.try_clone().unwrap());
                let log = log.clone();
                thread::spawn(move || {
                    let mut buf = [0u8; 8192];
                    while let Ok(n) = c_in.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        log.lock().unwrap().extend_from_slice(&buf[..n]);
                        if u_out.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = u_out.shutdown(Shutdown::Write);
                });
                let (mut u_in, mut c_out) = (upstream, client);
                thread::spawn(move || {
                    let _ = std::io::copy(&mut u_in, &mut c_out);
                    let _ = c_out.shutdown(Shutdown::Write);
                });
            }
        });
        Self { port, seen }
    }

    fn url(&self, original: &str, sandbox: &Sandbox) -> String {
        original.replace(
            &sandbox.addr().to_string(),
            &format!("127.0.0.1:{}", self.port),
        )
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }
}

fn token_key(sandbox: &Sandbox, token_url: &str) -> console_api::TokenKey {
    console_api::TokenKey::for_credentials(
        token_url,
        &sandbox.audience(),
        &sandbox.default_credentials().client_id,
    )
    .unwrap()
}

#[test]
fn nothing_of_one_organization_reaches_another_consoles_listener() {
    let h = Harness::new("url-binding");
    let a = external_sandbox();
    let b = external_sandbox();
    let b_proxy = RecordingProxy::start(b.addr());
    let b_token_url = b_proxy.url(&b.token_url(), &b);
    let b_api_url = b_proxy.url(&b.base_url(), &b);

    let id = add_org(&h, "A", &a);
    let _: Value = h.ok("list_clusters", json!({}));
    let a_secret = a.default_credentials().client_secret;
    let a_token = cached_token(&h.store).expect("A's token is cached");
    let a_key = token_key(&a, &a.token_url());
    assert!(console_api::has_token_cache(&a_key));
    let settings_before = h.settings_text();

    // Every way of pointing A's saved secret or cached token elsewhere without typing the
    // secret again: refused, nothing changed, nothing sent.
    let mut keep = org_input("A", &a, &a.default_credentials().client_id, "");
    keep["clientSecret"] = Value::Null;
    let redirects: Vec<(&str, Value)> = vec![
        ("tokenUrl", json!(b_token_url)),
        ("apiBaseUrl", json!(b_api_url)),
        ("audience", json!("other.audience.example")),
        ("clientId", json!("someone-else")),
    ];
    for (field, value) in &redirects {
        let mut input = keep.clone();
        input[*field] = value.clone();
        let e = h.err("update_organization", json!({ "id": id, "input": input }));
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{field}: {e:?}");
        assert!(
            e.message.contains("Enter the client secret again"),
            "{field}: {}",
            e.message
        );
        assert_eq!(
            h.settings_text(),
            settings_before,
            "{field} changed the settings"
        );
        let _: Value = h.ok("list_clusters", json!({}));
    }
    let mut both = keep.clone();
    both["tokenUrl"] = json!(b_token_url);
    both["apiBaseUrl"] = json!(b_api_url);
    let e = h.err("update_organization", json!({ "id": id, "input": both }));
    assert_eq!(e.kind, ErrorKind::InvalidInput);

    // Renaming with the secret left blank keeps the secret and the token.
    let mut renamed = keep.clone();
    renamed["name"] = json!("A renamed");
    let org: Value = h.ok("update_organization", json!({ "id": id, "input": renamed }));
    assert_eq!(org["name"], "A renamed");
    let _: Value = h.ok("list_clusters", json!({}));
    assert_eq!(cached_token(&h.store).as_deref(), Some(a_token.as_str()));

    // Moving to B with B's own secret works, and forgets A's token everywhere.
    let b_creds = b.default_credentials();
    let mut to_b = org_input("A on B", &b, &b_creds.client_id, &b_creds.client_secret);
    to_b["tokenUrl"] = json!(b_token_url);
    to_b["apiBaseUrl"] = json!(b_api_url);
    let _: Value = h.ok("update_organization", json!({ "id": id, "input": to_b }));
    assert!(
        !console_api::has_token_cache(&a_key),
        "A's token cache (and its secret copy) stays"
    );
    let list: Value = h.ok("list_clusters", json!({}));
    assert!(!cluster_names(&list).is_empty());
    let b_token = cached_token(&h.store).expect("B's token is cached");
    assert_ne!(b_token, a_token);

    let seen = b_proxy.text();
    assert!(
        seen.contains("/oauth/token") || seen.contains("POST"),
        "B saw no request: {seen}"
    );
    for (what, value) in [
        ("A's secret", a_secret.as_str()),
        ("A's token", a_token.as_str()),
    ] {
        let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
        assert!(!seen.contains(value), "{what} reached B's listener");
        assert!(
            !seen.contains(&encoded),
            "{what} (form-encoded) reached B's listener"
        );
    }

    // Removing the organization drops its token cache too.
    let b_key = token_key(&b, &b_token_url);
    assert!(console_api::has_token_cache(&b_key));
    let _: Value = h.ok("remove_organization", json!({ "id": id }));
    assert!(
        !console_api::has_token_cache(&b_key),
        "a removed organization's token cache stays"
    );
    assert_eq!(cached_token(&h.store), None);
}

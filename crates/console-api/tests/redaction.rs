//! No client secret or access token in any Debug/Display output, error string or log line.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use console_api::{Client, ClientPermission, CreateClientRequest, Error, Secret};
use console_sandbox::{Fault, FaultKind};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// No secret in `text`, whole or in part: excerpts are cut at 300 characters, so a leaked
/// token (longer than that) shows only as a prefix. Any 24 characters of a secret, taken every
/// 12, count (a JWT's header, the same for every token, excepted).
fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!text.contains(s), "{what} leaks a secret: {text}");
        let searched = match s.split_once('.') {
            Some((_, rest)) if s.starts_with("eyJ") => rest,
            _ => s,
        };
        let chars: Vec<char> = searched.chars().collect();
        for i in (0..chars.len().saturating_sub(23)).step_by(12) {
            let part: String = chars[i..i + 24].iter().collect();
            assert!(
                !text.contains(&part),
                "{what} leaks part of a secret: {text}"
            );
        }
    }
}

#[tokio::test]
async fn secrets_and_tokens_never_show_in_output_errors_or_logs() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let sb = sandbox().await;
    let creds = sb.default_credentials();
    let store = store();
    let api = Client::with_token_store(config(&sb), as_store(&store)).expect("client");
    let clusters = api.list_clusters().await.expect("list");
    let token = store.get(api.token_key()).expect("stored").access_token;
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut record = |what: &str, s: String| outputs.push((what.to_owned(), s));

    record("config debug", format!("{:?}", api.config()));
    record("client debug", format!("{api:?}"));
    record(
        "stored token debug",
        format!("{:?}", store.get(api.token_key())),
    );
    record(
        "key debug",
        format!("{:?} {}", api.token_key(), api.token_key().id()),
    );

    // A created client: its secret is redacted too.
    let created = api
        .create_client(
            &clusters[0].uuid,
            &CreateClientRequest {
                client_name: "leak-test".into(),
                permissions: Some(vec![ClientPermission::Zeebe]),
            },
        )
        .await
        .expect("create");
    let client_secret = created.client_secret.expose().to_owned();
    record(
        "created debug",
        format!("{created:?} {created:#?} {}", created.client_secret),
    );

    // Error bodies that echo the client secret or the token back.
    let echo = format!(
        r#"{{"message":"bad request for {} with {}"}}"#,
        creds.client_secret,
        token.expose()
    );
    for (route, status) in [
        ("GET /clusters", 500),
        ("POST /clusters", 400),
        ("GET /clusters", 200),
    ] {
        sb.inject(Fault {
            route: route.into(),
            times: 3,
            kind: FaultKind::Status {
                status,
                body: echo.clone(),
                content_type: "application/json".into(),
                retry_after: None,
            },
        });
        let err = if route.starts_with("GET") {
            api.list_clusters().await.map(|_| ()).expect_err("fault")
        } else {
            api.create_cluster(&Default::default())
                .await
                .map(|_| ())
                .expect_err("fault")
        };
        record("api error", format!("{err} {err:?}"));
        sb.clear_faults();
    }
    // A success body that holds secrets but does not decode.
    sb.inject(Fault {
        route: "POST /clusters/*/clients".into(),
        times: 1,
        kind: FaultKind::Status {
            status: 200,
            body: format!(
                r#"{{"clientSecret":"{client_secret}","token":"{}"}}"#,
                token.expose()
            ),
            content_type: "application/json".into(),
            retry_after: None,
        },
    });
    let err = api
        .create_client(
            &clusters[0].uuid,
            &CreateClientRequest {
                client_name: "x".into(),
                permissions: None,
            },
        )
        .await
        .expect_err("decode");
    assert!(matches!(err, Error::Decode { .. }));
    record("decode error", format!("{err} {err:?}"));

    // The token endpoint echoing the secret, and a wrong secret.
    let sb2 = sandbox().await;
    let creds2 = sb2.default_credentials();
    sb2.inject(Fault {
        route: "POST /oauth/token".into(),
        times: 1,
        kind: FaultKind::Status {
            status: 500,
            body: format!("secret was {}", creds2.client_secret),
            content_type: "text/plain".into(),
            retry_after: None,
        },
    });
    let api2 = Client::new(config(&sb2)).expect("client");
    let err = api2.ensure_token().await.expect_err("500");
    record("token error", format!("{err} {err:?}"));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mut wrong = config(&sb2);
    wrong.client_secret = Secret::new("wrong-secret-value-123");
    let err = Client::new(wrong)
        .expect("client")
        .ensure_token()
        .await
        .expect_err("401");
    record("credentials error", format!("{err} {err:?}"));

    let secrets = [
        creds.client_secret.as_str(),
        token.expose(),
        client_secret.as_str(),
        creds2.client_secret.as_str(),
        "wrong-secret-value-123",
    ];
    for (what, text) in &outputs {
        assert_clean(what, text, &secrets);
    }
    let log_text = String::from_utf8_lossy(&logs.0.lock().expect("lock")).into_owned();
    assert!(log_text.contains("token"), "logs were captured: {log_text}");
    assert_clean("logs", &log_text, &secrets);
    assert_no_misuse(&sb);
    assert_no_misuse(&sb2);
}

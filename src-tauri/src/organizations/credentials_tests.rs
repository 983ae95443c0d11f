use super::*;
use proptest::prelude::*;

const CONSOLE_FILE: &str = "export CAMUNDA_CONSOLE_CLIENT_ID='A1b2C3'\n\
export CAMUNDA_CONSOLE_CLIENT_SECRET='xYz~secret'\n\
export CAMUNDA_OAUTH_URL='https://login.cloud.camunda.io/oauth/token'\n\
export CAMUNDA_CONSOLE_BASE_URL='https://api.cloud.camunda.io'\n\
export CAMUNDA_CONSOLE_OAUTH_AUDIENCE='api.cloud.camunda.io'\n";

#[test]
fn parses_the_consoles_file() {
    let c = parse_credentials(CONSOLE_FILE).unwrap();
    assert_eq!(c.client_id.as_deref(), Some("A1b2C3"));
    assert_eq!(c.client_secret.as_ref().unwrap().expose(), "xYz~secret");
    assert_eq!(
        c.token_url.as_deref(),
        Some("https://login.cloud.camunda.io/oauth/token")
    );
    assert_eq!(
        c.api_base_url.as_deref(),
        Some("https://api.cloud.camunda.io")
    );
    assert_eq!(c.audience.as_deref(), Some("api.cloud.camunda.io"));
    assert!(c.missing().is_empty());
}

#[test]
fn accepts_crlf_comments_blank_lines_no_export_and_double_quotes() {
    let text = "\u{feff}# Camunda credentials\r\n\r\nCAMUNDA_CONSOLE_CLIENT_ID=plain-id # trailing comment\r\n  export\tCAMUNDA_CONSOLE_CLIENT_SECRET=\"s3cr\\\"et\"\r\n\r\n";
    let c = parse_credentials(text).unwrap();
    assert_eq!(c.client_id.as_deref(), Some("plain-id"));
    assert_eq!(c.client_secret.as_ref().unwrap().expose(), "s3cr\"et");
    assert_eq!(c.token_url, None);
}

#[test]
fn secret_with_equals_and_quotes_survives() {
    let c = parse_credentials(
        "CAMUNDA_CONSOLE_CLIENT_ID=id\nCAMUNDA_CONSOLE_CLIENT_SECRET='a=b\"c==#d'\n",
    )
    .unwrap();
    assert_eq!(c.client_secret.unwrap().expose(), "a=b\"c==#d");
    let c = parse_credentials("CAMUNDA_CONSOLE_CLIENT_SECRET=a=b'c\n").unwrap();
    assert_eq!(c.client_secret.unwrap().expose(), "a=b'c");
}

#[test]
fn names_what_is_missing() {
    let c = parse_credentials("export CAMUNDA_CONSOLE_CLIENT_ID='id'\nZEEBE_ADDRESS='x:443'\n")
        .unwrap();
    assert_eq!(c.missing(), vec![CLIENT_SECRET.to_string()]);
    let p = c.preview();
    assert!(!p.has_secret);
    assert_eq!(p.client_id.as_deref(), Some("id"));
    let empty = parse_credentials("\n# nothing\n").unwrap();
    assert_eq!(
        empty.missing(),
        vec![CLIENT_ID.to_string(), CLIENT_SECRET.to_string()]
    );
}

#[test]
fn rejects_malformed_lines_by_number_without_echoing_them() {
    let err = parse_credentials("CAMUNDA_CONSOLE_CLIENT_ID=id\nthis is my secret\n").unwrap_err();
    assert_eq!(err, CredentialsError::Malformed { line: 2 });
    assert!(!err.to_string().contains("my secret"));
    let err = parse_credentials("1BAD=x\n").unwrap_err();
    assert_eq!(err, CredentialsError::Malformed { line: 1 });
}

#[test]
fn rejects_unclosed_quote_and_trailing_text() {
    let err = parse_credentials("CAMUNDA_CONSOLE_CLIENT_SECRET='abc\n").unwrap_err();
    assert_eq!(
        err,
        CredentialsError::UnclosedQuote {
            line: 1,
            name: CLIENT_SECRET.into()
        }
    );
    assert!(!err.to_string().contains("abc"));
    let err = parse_credentials("CAMUNDA_CONSOLE_CLIENT_SECRET=\"abc\\").unwrap_err();
    assert!(matches!(err, CredentialsError::UnclosedQuote { .. }));
    let err = parse_credentials("CAMUNDA_CONSOLE_CLIENT_ID='a' b\n").unwrap_err();
    assert!(matches!(
        err,
        CredentialsError::TrailingText { line: 1, .. }
    ));
}

#[test]
fn rejects_huge_and_binary_input() {
    let huge = "# x\n".repeat(MAX_CREDENTIALS_BYTES);
    assert!(matches!(
        parse_credentials(&huge),
        Err(CredentialsError::TooLarge { .. })
    ));
    assert!(matches!(
        parse_credentials_bytes(huge.as_bytes()),
        Err(CredentialsError::TooLarge { .. })
    ));
    assert_eq!(
        parse_credentials_bytes(&[0x89, b'P', b'N', b'G', 0, 0xff, 0xfe]).unwrap_err(),
        CredentialsError::Binary
    );
    assert_eq!(
        parse_credentials("CAMUNDA_CONSOLE_CLIENT_ID=a\0b").unwrap_err(),
        CredentialsError::Binary
    );
}

#[test]
fn from_lookup_reads_the_five_variables() {
    let c = ParsedCredentials::from_lookup(|name| match name {
        CLIENT_ID => Some(" id ".into()),
        CLIENT_SECRET => Some("sec".into()),
        BASE_URL => Some(String::new()),
        _ => None,
    });
    assert_eq!(c.client_id.as_deref(), Some("id"));
    assert_eq!(c.client_secret.unwrap().expose(), "sec");
    assert_eq!(c.api_base_url, None);
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_input(s in any::<String>()) {
        let _ = parse_credentials(&s);
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(b in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_credentials_bytes(&b);
    }

    #[test]
    fn any_single_quoted_secret_round_trips(
        secret in "[^'\\x00-\\x1f\\x7f-\\x9f]{1,80}",
        export in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let eol = if crlf { "\r\n" } else { "\n" };
        let ex = if export { "export " } else { "" };
        let text = format!("{ex}CAMUNDA_CONSOLE_CLIENT_ID='id'{eol}{ex}CAMUNDA_CONSOLE_CLIENT_SECRET='{secret}'{eol}");
        let c = parse_credentials(&text).unwrap();
        let got = c.client_secret.unwrap();
        prop_assert_eq!(got.expose(), secret.as_str());
    }

    #[test]
    fn errors_never_echo_the_value(secret in "[A-Za-z0-9]{12,40}") {
        let text = format!("CAMUNDA_CONSOLE_CLIENT_SECRET='{secret}\n");
        let err = parse_credentials(&text).unwrap_err();
        prop_assert!(!err.to_string().contains(&secret));
    }
}

#[test]
fn endpoints_default_to_saas_for_what_the_file_leaves_out() {
    let only_ids =
        parse_credentials("CAMUNDA_CONSOLE_CLIENT_ID=a\nCAMUNDA_CONSOLE_CLIENT_SECRET=b\n")
            .unwrap();
    assert_eq!(
        only_ids.endpoints(),
        Endpoints {
            token_url: console_api::SAAS_TOKEN_URL.into(),
            api_base_url: console_api::SAAS_API_BASE_URL.into(),
            audience: console_api::SAAS_AUDIENCE.into(),
        }
    );
    let local = parse_credentials(
        "CAMUNDA_OAUTH_URL=http://127.0.0.1:1/t\nCAMUNDA_CONSOLE_BASE_URL=http://127.0.0.1:1\n\
         CAMUNDA_CONSOLE_OAUTH_AUDIENCE=aud\n",
    )
    .unwrap();
    assert_eq!(
        local.endpoints(),
        Endpoints {
            token_url: "http://127.0.0.1:1/t".into(),
            api_base_url: "http://127.0.0.1:1".into(),
            audience: "aud".into(),
        }
    );
}

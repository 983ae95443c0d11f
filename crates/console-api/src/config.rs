//! [`Config`]: where the Console API and its login service are, and the client's credentials.

use std::net::Ipv6Addr;
use std::time::Duration;

use url::{Host, Url};

use crate::{Error, Secret};

/// Camunda SaaS token endpoint.
pub const SAAS_TOKEN_URL: &str = "https://login.cloud.camunda.io/oauth/token";
/// Camunda SaaS Console API base URL.
pub const SAAS_API_BASE_URL: &str = "https://api.cloud.camunda.io";
/// Audience of Console API tokens on SaaS.
pub const SAAS_AUDIENCE: &str = "api.cloud.camunda.io";

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default timeout of a whole request.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Default margin: a token is renewed when less than this remains.
pub const DEFAULT_RENEW_BEFORE: Duration = Duration::from_secs(60);
/// Default base delay between GET retries (jittered, doubled each retry).
pub const DEFAULT_RETRY_BACKOFF: Duration = Duration::from_millis(300);
/// Default number of GET retries (on connect errors and 502/503/504).
pub const DEFAULT_GET_RETRIES: u32 = 2;
/// Requests in flight in a fan-out such as [`crate::Client::list_clients_of`]: the clients of
/// 100 clusters take 5 round trips instead of 100, and Camunda's API never sees more than this
/// many requests of one Skep at once.
pub const DEFAULT_FAN_OUT: usize = 20;
/// What the answers of one fan-out such as [`crate::Client::list_clients_of`] may add up to:
/// 64 MiB. Each answer is bounded by itself (32 MiB), but 20 in flight could otherwise hold
/// 640 MiB. A real organization needs a small part of it (a cluster's client list is some
/// hundred bytes per client: 100 clusters of 1,000 clients each are about 20 MiB), and it is
/// twice one answer's bound, so one cluster at that bound still fits.
pub const DEFAULT_FAN_OUT_BYTES: usize = 64 * 1024 * 1024;

/// Connection settings and credentials of one Administration API client.
#[derive(Clone, Debug)]
pub struct Config {
    /// OAuth token endpoint, e.g. [`SAAS_TOKEN_URL`].
    pub token_url: String,
    /// Console API base URL (paths such as `/clusters` are appended), e.g. [`SAAS_API_BASE_URL`].
    pub api_base_url: String,
    /// Token audience, e.g. [`SAAS_AUDIENCE`].
    pub audience: String,
    /// The API client's id.
    pub client_id: String,
    /// The API client's secret.
    pub client_secret: Secret,
    /// Timeout to establish a connection.
    pub connect_timeout: Duration,
    /// Timeout of a whole request (including reading the body).
    pub request_timeout: Duration,
    /// A cached token is renewed when less than this remains before it expires.
    pub renew_before: Duration,
    /// Base delay between GET retries (jittered ±50 %, doubled each retry).
    pub retry_backoff: Duration,
    /// How many times a GET is retried after a connect error or a 502/503/504.
    pub get_retries: u32,
}

impl Config {
    /// Settings for Camunda SaaS with default timeouts (10 s connect, 30 s request, renew 60 s
    /// before expiry).
    pub fn saas(client_id: impl Into<String>, client_secret: Secret) -> Self {
        Config {
            token_url: SAAS_TOKEN_URL.to_owned(),
            api_base_url: SAAS_API_BASE_URL.to_owned(),
            audience: SAAS_AUDIENCE.to_owned(),
            client_id: client_id.into(),
            client_secret,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            renew_before: DEFAULT_RENEW_BEFORE,
            retry_backoff: DEFAULT_RETRY_BACKOFF,
            get_retries: DEFAULT_GET_RETRIES,
        }
    }

    /// Like [`Config::saas`] with other URLs and audience (a sandbox, a proxy, ...).
    pub fn custom(
        token_url: impl Into<String>,
        api_base_url: impl Into<String>,
        audience: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        Config {
            token_url: token_url.into(),
            api_base_url: api_base_url.into(),
            audience: audience.into(),
            ..Config::saas(client_id, client_secret)
        }
    }

    /// Checks the configuration: both URLs pass [`check_service_url`]; client id, secret and
    /// audience are not empty; timeouts are not zero.
    pub fn validate(&self) -> Result<(), Error> {
        check_service_url("token URL", &self.token_url)?;
        check_service_url("API base URL", &self.api_base_url)?;
        if self.client_id.trim().is_empty() {
            return Err(Error::Config("the client id is empty".into()));
        }
        if self.client_secret.expose().trim().is_empty() {
            return Err(Error::Config("the client secret is empty".into()));
        }
        if self.audience.trim().is_empty() {
            return Err(Error::Config("the audience is empty".into()));
        }
        if self.connect_timeout.is_zero() || self.request_timeout.is_zero() {
            return Err(Error::Config("timeouts must be greater than zero".into()));
        }
        Ok(())
    }
}

/// Why a URL cannot be a token URL or API base URL (see [`check_service_url`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    /// It does not parse as an absolute URL.
    NotAUrl(url::ParseError),
    /// It has no host.
    NoHost,
    /// `http` to a host other than `localhost`, 127.0.0.0/8 or `[::1]`: credentials would
    /// travel unencrypted.
    InsecureHttp,
    /// A scheme other than `https` (or `http` to a loopback host), e.g. `ftp`.
    Scheme(String),
    /// It carries a user name or password.
    Credentials,
    /// It has a query or a fragment (paths are appended to it).
    QueryOrFragment,
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlProblem::NotAUrl(e) => write!(f, "is not a valid URL ({e})"),
            UrlProblem::NoHost => f.write_str("has no host"),
            UrlProblem::InsecureHttp => f.write_str(
                "must use https (http is allowed only for localhost, 127.x.x.x and [::1])",
            ),
            UrlProblem::Scheme(other) => write!(f, "must use https, not {other}"),
            UrlProblem::Credentials => f.write_str("must not contain a user name or password"),
            UrlProblem::QueryOrFragment => f.write_str("must not have a query or fragment"),
        }
    }
}

/// The rule for a token URL or API base URL (`what` names it in the error): it parses, has
/// a host, uses `https` (or `http` to this computer only: exactly `localhost` in any case,
/// 127.0.0.0/8 or `[::1]`, see [`is_loopback`]), and carries no credentials, query or
/// fragment. Surrounding whitespace is ignored. Fails with [`Error::InvalidUrl`].
///
/// The cases are one table, `tests/fixtures/service-urls.json`, which the web UI's own check
/// (`ui/src/lib/serviceUrl.ts`) is tested against too.
pub fn check_service_url(what: &str, raw: &str) -> Result<Url, Error> {
    let refuse = |problem| Error::InvalidUrl {
        what: what.to_owned(),
        problem,
    };
    let url = Url::parse(raw.trim()).map_err(|e| refuse(UrlProblem::NotAUrl(e)))?;
    let host = url.host().ok_or_else(|| refuse(UrlProblem::NoHost))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => return Err(refuse(UrlProblem::InsecureHttp)),
        other => return Err(refuse(UrlProblem::Scheme(other.to_owned()))),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(UrlProblem::Credentials));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(refuse(UrlProblem::QueryOrFragment));
    }
    Ok(url)
}

/// `true` for this computer: the name `localhost` exactly (any case; not `localhost.`, not
/// `*.localhost`, which resolvers and proxies need not keep here), 127.0.0.0/8, and `::1`
/// (also as the IPv4-mapped `::ffff:127.x.x.x`, the same loopback addresses).
pub(crate) fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => {
            *ip == Ipv6Addr::LOCALHOST || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_urls(token: &str, api: &str) -> Config {
        Config::custom(token, api, "aud", "id", Secret::new("secret"))
    }

    #[test]
    fn saas_defaults() {
        let c = Config::saas("id", Secret::new("s"));
        assert_eq!(c.token_url, SAAS_TOKEN_URL);
        assert_eq!(c.api_base_url, SAAS_API_BASE_URL);
        assert_eq!(c.audience, SAAS_AUDIENCE);
        assert_eq!(c.connect_timeout, Duration::from_secs(10));
        assert_eq!(c.request_timeout, Duration::from_secs(30));
        assert_eq!(c.renew_before, Duration::from_secs(60));
        c.validate().expect("saas config is valid");
    }

    #[test]
    fn http_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3/x",
            "http://[::1]:9000",
            "http://[::ffff:127.0.0.1]:9000",
            "http://localhost:3000",
            "http://LOCALHOST:3000",
            "https://example.com",
            " https://example.com/api ",
        ] {
            check_service_url("API base URL", ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            with_urls(ok, ok)
                .validate()
                .unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        use UrlProblem as P;
        for (bad, problem) in [
            ("http://example.com", P::InsecureHttp),
            ("http://128.0.0.1", P::InsecureHttp),
            ("http://10.0.0.1", P::InsecureHttp),
            ("http://[::2]", P::InsecureHttp),
            ("http://localhost.example.com", P::InsecureHttp),
            ("http://localhost.", P::InsecureHttp),
            ("http://sandbox.localhost:3000/api", P::InsecureHttp),
            ("ftp://127.0.0.1", P::Scheme("ftp".into())),
            (
                "not a url",
                P::NotAUrl(url::ParseError::RelativeUrlWithoutBase),
            ),
            ("", P::NotAUrl(url::ParseError::RelativeUrlWithoutBase)),
            ("https://user:pw@example.com", P::Credentials),
            ("https://user@example.com", P::Credentials),
            ("https://example.com/?q=1", P::QueryOrFragment),
            ("https://example.com/#f", P::QueryOrFragment),
            ("file:///etc/passwd", P::NoHost),
        ] {
            let err = with_urls(bad, "https://ok.example")
                .validate()
                .expect_err(bad);
            let expected = Error::InvalidUrl {
                what: "token URL".into(),
                problem: problem.clone(),
            };
            assert_eq!(err, expected, "{bad}");
            let err = with_urls("https://ok.example", bad)
                .validate()
                .expect_err(bad);
            let expected = Error::InvalidUrl {
                what: "API base URL".into(),
                problem,
            };
            assert_eq!(err, expected, "{bad}");
        }
    }

    /// The shared table (`tests/fixtures/service-urls.json`; the web UI's check reads it too):
    /// each URL is allowed or refused as it says, as a token URL and as an API base URL.
    #[test]
    fn service_urls_follow_the_shared_table() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/service-urls.json"))
                .expect("the table is JSON");
        let cases = table["cases"].as_array().expect("cases");
        assert!(cases.len() > 40, "{}", cases.len());
        let mut wrong = Vec::new();
        for case in cases {
            let url = case["url"].as_str().expect("url");
            let allowed = case["allowed"].as_bool().expect("allowed");
            let got = check_service_url("API base URL", url);
            if got.is_ok() != allowed {
                wrong.push(format!("{url:?}: expected allowed={allowed}, got {got:?}"));
            }
            let as_config = with_urls(url, "https://ok.example").validate();
            assert_eq!(as_config.is_ok(), got.is_ok(), "{url:?}");
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn url_errors_name_the_url_not_its_credentials() {
        let err = check_service_url("token URL", "https://me:hunter22@example.com").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration: the token URL must not contain a user name or password"
        );
        let err = check_service_url("API base URL", "http://example.com").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid configuration: the API base URL must use https (http is allowed only for localhost, 127.x.x.x and [::1])"
        );
    }

    #[test]
    fn empty_credentials_are_rejected() {
        let mut c = with_urls("https://a.example", "https://b.example");
        c.client_secret = Secret::new(" ");
        assert!(matches!(c.validate(), Err(Error::Config(_))));
        let mut c = with_urls("https://a.example", "https://b.example");
        c.client_id = String::new();
        assert!(matches!(c.validate(), Err(Error::Config(_))));
    }

    #[test]
    fn debug_does_not_show_the_secret() {
        let c = Config::saas("id", Secret::new("top-secret-value"));
        let s = format!("{c:?}");
        assert!(!s.contains("top-secret-value"), "{s}");
        assert!(s.contains("[redacted]"));
    }
}

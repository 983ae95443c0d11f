//! A secret shown once — a just-created cluster client's secret, a monitoring client's new
//! password — kept until the user acknowledges the copy-once dialog, then zeroized. Renders the
//! files it can be saved as (.env, application.properties, JSON, a Prometheus scrape config).

use console_api::Secret;
use zeroize::Zeroizing;

use crate::client_credentials::ClientCredentials;
use crate::dto::{CreatedClient, MonitoringPassword, SaveFormat, SecretField};
use crate::error::{AppError, AppResult};

/// What the copy-once dialog holds: one at a time (a new one replaces and zeroizes the older).
#[derive(Debug)]
pub enum PendingSecret {
    Client(PendingClient),
    Monitoring(PendingMonitoring),
}

impl PendingSecret {
    /// The text of one field, for the clipboard.
    pub fn field(&self, field: SecretField) -> Zeroizing<String> {
        match (self, field) {
            (Self::Client(c), SecretField::Id) => Zeroizing::new(c.client_id.clone()),
            (Self::Client(c), SecretField::Secret) => {
                Zeroizing::new(c.client_secret.expose().to_string())
            }
            (Self::Client(c), SecretField::Env) => c.env_text(),
            (Self::Monitoring(m), SecretField::Id) => Zeroizing::new(m.username.clone()),
            (Self::Monitoring(m), SecretField::Secret) => {
                Zeroizing::new(m.password.expose().to_string())
            }
            (Self::Monitoring(m), SecretField::Env) => render_env(&m.variables(), true),
        }
    }

    /// The formats it can be saved as, in the dialog's order.
    pub fn save_formats(&self) -> Vec<SaveFormat> {
        match self {
            Self::Client(_) => PendingClient::SAVE_FORMATS.to_vec(),
            Self::Monitoring(m) => m.save_formats(),
        }
    }

    /// The file's text, and the name the save dialog offers. A format this secret is not
    /// offered in is refused.
    pub fn file(&self, format: SaveFormat) -> AppResult<(Zeroizing<String>, String)> {
        if !self.save_formats().contains(&format) {
            return Err(AppError::invalid_input(
                "This secret cannot be saved in that format.",
            ));
        }
        Ok(match self {
            Self::Client(c) => (c.render(format), c.file_name(format)),
            Self::Monitoring(m) => (m.render(format), m.file_name(format)),
        })
    }
}

/// A new cluster client, secret included.
pub struct PendingClient {
    pub cluster_id: String,
    pub name: String,
    pub client_id: String,
    pub client_secret: Secret,
    /// "Zeebe", "Operate", …
    pub permissions: Vec<String>,
    pub zeebe_address: Option<String>,
    pub authorization_server_url: String,
    pub audience: String,
    pub region: Option<String>,
    /// (variable, url) for the granted scopes, e.g. ("CAMUNDA_OPERATE_BASE_URL", "https://…").
    pub base_urls: Vec<(String, String)>,
}

impl std::fmt::Debug for PendingClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingClient")
            .field("cluster_id", &self.cluster_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

impl PendingClient {
    const SAVE_FORMATS: [SaveFormat; 3] =
        [SaveFormat::Env, SaveFormat::Properties, SaveFormat::Json];

    /// What the copy-once dialog shows, secret included: returned once, by `create_client`.
    pub fn created_view(&self) -> CreatedClient {
        CreatedClient {
            cluster_id: self.cluster_id.clone(),
            name: self.name.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.expose().to_string(),
            permissions: self.permissions.clone(),
            zeebe_address: self.zeebe_address.clone(),
            save_formats: Self::SAVE_FORMATS.to_vec(),
        }
    }

    /// The Console's variable names, in its order.
    pub fn variables(&self) -> Vec<(String, String)> {
        ClientCredentials {
            zeebe_address: self.zeebe_address.as_deref(),
            client_id: &self.client_id,
            client_secret: Some(self.client_secret.expose()),
            authorization_server_url: &self.authorization_server_url,
            audience: Some(&self.audience),
            cluster_id: &self.cluster_id,
            region: self.region.as_deref(),
            scopes: Some(&self.permissions),
            base_urls: &self.base_urls,
        }
        .variables()
    }

    /// `export NAME='value'` lines (shell; also read by most dotenv loaders). With the secret.
    pub fn env_text(&self) -> Zeroizing<String> {
        render_env(&self.variables(), true)
    }

    pub fn render(&self, format: SaveFormat) -> Zeroizing<String> {
        match format {
            SaveFormat::Env => render_env(&self.variables(), false),
            SaveFormat::Properties => self.properties(),
            SaveFormat::Json => json_of(&self.variables()),
            // Not offered for a client (`PendingSecret::file` refuses it first).
            SaveFormat::Prometheus => render_env(&self.variables(), false),
        }
    }

    fn properties(&self) -> Zeroizing<String> {
        let mut lines = vec![
            "# Camunda 8 SaaS client credentials (Spring Boot). Keep this file private."
                .to_string(),
            "camunda.client.mode=saas".to_string(),
            format!("camunda.client.auth.client-id={}", prop(&self.client_id)),
            format!(
                "camunda.client.auth.client-secret={}",
                prop(self.client_secret.expose())
            ),
            format!("camunda.client.cloud.cluster-id={}", prop(&self.cluster_id)),
        ];
        if let Some(r) = &self.region {
            lines.push(format!("camunda.client.cloud.region={}", prop(r)));
        }
        let mut text = lines.join("\n");
        text.push('\n');
        lines.iter_mut().for_each(zeroize::Zeroize::zeroize);
        Zeroizing::new(text)
    }

    /// The default file name offered in the save dialog.
    pub fn file_name(&self, format: SaveFormat) -> String {
        let safe = safe_file_stem(&self.name, "client");
        match format {
            SaveFormat::Env => format!("{safe}.env"),
            SaveFormat::Properties => "application.properties".to_string(),
            SaveFormat::Json | SaveFormat::Prometheus => format!("{safe}.json"),
        }
    }
}

/// A monitoring client's password, just created or rotated.
pub struct PendingMonitoring {
    pub cluster_id: String,
    pub client_id: String,
    pub username: String,
    pub password: Secret,
    /// Where metrics are scraped from, when the API said.
    pub endpoint: Option<console_api::MetricsEndpoint>,
    pub rotated: bool,
}

impl std::fmt::Debug for PendingMonitoring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingMonitoring")
            .field("cluster_id", &self.cluster_id)
            .field("username", &self.username)
            .field("password", &self.password)
            .finish_non_exhaustive()
    }
}

/// The endpoint's scheme (`https` when the API left it out) and its path with a leading `/`.
fn scheme_and_path(e: &console_api::MetricsEndpoint) -> (&str, String) {
    let scheme = if e.scheme.is_empty() {
        "https"
    } else {
        &e.scheme
    };
    let path = if e.path.starts_with('/') {
        e.path.clone()
    } else {
        format!("/{}", e.path)
    };
    (scheme, path)
}

/// `https://<target><path>`.
pub fn metrics_url(e: &console_api::MetricsEndpoint) -> String {
    let (scheme, path) = scheme_and_path(e);
    format!("{scheme}://{}{path}", e.target)
}

impl PendingMonitoring {
    /// What the copy-once dialog shows, password included: returned once.
    pub fn shown_view(&self) -> MonitoringPassword {
        MonitoringPassword {
            cluster_id: self.cluster_id.clone(),
            client_id: self.client_id.clone(),
            username: self.username.clone(),
            password: self.password.expose().to_string(),
            metrics_url: self.endpoint.as_ref().map(metrics_url),
            rotated: self.rotated,
            save_formats: self.save_formats(),
        }
    }

    fn save_formats(&self) -> Vec<SaveFormat> {
        let mut formats = vec![SaveFormat::Env, SaveFormat::Json];
        if self.endpoint.is_some() {
            formats.push(SaveFormat::Prometheus);
        }
        formats
    }

    fn variables(&self) -> Vec<(String, String)> {
        let mut vars = Vec::with_capacity(3);
        if let Some(e) = &self.endpoint {
            vars.push(("CAMUNDA_METRICS_URL".to_string(), metrics_url(e)));
        }
        vars.push((
            "CAMUNDA_METRICS_USERNAME".to_string(),
            self.username.clone(),
        ));
        vars.push((
            "CAMUNDA_METRICS_PASSWORD".to_string(),
            self.password.expose().to_string(),
        ));
        vars
    }

    fn render(&self, format: SaveFormat) -> Zeroizing<String> {
        match (format, &self.endpoint) {
            (SaveFormat::Prometheus, Some(e)) => self.prometheus(e),
            (SaveFormat::Json, _) => json_of(&self.variables()),
            _ => render_env(&self.variables(), false),
        }
    }

    /// The scrape configuration Camunda documents for the Cluster Metrics endpoint (HTTPS,
    /// basic authentication), every value single-quoted YAML.
    fn prometheus(&self, e: &console_api::MetricsEndpoint) -> Zeroizing<String> {
        let (scheme, path) = scheme_and_path(e);
        Zeroizing::new(format!(
            "# Prometheus scrape configuration for Camunda cluster {cluster}.\n\
             # Keep this file private: it holds the monitoring password.\n\
             scrape_configs:\n\
             \x20 - job_name: {job}\n\
             \x20   scheme: {scheme}\n\
             \x20   metrics_path: {path}\n\
             \x20   basic_auth:\n\
             \x20     username: {user}\n\
             \x20     password: {password}\n\
             \x20   static_configs:\n\
             \x20     - targets: [{target}]\n",
            cluster = self.cluster_id,
            job = yaml(&format!("c8-{}", self.cluster_id)),
            scheme = yaml(scheme),
            path = yaml(&path),
            user = yaml(&self.username),
            password = yaml(self.password.expose()),
            target = yaml(&e.target),
        ))
    }

    fn file_name(&self, format: SaveFormat) -> String {
        let safe = safe_file_stem(&self.username, "monitoring");
        match format {
            SaveFormat::Prometheus => format!("prometheus-{safe}.yml"),
            SaveFormat::Json => format!("{safe}-monitoring.json"),
            SaveFormat::Env | SaveFormat::Properties => format!("{safe}-monitoring.env"),
        }
    }
}

/// `name` with every character but ASCII letters, digits, `-` and `_` replaced by `-`;
/// `fallback` when nothing is left.
fn safe_file_stem(name: &str, fallback: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.trim_matches('-').is_empty() {
        fallback.to_string()
    } else {
        safe
    }
}

/// A single-quoted YAML scalar (a `'` inside is doubled).
fn yaml(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

fn json_of(vars: &[(String, String)]) -> Zeroizing<String> {
    let mut map = serde_json::Map::new();
    for (k, v) in vars {
        map.insert(k.clone(), serde_json::Value::String(v.clone()));
    }
    let text = serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap_or_default();
    Zeroizing::new(text + "\n")
}

/// The credentials file of an existing client: same variables, no secret.
pub fn credentials_file_without_secret(vars: &[(String, String)]) -> String {
    let mut text = String::from(
        "# The client secret is shown only once, when the client is created.\n\
         # To get a new one, create a new client and delete this one.\n",
    );
    text.push_str(&render_env(vars, true));
    text
}

fn render_env(vars: &[(String, String)], export: bool) -> Zeroizing<String> {
    let mut out = String::new();
    for (k, v) in vars {
        if export {
            out.push_str("export ");
        }
        out.push_str(k);
        out.push('=');
        out.push_str(&shell_quote(v));
        out.push('\n');
    }
    Zeroizing::new(out)
}

/// Single-quote a value for a shell/.env line (a `'` inside becomes `'\''`).
fn shell_quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "'\\''"))
}

/// Escape a value for a Java properties file.
fn prop(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for (i, c) in v.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' ' if i == 0 => out.push_str("\\ "),
            c if !c.is_ascii() || c.is_ascii_control() => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PendingClient {
        PendingClient {
            cluster_id: "c-1".into(),
            name: "worker 1".into(),
            client_id: "id~1".into(),
            client_secret: Secret::new("s3'cr=et"),
            permissions: vec!["Zeebe".into(), "Operate".into()],
            zeebe_address: Some("c-1.bru-2.zeebe.camunda.io:443".into()),
            authorization_server_url: "https://login.cloud.camunda.io/oauth/token".into(),
            audience: "zeebe.camunda.io".into(),
            region: Some("bru-2".into()),
            base_urls: vec![(
                "CAMUNDA_OPERATE_BASE_URL".into(),
                "https://bru-2.operate.camunda.io/c-1".into(),
            )],
        }
    }

    #[test]
    fn env_has_the_consoles_names_and_the_secret() {
        let p = sample();
        let text = p.render(SaveFormat::Env);
        for name in [
            "ZEEBE_ADDRESS='c-1.bru-2.zeebe.camunda.io:443'",
            "ZEEBE_CLIENT_ID='id~1'",
            "ZEEBE_CLIENT_SECRET='s3'\\''cr=et'",
            "ZEEBE_AUTHORIZATION_SERVER_URL=",
            "ZEEBE_TOKEN_AUDIENCE='zeebe.camunda.io'",
            "CAMUNDA_CLUSTER_ID='c-1'",
            "CAMUNDA_CLUSTER_REGION='bru-2'",
            "CAMUNDA_CREDENTIALS_SCOPES='Zeebe,Operate'",
            "CAMUNDA_OPERATE_BASE_URL='https://bru-2.operate.camunda.io/c-1'",
            "CAMUNDA_OAUTH_URL='https://login.cloud.camunda.io/oauth/token'",
        ] {
            assert!(text.contains(name), "{name} missing");
        }
        assert!(!text.contains("export "));
        assert!(p.env_text().starts_with("export ZEEBE_ADDRESS="));
    }

    #[test]
    fn properties_for_spring_boot() {
        let text = sample().render(SaveFormat::Properties);
        assert!(text.contains("camunda.client.mode=saas\n"));
        assert!(text.contains("camunda.client.auth.client-id=id~1\n"));
        assert!(text.contains("camunda.client.auth.client-secret=s3'cr=et\n"));
        assert!(text.contains("camunda.client.cloud.cluster-id=c-1\n"));
        assert!(text.contains("camunda.client.cloud.region=bru-2\n"));
        assert_eq!(prop(" a\\b\u{e9}"), "\\ a\\\\b\\u00e9");
    }

    #[test]
    fn json_round_trips() {
        let text = sample().render(SaveFormat::Json);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["ZEEBE_CLIENT_SECRET"], "s3'cr=et");
        assert_eq!(v["CAMUNDA_CLUSTER_ID"], "c-1");
    }

    #[test]
    fn debug_and_file_names_hide_the_secret() {
        let p = sample();
        assert!(!format!("{p:?}").contains("s3'cr"));
        assert_eq!(p.file_name(SaveFormat::Env), "worker-1.env");
        assert_eq!(
            p.file_name(SaveFormat::Properties),
            "application.properties"
        );
        let text = credentials_file_without_secret(&[("ZEEBE_CLIENT_ID".into(), "x".into())]);
        assert!(text.contains("export ZEEBE_CLIENT_ID='x'"));
    }

    fn monitoring(endpoint: bool) -> PendingSecret {
        PendingSecret::Monitoring(PendingMonitoring {
            cluster_id: "c-1".into(),
            client_id: "m-1".into(),
            username: "prom scraper".into(),
            password: Secret::new("pa'ss"),
            endpoint: endpoint.then(|| console_api::MetricsEndpoint {
                scheme: String::new(),
                target: "bru-2.metrics.camunda.io".into(),
                path: "c-1".into(),
            }),
            rotated: true,
        })
    }

    #[test]
    fn a_monitoring_password_copies_and_saves_as_env_json_and_prometheus() {
        let m = monitoring(true);
        assert_eq!(&*m.field(SecretField::Id), "prom scraper");
        assert_eq!(&*m.field(SecretField::Secret), "pa'ss");
        let env = m.field(SecretField::Env);
        assert!(env.contains("export CAMUNDA_METRICS_URL='https://bru-2.metrics.camunda.io/c-1'\n"));
        assert!(env.contains("export CAMUNDA_METRICS_PASSWORD='pa'\\''ss'\n"));
        assert_eq!(
            m.save_formats(),
            [SaveFormat::Env, SaveFormat::Json, SaveFormat::Prometheus]
        );
        let (json, name) = m.file(SaveFormat::Json).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["CAMUNDA_METRICS_USERNAME"], "prom scraper");
        assert_eq!(name, "prom-scraper-monitoring.json");
        let (yml, name) = m.file(SaveFormat::Prometheus).unwrap();
        assert_eq!(name, "prometheus-prom-scraper.yml");
        for line in [
            "  - job_name: 'c8-c-1'\n",
            "    scheme: 'https'\n",
            "    metrics_path: '/c-1'\n",
            "      username: 'prom scraper'\n",
            "      password: 'pa''ss'\n",
            "      - targets: ['bru-2.metrics.camunda.io']\n",
        ] {
            assert!(yml.contains(line), "{line:?} missing from\n{}", &*yml);
        }
        let e = m.file(SaveFormat::Properties).unwrap_err();
        assert!(e.message.contains("cannot be saved"), "{e:?}");
        assert!(!format!("{m:?}").contains("pa'ss"));
    }

    #[test]
    fn without_an_endpoint_there_is_no_scrape_config() {
        let m = monitoring(false);
        assert_eq!(m.save_formats(), [SaveFormat::Env, SaveFormat::Json]);
        assert!(m.file(SaveFormat::Prometheus).is_err());
        assert!(!m.field(SecretField::Env).contains("CAMUNDA_METRICS_URL"));
    }

    #[test]
    fn a_client_is_not_saved_as_a_scrape_config() {
        let c = PendingSecret::Client(sample());
        assert!(c.file(SaveFormat::Prometheus).is_err());
        assert_eq!(&*c.field(SecretField::Id), "id~1");
        let (_, name) = c.file(SaveFormat::Properties).unwrap();
        assert_eq!(name, "application.properties");
    }
}

//! The secret of a just-created cluster client: kept until the user acknowledges the dialog,
//! then zeroized. Renders the three save formats (.env, application.properties, JSON).

use console_api::Secret;
use zeroize::Zeroizing;

use crate::client_credentials::ClientCredentials;
use crate::dto::{CreatedClient, SaveFormat};

pub struct PendingSecret {
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

impl std::fmt::Debug for PendingSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSecret")
            .field("cluster_id", &self.cluster_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

impl PendingSecret {
    /// What the copy-once dialog shows, secret included: returned once, by `create_client`.
    pub fn created_view(&self) -> CreatedClient {
        CreatedClient {
            cluster_id: self.cluster_id.clone(),
            name: self.name.clone(),
            client_id: self.client_id.clone(),
            client_secret: self.client_secret.expose().to_string(),
            permissions: self.permissions.clone(),
            zeebe_address: self.zeebe_address.clone(),
            env_text: self.env_text().to_string(),
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
            SaveFormat::Json => self.json(),
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

    fn json(&self) -> Zeroizing<String> {
        let mut map = serde_json::Map::new();
        for (k, v) in self.variables() {
            map.insert(k, serde_json::Value::String(v));
        }
        let text =
            serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap_or_default();
        Zeroizing::new(text + "\n")
    }

    /// The default file name offered in the save dialog.
    pub fn file_name(&self, format: SaveFormat) -> String {
        let safe: String = self
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let safe = if safe.trim_matches('-').is_empty() {
            "client".to_string()
        } else {
            safe
        };
        match format {
            SaveFormat::Env => format!("{safe}.env"),
            SaveFormat::Properties => "application.properties".to_string(),
            SaveFormat::Json => format!("{safe}.json"),
        }
    }
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

    fn sample() -> PendingSecret {
        PendingSecret {
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
}

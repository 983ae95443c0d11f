//! The variables of a cluster client's credentials file, in the Console's names and order:
//! the same list for a just-created client (with its secret) and an existing one (without).

/// What a cluster client's credentials file says. `None` leaves a variable out.
#[derive(Clone, Copy)]
pub struct ClientCredentials<'a> {
    pub zeebe_address: Option<&'a str>,
    pub client_id: &'a str,
    /// Known only when the client was just created.
    pub client_secret: Option<&'a str>,
    pub authorization_server_url: &'a str,
    pub audience: Option<&'a str>,
    pub cluster_id: &'a str,
    pub region: Option<&'a str>,
    /// The granted scopes ("Zeebe", "Operate", …), when known.
    pub scopes: Option<&'a [String]>,
    /// (variable, url) of the granted components, e.g. ("CAMUNDA_OPERATE_BASE_URL", "https://…").
    pub base_urls: &'a [(String, String)],
}

impl std::fmt::Debug for ClientCredentials<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("cluster_id", &self.cluster_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.map(|_| "[redacted]"))
            .finish_non_exhaustive()
    }
}

impl ClientCredentials<'_> {
    /// (name, value) pairs, in the Console's order. Holds the secret if there is one.
    pub fn variables(&self) -> Vec<(String, String)> {
        let mut vars: Vec<(String, String)> = Vec::new();
        let mut push = |k: &str, v: &str| vars.push((k.to_string(), v.to_string()));
        if let Some(a) = self.zeebe_address {
            push("ZEEBE_ADDRESS", a);
        }
        push("ZEEBE_CLIENT_ID", self.client_id);
        if let Some(s) = self.client_secret {
            push("ZEEBE_CLIENT_SECRET", s);
        }
        push(
            "ZEEBE_AUTHORIZATION_SERVER_URL",
            self.authorization_server_url,
        );
        if let Some(a) = self.audience {
            push("ZEEBE_TOKEN_AUDIENCE", a);
        }
        push("CAMUNDA_CLUSTER_ID", self.cluster_id);
        if let Some(r) = self.region {
            push("CAMUNDA_CLUSTER_REGION", r);
        }
        if let Some(scopes) = self.scopes {
            push("CAMUNDA_CREDENTIALS_SCOPES", &scopes.join(","));
        }
        for (k, v) in self.base_urls {
            push(k, v);
        }
        push("CAMUNDA_OAUTH_URL", self.authorization_server_url);
        vars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(vars: &[(String, String)]) -> Vec<&str> {
        vars.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn the_consoles_names_in_its_order() {
        let scopes = ["Zeebe".to_string(), "Operate".to_string()];
        let base_urls = [(
            "CAMUNDA_OPERATE_BASE_URL".to_string(),
            "https://bru-2.operate.camunda.io/c-1".to_string(),
        )];
        let full = ClientCredentials {
            zeebe_address: Some("c-1.bru-2.zeebe.camunda.io:443"),
            client_id: "id",
            client_secret: Some("s3cret"),
            authorization_server_url: "https://login.cloud.camunda.io/oauth/token",
            audience: Some("zeebe.camunda.io"),
            cluster_id: "c-1",
            region: Some("bru-2"),
            scopes: Some(&scopes),
            base_urls: &base_urls,
        };
        let vars = full.variables();
        assert_eq!(
            names(&vars),
            [
                "ZEEBE_ADDRESS",
                "ZEEBE_CLIENT_ID",
                "ZEEBE_CLIENT_SECRET",
                "ZEEBE_AUTHORIZATION_SERVER_URL",
                "ZEEBE_TOKEN_AUDIENCE",
                "CAMUNDA_CLUSTER_ID",
                "CAMUNDA_CLUSTER_REGION",
                "CAMUNDA_CREDENTIALS_SCOPES",
                "CAMUNDA_OPERATE_BASE_URL",
                "CAMUNDA_OAUTH_URL",
            ]
        );
        assert!(vars.contains(&("CAMUNDA_CREDENTIALS_SCOPES".into(), "Zeebe,Operate".into())));
        assert!(!format!("{full:?}").contains("s3cret"));

        // An existing client: no secret, audience, scopes or component URLs.
        let existing = ClientCredentials {
            client_secret: None,
            audience: None,
            region: None,
            scopes: None,
            base_urls: &[],
            ..full
        };
        assert_eq!(
            names(&existing.variables()),
            [
                "ZEEBE_ADDRESS",
                "ZEEBE_CLIENT_ID",
                "ZEEBE_AUTHORIZATION_SERVER_URL",
                "CAMUNDA_CLUSTER_ID",
                "CAMUNDA_OAUTH_URL",
            ]
        );
    }
}

//! Helpers shared by the sandbox's HTTP tests (real HTTP over 127.0.0.1 with reqwest).
#![allow(dead_code)]

use std::time::Duration;

use base64::Engine;
use console_sandbox::{ApiCredentials, ApiPermission, ControlAccess, Sandbox, SandboxConfig, Seed};
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

pub struct Env {
    pub sb: Sandbox,
    pub http: reqwest::Client,
}

pub fn config(seed: Seed) -> SandboxConfig {
    SandboxConfig {
        seed,
        // Tests fetch many tokens; the rate limit has its own tests.
        token_rate_limit: None,
        // The control routes are what these tests drive; their access rules have own tests.
        control: ControlAccess::Open,
        ..SandboxConfig::default()
    }
}

pub async fn start(config: SandboxConfig) -> Env {
    let sb = Sandbox::start(config).await.expect("sandbox starts");
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    Env { sb, http }
}

pub async fn demo() -> Env {
    start(config(Seed::Demo)).await
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sb.base_url(), path)
    }

    pub fn token_body(&self, creds: &ApiCredentials) -> Value {
        json!({
            "grant_type": "client_credentials",
            "audience": self.sb.audience(),
            "client_id": creds.client_id,
            "client_secret": creds.client_secret,
        })
    }

    pub async fn token_request(&self, body: &Value) -> Response {
        self.http
            .post(self.sb.token_url())
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn token_for(&self, creds: &ApiCredentials) -> String {
        let resp = self.token_request(&self.token_body(creds)).await;
        assert_eq!(resp.status(), StatusCode::OK);
        let v: Value = resp.json().await.unwrap();
        v["access_token"].as_str().unwrap().to_string()
    }

    pub async fn token(&self) -> String {
        self.token_for(&self.sb.default_credentials()).await
    }

    pub async fn token_with(&self, perms: &[ApiPermission]) -> String {
        let creds = self.sb.add_api_client(perms);
        self.token_for(&creds).await
    }

    pub async fn call(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut rb = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        rb.send().await.unwrap()
    }

    pub async fn get_json(&self, token: &str, path: &str) -> Value {
        let resp = self.call(token, Method::GET, path, None).await;
        assert_eq!(resp.status(), StatusCode::OK, "GET {path}");
        resp.json().await.unwrap()
    }

    pub async fn clusters(&self, token: &str) -> Vec<Value> {
        self.get_json(token, "/clusters")
            .await
            .as_array()
            .unwrap()
            .clone()
    }

    pub async fn cluster_by_name(&self, token: &str, name: &str) -> Value {
        self.clusters(token)
            .await
            .into_iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no cluster named {name}"))
    }

    pub async fn parameters(&self, token: &str) -> Value {
        self.get_json(token, "/clusters/parameters").await
    }

    /// A valid create-cluster body from the parameters (Stable channel, its default generation).
    pub async fn create_body(&self, token: &str, name: &str) -> Value {
        let p = self.parameters(token).await;
        let stable = p["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "Stable")
            .unwrap()
            .clone();
        json!({
            "name": name,
            "planTypeId": p["clusterPlanTypes"][0]["uuid"],
            "channelId": stable["uuid"],
            "generationId": stable["defaultGeneration"]["uuid"],
            "regionId": p["regions"][0]["uuid"],
        })
    }

    pub async fn create_cluster(&self, token: &str, name: &str) -> String {
        let body = self.create_body(token, name).await;
        let resp = self
            .call(token, Method::POST, "/clusters", Some(body))
            .await;
        assert_eq!(resp.status(), StatusCode::OK);
        let v: Value = resp.json().await.unwrap();
        v["clusterId"].as_str().unwrap().to_string()
    }
}

/// The claims of a JWT (no verification).
pub fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

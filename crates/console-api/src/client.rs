//! [`Client`]: the typed operations of the Console API.

use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use crate::cache::{cache_for, TokenCache};
use crate::config::{check_service_url, is_loopback};
use crate::http::{check_status, decode, send, ByteBudget, Idempotency, Request, RetryPolicy};
use crate::models::*;
use crate::path::{build_url, Part};
use crate::token::{TokenKey, TokenStore};
use crate::{Config, Error, Permission, Secret, DEFAULT_FAN_OUT_BYTES};

/// A Console API client for one Administration API client's credentials.
///
/// Cheap to clone (clones share the connection pool). Tokens are shared process-wide by all
/// clients with the same token URL, audience and client id; see the crate docs for the rules.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    base: Url,
    key: TokenKey,
    http: reqwest::Client,
    cache: Arc<TokenCache>,
    store: Option<Arc<dyn TokenStore>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("api_base_url", &self.inner.base.as_str())
            .field("key", &self.inner.key)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client with an in-memory token cache only.
    pub fn new(config: Config) -> Result<Client, Error> {
        Self::build(config, None)
    }

    /// A client whose tokens are also persisted in `store` (loaded when the cache is empty,
    /// saved after each token request, cleared when the API rejects the token).
    pub fn with_token_store(config: Config, store: Arc<dyn TokenStore>) -> Result<Client, Error> {
        Self::build(config, Some(store))
    }

    fn build(config: Config, store: Option<Arc<dyn TokenStore>>) -> Result<Client, Error> {
        config.validate()?;
        let base = check_service_url("API base URL", &config.api_base_url)?;
        let token_url = check_service_url("token URL", &config.token_url)?;
        let all_loopback = [&base, &token_url]
            .iter()
            .all(|u| u.host().is_some_and(|h| is_loopback(&h)));
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("skep-console-api/", env!("CARGO_PKG_VERSION")));
        if all_loopback {
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| Error::Config(format!("cannot set up HTTPS ({e})")))?;
        let key = TokenKey::of(&token_url, &config.audience, &config.client_id);
        let cache = cache_for(&key);
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                base,
                key,
                http,
                cache,
                store,
            }),
        })
    }

    /// The configuration this client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The key of the token cache this client uses.
    pub fn token_key(&self) -> &TokenKey {
        &self.inner.key
    }

    /// Makes sure a valid token is cached, asking the login service only if needed
    /// ("Test connection").
    pub async fn ensure_token(&self) -> Result<(), Error> {
        self.token().await.map(|_| ())
    }

    /// `GET /clusters`.
    pub async fn list_clusters(&self) -> Result<Vec<Cluster>, Error> {
        let url = self.url(&[Part::Lit("clusters")])?;
        self.get(url, Permission::GetClusters).await
    }

    /// `GET /clusters/{id}`.
    pub async fn get_cluster(&self, cluster_id: &str) -> Result<Cluster, Error> {
        let url = self.url(&[Part::Lit("clusters"), Part::Id("cluster id", cluster_id)])?;
        self.get(url, Permission::GetClusters).await
    }

    /// `GET /clusters/parameters`: channels, generations, regions and plan types.
    pub async fn cluster_parameters(&self) -> Result<Parameters, Error> {
        let url = self.url(&[Part::Lit("clusters"), Part::Lit("parameters")])?;
        self.get(url, Permission::GetClusters).await
    }

    /// `POST /clusters`. Never retried: a timeout is [`Error::OutcomeUnknown`].
    pub async fn create_cluster(
        &self,
        req: &CreateClusterRequest,
    ) -> Result<CreatedCluster, Error> {
        let url = self.url(&[Part::Lit("clusters")])?;
        let body = self
            .call(
                Method::POST,
                url,
                Some(to_json(req)?),
                Permission::CreateClusters,
            )
            .await?;
        self.decode(&body)
    }

    /// `DELETE /clusters/{id}`.
    pub async fn delete_cluster(&self, cluster_id: &str) -> Result<(), Error> {
        let url = self.url(&[Part::Lit("clusters"), Part::Id("cluster id", cluster_id)])?;
        self.call(Method::DELETE, url, None, Permission::DeleteClusters)
            .await
            .map(|_| ())
    }

    /// `PATCH /clusters/{id}`: changes name, description and/or stage label.
    pub async fn update_cluster(
        &self,
        cluster_id: &str,
        req: &UpdateClusterRequest,
    ) -> Result<(), Error> {
        let url = self.url(&[Part::Lit("clusters"), Part::Id("cluster id", cluster_id)])?;
        self.call(
            Method::PATCH,
            url,
            Some(to_json(req)?),
            Permission::CreateClusters,
        )
        .await
        .map(|_| ())
    }

    /// `PUT /clusters/{id}/ipallowlist`: replaces the cluster's whole IP allowlist (`[]`
    /// opens it to every address). Each entry is checked first ([`IpAllowlistEntry::check`]):
    /// a bad one is [`Error::InvalidInput`] and nothing is sent. Enterprise plans only.
    pub async fn set_ip_allowlist(
        &self,
        cluster_id: &str,
        entries: &[IpAllowlistEntry],
    ) -> Result<(), Error> {
        for e in entries {
            e.check().map_err(Error::InvalidInput)?;
        }
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("ipallowlist"),
        ])?;
        let body = serde_json::json!({ "ipallowlist": entries });
        self.call(Method::PUT, url, Some(body), Permission::IpAllowlist)
            .await
            .map(|_| ())
    }

    /// `GET /meta/ip-ranges`: the addresses Camunda's services (Web Modeler) connect from.
    pub async fn ip_ranges(&self) -> Result<IpRanges, Error> {
        let url = self.url(&[Part::Lit("meta"), Part::Lit("ip-ranges")])?;
        self.get(url, Permission::IpAllowlist).await
    }

    /// `GET /clusters/{id}/secrets`: the cluster's connector secrets, by name. The API sends
    /// the values in clear text; they are kept as [`Secret`]s, and a body that cannot be read
    /// is never quoted in the error (it would hold them).
    pub async fn list_connector_secrets(
        &self,
        cluster_id: &str,
    ) -> Result<Vec<ConnectorSecret>, Error> {
        let url = self.secrets_url(cluster_id, None)?;
        let answer = self
            .call(Method::GET, url, None, Permission::ConnectorSecrets)
            .await?;
        let map: std::collections::BTreeMap<String, Option<String>> =
            serde_json::from_slice(&answer.body).map_err(|_| Error::Decode {
                excerpt: "(a list of connector secrets that is not a JSON object of names and \
                          values; its text is not shown, it may hold secret values)"
                    .into(),
            })?;
        Ok(map
            .into_iter()
            .map(|(name, value)| ConnectorSecret {
                name,
                value: Secret::new(value.unwrap_or_default()),
            })
            .collect())
    }

    /// `POST /clusters/{id}/secrets`: a new connector secret. The name is checked first
    /// ([`check_connector_secret_name`]); an empty value is refused. 409: the name is taken.
    /// Never retried.
    pub async fn create_connector_secret(
        &self,
        cluster_id: &str,
        name: &str,
        value: &Secret,
    ) -> Result<(), Error> {
        check_connector_secret_name(name).map_err(Error::InvalidInput)?;
        check_connector_secret_value(value)?;
        let url = self.secrets_url(cluster_id, None)?;
        let body = serde_json::json!({ "secretName": name, "secretValue": value.expose() });
        self.call_counted(
            Method::POST,
            url,
            Some(body),
            Permission::ConnectorSecrets,
            None,
            &[value.expose()],
        )
        .await
        .map(|_| ())
    }

    /// `PUT /clusters/{id}/secrets/{name}`: a connector secret's new value.
    pub async fn update_connector_secret(
        &self,
        cluster_id: &str,
        name: &str,
        value: &Secret,
    ) -> Result<(), Error> {
        check_connector_secret_value(value)?;
        let url = self.secrets_url(cluster_id, Some(name))?;
        let body = serde_json::json!({ "secretValue": value.expose() });
        self.call_counted(
            Method::PUT,
            url,
            Some(body),
            Permission::ConnectorSecrets,
            None,
            &[value.expose()],
        )
        .await
        .map(|_| ())
    }

    /// `DELETE /clusters/{id}/secrets/{name}`. The API may list the secret for a short while
    /// after (eventual consistency).
    pub async fn delete_connector_secret(&self, cluster_id: &str, name: &str) -> Result<(), Error> {
        let url = self.secrets_url(cluster_id, Some(name))?;
        self.call(Method::DELETE, url, None, Permission::ConnectorSecrets)
            .await
            .map(|_| ())
    }

    fn secrets_url(&self, cluster_id: &str, name: Option<&str>) -> Result<Url, Error> {
        let mut parts = vec![
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("secrets"),
        ];
        if let Some(name) = name {
            parts.push(Part::Id("secret name", name));
        }
        self.url(&parts)
    }

    /// `PUT /clusters/{id}/upgrade`: to the latest generation of the cluster's channel
    /// ([`upgrade_target`] says which). 400: none is available; 412: the cluster is not
    /// Healthy. Never retried.
    pub async fn upgrade_cluster(&self, cluster_id: &str) -> Result<ClusterUpgrade, Error> {
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("upgrade"),
        ])?;
        let answer = self
            .call(Method::PUT, url, None, Permission::CreateClusters)
            .await?;
        self.decode(&answer)
    }

    /// `POST /clusters/{id}/monitoring`: activates external monitoring. 409: already active.
    pub async fn activate_monitoring(&self, cluster_id: &str) -> Result<(), Error> {
        let url = self.monitoring_url(cluster_id, &[])?;
        self.call(Method::POST, url, None, Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `DELETE /clusters/{id}/monitoring`: deactivates it. 409: not active.
    pub async fn deactivate_monitoring(&self, cluster_id: &str) -> Result<(), Error> {
        let url = self.monitoring_url(cluster_id, &[])?;
        self.call(Method::DELETE, url, None, Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `GET /clusters/{id}/monitoring/clients`: the clients and the metrics endpoint.
    pub async fn monitoring(&self, cluster_id: &str) -> Result<Monitoring, Error> {
        #[derive(serde::Deserialize)]
        struct Status {
            #[serde(default, rename = "metricsEndpoint")]
            metrics_endpoint: Option<MetricsEndpoint>,
        }
        #[derive(serde::Deserialize)]
        struct Body {
            #[serde(default)]
            clients: Vec<MonitoringClient>,
            #[serde(default)]
            status: Option<Status>,
        }
        let url = self.monitoring_url(cluster_id, &[Part::Lit("clients")])?;
        let body: Body = self.get(url, Permission::GetClusters).await?;
        Ok(Monitoring {
            clients: body.clients,
            metrics_endpoint: body.status.and_then(|s| s.metrics_endpoint),
        })
    }

    /// `POST /clusters/{id}/monitoring/clients`: a new client; its password is in this answer
    /// only. Never retried.
    pub async fn create_monitoring_client(
        &self,
        cluster_id: &str,
        username: &str,
    ) -> Result<MonitoringCredentials, Error> {
        crate::check_monitoring_username(username).map_err(Error::InvalidInput)?;
        let url = self.monitoring_url(cluster_id, &[Part::Lit("clients")])?;
        let body = serde_json::json!({ "username": username });
        let answer = self
            .call(Method::POST, url, Some(body), Permission::CreateClusters)
            .await?;
        credentials(&answer.body)
    }

    /// `DELETE /clusters/{id}/monitoring/clients/{uuid}`.
    pub async fn delete_monitoring_client(
        &self,
        cluster_id: &str,
        client: &str,
    ) -> Result<(), Error> {
        let url = self.monitoring_url(
            cluster_id,
            &[Part::Lit("clients"), Part::Id("client id", client)],
        )?;
        self.call(Method::DELETE, url, None, Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `POST /clusters/{id}/monitoring/clients/{uuid}/rotate`: a new password (the old one
    /// stops working), in this answer only. Never retried.
    pub async fn rotate_monitoring_password(
        &self,
        cluster_id: &str,
        client: &str,
    ) -> Result<MonitoringCredentials, Error> {
        let url = self.monitoring_url(
            cluster_id,
            &[
                Part::Lit("clients"),
                Part::Id("client id", client),
                Part::Lit("rotate"),
            ],
        )?;
        let answer = self
            .call(Method::POST, url, None, Permission::CreateClusters)
            .await?;
        credentials(&answer.body)
    }

    /// `PUT /clusters/{id}/encryption`: sets or rotates the customer-managed keys (AWS KMS key
    /// ARNs) of a cluster created with `encryption: External`. 409: not such a cluster; 403: not
    /// Enterprise or not in AWS; 400: a key of another region, or a secondary key missing for a
    /// dual-region cluster (or sent for a single-region one). The answer's body is not needed.
    pub async fn set_encryption_keys(
        &self,
        cluster_id: &str,
        primary: &str,
        secondary: Option<&str>,
    ) -> Result<(), Error> {
        check_kms_key_arn(primary).map_err(Error::InvalidInput)?;
        if let Some(secondary) = secondary {
            check_kms_key_arn(secondary).map_err(Error::InvalidInput)?;
        }
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("encryption"),
        ])?;
        let mut body = serde_json::json!({ "primaryEncryptionKeyId": primary.trim() });
        if let Some(secondary) = secondary {
            body["secondaryEncryptionKeyId"] = secondary.trim().into();
        }
        self.call(Method::PUT, url, Some(body), Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `GET /clusters/{id}/secure-connectivity`: whether AWS PrivateLink is active and its
    /// endpoint service. 403 naming the plan where it is not offered.
    pub async fn secure_connectivity(&self, cluster_id: &str) -> Result<SecureConnectivity, Error> {
        #[derive(serde::Deserialize)]
        struct Body {
            #[serde(default)]
            status: Option<serde_json::Value>,
        }
        let body: Body = self
            .get(
                self.secure_connectivity_url(cluster_id)?,
                Permission::GetClusters,
            )
            .await?;
        Ok(secure_connectivity_of(body.status.as_ref()))
    }

    /// `POST /clusters/{id}/secure-connectivity`: activates it for these AWS principals (IAM
    /// ARNs) and regions. 409: already active.
    pub async fn activate_secure_connectivity(
        &self,
        cluster_id: &str,
        allowed_principals: &[String],
        allowed_regions: &[String],
    ) -> Result<(), Error> {
        check_secure_connectivity(allowed_principals, allowed_regions)
            .map_err(Error::InvalidInput)?;
        let body = serde_json::json!({
            "allowedPrincipals": allowed_principals.iter().map(|p| p.trim()).collect::<Vec<_>>(),
            "allowedRegions": allowed_regions.iter().map(|r| r.trim()).collect::<Vec<_>>(),
        });
        let url = self.secure_connectivity_url(cluster_id)?;
        self.call(Method::POST, url, Some(body), Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `DELETE /clusters/{id}/secure-connectivity`. 409: not active.
    pub async fn deactivate_secure_connectivity(&self, cluster_id: &str) -> Result<(), Error> {
        let url = self.secure_connectivity_url(cluster_id)?;
        self.call(Method::DELETE, url, None, Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `GET /members`: the organization's members and pending invitations.
    pub async fn members(&self) -> Result<Vec<Member>, Error> {
        let url = self.url(&[Part::Lit("members")])?;
        self.get(url, Permission::Members).await
    }

    /// `POST /members/{email}`: invites `email` with `roles`, or gives a member these roles.
    /// 400: invalid roles; 403 naming seats: no seat left. Never retried.
    pub async fn set_member_roles(&self, email: &str, roles: &[String]) -> Result<(), Error> {
        check_member_email(email).map_err(Error::InvalidInput)?;
        check_member_roles(roles).map_err(Error::InvalidInput)?;
        let url = self.url(&[Part::Lit("members"), Part::Id("email", email.trim())])?;
        let body = serde_json::json!({ "orgRoles": roles });
        self.call(Method::POST, url, Some(body), Permission::Members)
            .await
            .map(|_| ())
    }

    /// `DELETE /members/{email}`: removes a member (or withdraws an invitation). 404: not a
    /// member.
    pub async fn remove_member(&self, email: &str) -> Result<(), Error> {
        check_member_email(email).map_err(Error::InvalidInput)?;
        let url = self.url(&[Part::Lit("members"), Part::Id("email", email.trim())])?;
        self.call(Method::DELETE, url, None, Permission::Members)
            .await
            .map(|_| ())
    }

    /// `GET /activity/json`: the organization's activity log.
    pub async fn activity(&self) -> Result<Vec<AuditEvent>, Error> {
        let url = self.url(&[Part::Lit("activity"), Part::Lit("json")])?;
        self.get(url, Permission::Members).await
    }

    /// `GET /activity/csv`: the same log as the Console's CSV (answered as text, or as a JSON
    /// string, which the spec describes).
    pub async fn activity_csv(&self) -> Result<String, Error> {
        let url = self.url(&[Part::Lit("activity"), Part::Lit("csv")])?;
        let answer = self
            .call(Method::GET, url, None, Permission::Members)
            .await?;
        if let Ok(serde_json::Value::String(text)) = serde_json::from_slice(&answer.body) {
            return Ok(text);
        }
        String::from_utf8(answer.body.to_vec()).map_err(|_| Error::Decode {
            excerpt: "(an activity CSV that is not UTF-8 text)".into(),
        })
    }

    fn secure_connectivity_url(&self, cluster_id: &str) -> Result<Url, Error> {
        self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("secure-connectivity"),
        ])
    }

    fn monitoring_url(&self, cluster_id: &str, rest: &[Part<'_>]) -> Result<Url, Error> {
        let mut parts = vec![
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("monitoring"),
        ];
        parts.extend_from_slice(rest);
        self.url(&parts)
    }

    /// `GET /clusters/{id}/backups` (Enterprise).
    pub async fn list_backups(&self, cluster_id: &str) -> Result<Vec<Backup>, Error> {
        let url = self.backups_url(cluster_id, None, false)?;
        self.get(url, Permission::Backups).await
    }

    /// `POST /clusters/{id}/backups`: a manual backup (the Console allows one per 15 minutes).
    /// Never retried.
    pub async fn create_backup(&self, cluster_id: &str) -> Result<Backup, Error> {
        let url = self.backups_url(cluster_id, None, false)?;
        let answer = self
            .call(Method::POST, url, None, Permission::Backups)
            .await?;
        self.decode(&answer)
    }

    /// `DELETE /clusters/{id}/backups/{backupId}`.
    pub async fn delete_backup(&self, cluster_id: &str, backup_id: &str) -> Result<(), Error> {
        let url = self.backups_url(cluster_id, Some(backup_id), false)?;
        self.call(Method::DELETE, url, None, Permission::Backups)
            .await
            .map(|_| ())
    }

    /// `GET …/backups/{backupId}/restore`: the latest restore of that backup, `None` when it
    /// was never restored (404).
    pub async fn get_restore(
        &self,
        cluster_id: &str,
        backup_id: &str,
    ) -> Result<Option<Restore>, Error> {
        let url = self.backups_url(cluster_id, Some(backup_id), true)?;
        match self.get(url, Permission::Backups).await {
            Err(Error::NotFound) => Ok(None),
            other => other.map(Some),
        }
    }

    /// `POST …/backups/{backupId}/restore`: overwrites the cluster with that backup (it is
    /// suspended meanwhile). 409: not restorable now (incomplete, or a restore in flight).
    pub async fn restore_backup(
        &self,
        cluster_id: &str,
        backup_id: &str,
    ) -> Result<Restore, Error> {
        let url = self.backups_url(cluster_id, Some(backup_id), true)?;
        let answer = self
            .call(Method::POST, url, None, Permission::Backups)
            .await?;
        self.decode(&answer)
    }

    fn backups_url(
        &self,
        cluster_id: &str,
        backup_id: Option<&str>,
        restore: bool,
    ) -> Result<Url, Error> {
        let mut parts = vec![
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("backups"),
        ];
        if let Some(b) = backup_id {
            parts.push(Part::Id("backup id", b));
        }
        if restore {
            parts.push(Part::Lit("restore"));
        }
        self.url(&parts)
    }

    /// `PUT /clusters/{id}/wake`: resumes a Suspended cluster.
    pub async fn wake_cluster(&self, cluster_id: &str) -> Result<(), Error> {
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("wake"),
        ])?;
        self.call(Method::PUT, url, None, Permission::CreateClusters)
            .await
            .map(|_| ())
    }

    /// `GET /clusters/{id}/clients`.
    pub async fn list_clients(&self, cluster_id: &str) -> Result<Vec<ClusterClient>, Error> {
        self.list_clients_counted(cluster_id, None).await
    }

    async fn list_clients_counted(
        &self,
        cluster_id: &str,
        budget: Option<&ByteBudget>,
    ) -> Result<Vec<ClusterClient>, Error> {
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("clients"),
        ])?;
        let body = self
            .call_counted(Method::GET, url, None, Permission::GetClients, budget, &[])
            .await?;
        self.decode(&body)
    }

    /// The clients of every cluster in `cluster_ids` — one result per cluster, in that order — with
    /// at most `max_in_flight` requests at a time (at least 1): an organization-wide view costs
    /// about `clusters / max_in_flight` round trips instead of `clusters`, without flooding
    /// Camunda's rate-limited API. One cluster's failure does not fail the others; all share one
    /// token (the cache's single flight). The answers together are bounded by
    /// [`DEFAULT_FAN_OUT_BYTES`]: see [`Client::list_clients_within`].
    pub async fn list_clients_of(
        &self,
        cluster_ids: &[String],
        max_in_flight: usize,
    ) -> Vec<Result<Vec<ClusterClient>, Error>> {
        let budget = ByteBudget::new(DEFAULT_FAN_OUT_BYTES);
        self.list_clients_within(cluster_ids, max_in_flight, &budget)
            .await
    }

    /// [`Client::list_clients_of`] with the answers' bodies drawing from `budget`: once they
    /// would go over it, the cluster whose answer did and every cluster not yet asked fail with
    /// [`Error::TooMuchData`] (those are not asked at all), so a hostile server cannot make the
    /// fan-out hold more than the budget (plus one chunk per request in flight, dropped at once).
    pub async fn list_clients_within(
        &self,
        cluster_ids: &[String],
        max_in_flight: usize,
        budget: &ByteBudget,
    ) -> Vec<Result<Vec<ClusterClient>, Error>> {
        use futures_util::stream::{self, StreamExt};
        // Owned ids, client and budget clones: the futures are `'static` (usable from Tauri
        // commands).
        stream::iter(cluster_ids.to_vec())
            .map(|id| {
                let client = self.clone();
                let budget = budget.clone();
                async move { client.list_clients_counted(&id, Some(&budget)).await }
            })
            .buffered(max_in_flight.max(1))
            .collect()
            .await
    }

    /// `GET /clusters/{id}/clients/{clientId}`: connection details (no secret).
    pub async fn get_client(
        &self,
        cluster_id: &str,
        client_id: &str,
    ) -> Result<ClientConnectionDetails, Error> {
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("clients"),
            Part::Id("client id", client_id),
        ])?;
        self.get(url, Permission::GetClients).await
    }

    /// `POST /clusters/{id}/clients`: the answer holds the client secret, the only time it
    /// exists. Never retried: a timeout is [`Error::OutcomeUnknown`].
    pub async fn create_client(
        &self,
        cluster_id: &str,
        req: &CreateClientRequest,
    ) -> Result<CreatedClient, Error> {
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("clients"),
        ])?;
        let body = self
            .call(
                Method::POST,
                url,
                Some(to_json(req)?),
                Permission::CreateClients,
            )
            .await?;
        self.decode(&body)
    }

    /// `DELETE /clusters/{id}/clients/{clientId}`.
    pub async fn delete_client(&self, cluster_id: &str, client_id: &str) -> Result<(), Error> {
        let url = self.url(&[
            Part::Lit("clusters"),
            Part::Id("cluster id", cluster_id),
            Part::Lit("clients"),
            Part::Id("client id", client_id),
        ])?;
        self.call(Method::DELETE, url, None, Permission::DeleteClients)
            .await
            .map(|_| ())
    }

    // ---- plumbing ----

    fn url(&self, parts: &[Part<'_>]) -> Result<Url, Error> {
        build_url(&self.inner.base, parts)
    }

    async fn token(&self) -> Result<Secret, Error> {
        let i = &self.inner;
        i.cache
            .token(
                &i.http,
                &i.config.client_secret,
                i.config.renew_before,
                i.store.as_ref(),
            )
            .await
    }

    async fn get<T: DeserializeOwned>(&self, url: Url, permission: Permission) -> Result<T, Error> {
        let answer = self.call(Method::GET, url, None, permission).await?;
        self.decode(&answer)
    }

    /// Decodes a success body; the excerpt of a failure never holds the client secret nor the
    /// token the request was sent with (a server may echo either back).
    fn decode<T: DeserializeOwned>(&self, answer: &Answer) -> Result<T, Error> {
        decode(
            &answer.body,
            &[
                answer.token.expose(),
                self.inner.config.client_secret.expose(),
            ],
        )
    }

    /// Sends a request with a cached token; on 401 drops the token, gets a fresh one and
    /// retries once.
    async fn call(
        &self,
        method: Method,
        url: Url,
        body: Option<serde_json::Value>,
        permission: Permission,
    ) -> Result<Answer, Error> {
        self.call_counted(method, url, body, permission, None, &[])
            .await
    }

    /// [`Client::call`] with every attempt's body also counting against `budget`.
    async fn call_counted(
        &self,
        method: Method,
        url: Url,
        body: Option<serde_json::Value>,
        permission: Permission,
        budget: Option<&ByteBudget>,
        also_redact: &[&str],
    ) -> Result<Answer, Error> {
        if let Some(budget) = budget.filter(|b| b.is_exhausted()) {
            return Err(budget.error());
        }
        let i = &self.inner;
        let policy = RetryPolicy {
            retries: i.config.get_retries,
            backoff: i.config.retry_backoff,
        };
        let request = |bearer| Request {
            method: &method,
            url: &url,
            bearer: Some(bearer),
            body: body.as_ref(),
            idempotency: Idempotency::of(&method),
            budget,
        };
        let first = self.token().await?;
        let mut reply = send(&i.http, request(&first), policy).await?;
        let token = if reply.status == 401 {
            tracing::debug!(%method, path = url.path(), "API answered 401; refreshing the token once");
            i.cache.invalidate(&first, i.store.as_ref()).await;
            let fresh = self.token().await?;
            reply = send(&i.http, request(&fresh), policy).await?;
            fresh
        } else {
            first
        };
        tracing::debug!(%method, path = url.path(), status = reply.status, "Console API call");
        let mut redact = vec![token.expose(), i.config.client_secret.expose()];
        redact.extend_from_slice(also_redact);
        let body = check_status(reply, &method, permission, &redact)?;
        Ok(Answer { body, token })
    }
}

/// A monitoring client with its password, from a create or rotate answer. A body that cannot be
/// read is never quoted (it may hold the password).
fn credentials(body: &[u8]) -> Result<MonitoringCredentials, Error> {
    #[derive(serde::Deserialize)]
    struct WithPassword {
        #[serde(flatten)]
        client: MonitoringClient,
        #[serde(default)]
        password: Option<String>,
    }
    let unreadable = || Error::Decode {
        excerpt: "(a monitoring client answer without a readable password; its text is not shown, \
                  it may hold the password)"
            .into(),
    };
    let parsed: WithPassword = serde_json::from_slice(body).map_err(|_| unreadable())?;
    let password = parsed
        .password
        .filter(|p| !p.is_empty())
        .ok_or_else(unreadable)?;
    Ok(MonitoringCredentials {
        client: parsed.client,
        password: Secret::new(password),
    })
}

/// A success body, and the token it was asked for with (to keep it out of decode errors).
struct Answer {
    body: Vec<u8>,
    token: Secret,
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(v)
        .map_err(|e| Error::InvalidInput(format!("cannot encode the request ({e})")))
}

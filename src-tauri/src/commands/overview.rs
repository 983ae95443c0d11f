use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Runtime, State};

use crate::convert::{client_permission, cluster_summary, rfc3339_now};
use crate::dto::{ApiPermission, OrgClusters, Overview};
use crate::error::{AppError, AppResult};
use crate::inventory::{self, ClusterClients, InventoryClient};
use crate::platform::FileFilter;
use crate::state::AppState;

use super::blocking;

/// Organizations whose clusters are listed at the same time.
const ORG_FAN_OUT: usize = 8;

/// Every cluster of every organization, each listed with its own credentials (at most
/// `ORG_FAN_OUT` at once). One organization that fails (offline, 401, 403, …) carries its error
/// and hides none of the others; a 403 is remembered for that organization as usual.
#[tauri::command]
#[specta::specta]
pub async fn list_all_organizations_clusters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Overview> {
    fetch_overview(&app, &state).await
}

/// What `save_inventory` writes.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum InventoryFormat {
    Csv,
    Json,
}

/// The overview, taken now, saved as CSV or JSON through the native save dialog (atomic, owner
/// only): every cluster of every organization and, with `withClients`, each cluster's API clients
/// (names, ids, permissions; never a secret). `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_inventory<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: InventoryFormat,
    with_clients: bool,
) -> AppResult<Option<String>> {
    let overview = fetch_overview(&app, &state).await?;
    let clients = if with_clients {
        let mut all = Vec::with_capacity(overview.organizations.len());
        for org in &overview.organizations {
            all.push(clients_of(&app, &state, org).await);
        }
        Some(all)
    } else {
        None
    };
    let (text, filter) = match format {
        InventoryFormat::Csv => (
            inventory::to_csv(&overview, clients.as_deref()),
            FileFilter {
                name: "CSV",
                extensions: &["csv"],
            },
        ),
        InventoryFormat::Json => (
            inventory::to_json(&overview, clients.as_deref()),
            FileFilter {
                name: "JSON",
                extensions: &["json"],
            },
        ),
    };
    let extension = filter.extensions[0];
    let day: String = overview.fetched_at.chars().take(10).collect();
    let file_name = format!("skep-inventory-{day}.{extension}");
    let platform = state.platform(&app);
    let orgs = state.orgs(&app)?;
    blocking(move || {
        let Some(path) = platform.pick_save_path(&file_name, filter) else {
            return Ok(None);
        };
        orgs.write_secret_file(&path, text.as_bytes())
            .map_err(|e| AppError::io("Could not save the file", &e))?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await
}

/// The clients of each cluster of `org` (none when the organization itself failed).
async fn clients_of<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org: &OrgClusters,
) -> Vec<ClusterClients> {
    if org.error.is_some() || org.clusters.is_empty() {
        return Vec::new();
    }
    let client = match state.client_for(app, &org.organization_id).await {
        Ok(c) => c,
        Err(e) => {
            return org
                .clusters
                .iter()
                .map(|_| ClusterClients {
                    clients: Vec::new(),
                    error: Some(e.clone()),
                })
                .collect()
        }
    };
    let ids: Vec<String> = org.clusters.iter().map(|c| c.id.clone()).collect();
    let results = client
        .list_clients_of(&ids, console_api::DEFAULT_FAN_OUT)
        .await;
    results
        .into_iter()
        .map(|result| {
            match state.track(
                app,
                &org.organization_id,
                Some(ApiPermission::GetClients),
                result,
            ) {
                Ok(list) => ClusterClients {
                    clients: list
                        .iter()
                        .map(|c| InventoryClient {
                            name: c.name.clone(),
                            client_id: c.client_id.clone(),
                            permissions: c.permissions.iter().map(client_permission).collect(),
                        })
                        .collect(),
                    error: None,
                },
                Err(e) => ClusterClients {
                    clients: Vec::new(),
                    error: Some(e),
                },
            }
        })
        .collect()
}

async fn fetch_overview<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> AppResult<Overview> {
    let orgs = state.orgs(app)?;
    let sandbox = state.sandbox.info();
    let listed = blocking(move || Ok(orgs.list(sandbox.as_ref()))).await?;
    let fetched_at = rfc3339_now();
    let organizations = stream::iter(listed.organizations)
        .map(|org| {
            let app = app.clone();
            async move {
                let result = match state.client_for(&app, &org.id).await {
                    Ok(client) => {
                        let result = client.list_clusters().await;
                        state.track(&app, &org.id, Some(ApiPermission::GetClusters), result)
                    }
                    Err(e) => Err(e),
                };
                let (clusters, error) = match result {
                    Ok(list) => (list.iter().map(cluster_summary).collect(), None),
                    Err(e) => (Vec::new(), Some(e)),
                };
                OrgClusters {
                    organization_id: org.id,
                    organization_name: org.name,
                    color: org.color,
                    production: org.production,
                    clusters,
                    error,
                }
            }
        })
        .buffered(ORG_FAN_OUT)
        .collect()
        .await;
    Ok(Overview {
        organizations,
        fetched_at,
    })
}

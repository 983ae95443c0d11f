use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use specta::Type;
use tauri::{AppHandle, Runtime, State};

use console_api::Client;

use crate::convert::{cluster_summary, rfc3339_now};
use crate::dto::{
    AllClients, ApiPermission, ClusterList, OrgClients, OrgClusters, Organization, Overview,
    OverviewClients,
};
use crate::error::{AppError, AppResult};
use crate::inventory::{self, ClusterClients};
use crate::last_known::{Binding, LastKnown};
use crate::platform::FileFilter;
use crate::state::AppState;

use super::blocking;
use super::clients::{clients_of_clusters, tracked_clients_of};

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
    fetch_overview(&app, &state, Kept::Shown).await
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
    // What is there now: no last-known list in an inventory.
    let overview = fetch_overview(&app, &state, Kept::Left).await?;
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
    tracked_clients_of(app, state, &org.organization_id, &client, &ids)
        .await
        .into_iter()
        .map(|result| match result {
            Ok(clients) => ClusterClients {
                clients,
                error: None,
            },
            Err(e) => ClusterClients {
                clients: Vec::new(),
                error: Some(e),
            },
        })
        .collect()
}

/// Every API client of every cluster of every organization, each organization listed with its
/// own credentials (at most `ORG_FAN_OUT` organizations at once, each with its own bound on the
/// clusters asked at once): find which organization and cluster a client id belongs to. An
/// organization that fails carries its error; a cluster whose clients fail is named in `failed`.
#[tauri::command]
#[specta::specta]
pub async fn list_all_organizations_clients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<OverviewClients> {
    let fetched_at = rfc3339_now();
    let organizations = per_organization(&app, &state, |app, state, org_id, client| async move {
        let result = client.list_clusters().await;
        let clusters = state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?;
        let (clients, failed) = clients_of_clusters(&app, state, &org_id, &client, &clusters).await;
        Ok((clusters.len(), clients, failed))
    })
    .await?
    .into_iter()
    .map(|(org, result)| {
        let (cluster_count, clients, failed, error) = match result {
            Ok((n, clients, failed)) => (n, clients, failed, None),
            Err(e) => (0, Vec::new(), Vec::new(), Some(e)),
        };
        let cluster_count = u32::try_from(cluster_count).unwrap_or(u32::MAX);
        if error.is_none() {
            let kept = AllClients {
                organization_id: org.id.clone(),
                cluster_count,
                clients: clients.clone(),
                failed: failed.clone(),
                fetched_at: fetched_at.clone(),
            };
            state.keep_last_known(&app, &org.id, move |store, binding| {
                store.save_all_clients(binding, &kept)
            });
        }
        OrgClients {
            organization_id: org.id,
            organization_name: org.name,
            color: org.color,
            production: org.production,
            cluster_count,
            clients,
            failed,
            error,
            kept_at: None,
        }
    })
    .collect::<Vec<_>>();
    let mut organizations = organizations;
    let failed = failed_parts(
        organizations
            .iter()
            .map(|o| (&o.organization_id, o.error.is_some())),
    );
    for (i, all) in kept_for_failed(&app, &state, failed, LastKnown::load_all_clients).await {
        let org = &mut organizations[i];
        org.cluster_count = all.cluster_count;
        org.clients = all.clients;
        org.failed = all.failed;
        org.kept_at = Some(all.fetched_at);
    }
    Ok(OverviewClients {
        organizations,
        fetched_at,
    })
}

/// Every organization's clusters as last listed (kept on disk), for the overview to show at once
/// while it loads: the organizations that have a kept list, in their order, dated by the oldest.
/// `null` when none has.
#[tauri::command]
#[specta::specta]
pub async fn last_known_overview<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<Overview>> {
    let kept = kept_per_organization(&app, &state, LastKnown::load_clusters).await?;
    let Some(fetched_at) = kept.iter().map(|(_, l)| l.fetched_at.clone()).min() else {
        return Ok(None);
    };
    let organizations = kept
        .into_iter()
        .map(|(org, list)| OrgClusters {
            organization_id: org.id,
            organization_name: org.name,
            color: org.color,
            production: org.production,
            clusters: list.clusters,
            error: None,
            kept_at: Some(list.fetched_at),
        })
        .collect();
    Ok(Some(Overview {
        organizations,
        fetched_at,
    }))
}

/// Every organization's clients as last listed (kept on disk), like [`last_known_overview`].
#[tauri::command]
#[specta::specta]
pub async fn last_known_overview_clients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<OverviewClients>> {
    let kept = kept_per_organization(&app, &state, LastKnown::load_all_clients).await?;
    let Some(fetched_at) = kept.iter().map(|(_, l)| l.fetched_at.clone()).min() else {
        return Ok(None);
    };
    let organizations = kept
        .into_iter()
        .map(|(org, all)| OrgClients {
            organization_id: org.id,
            organization_name: org.name,
            color: org.color,
            production: org.production,
            cluster_count: all.cluster_count,
            clients: all.clients,
            failed: all.failed,
            error: None,
            kept_at: Some(all.fetched_at),
        })
        .collect();
    Ok(Some(OverviewClients {
        organizations,
        fetched_at,
    }))
}

/// `load` for every saved organization that has last-known data, in the organizations' order.
async fn kept_per_organization<R, T>(
    app: &AppHandle<R>,
    state: &AppState,
    load: fn(&LastKnown, &Binding) -> Option<T>,
) -> AppResult<Vec<(Organization, T)>>
where
    R: Runtime,
    T: Send + 'static,
{
    let orgs = state.orgs(app)?;
    let sandbox = state.sandbox.info();
    let listed = blocking(move || Ok(orgs.list(sandbox.as_ref()))).await?;
    let keys = listed
        .organizations
        .into_iter()
        .map(|org| (org.id.clone(), org))
        .collect();
    load_each(app, state, keys, load).await
}

/// The last-known data (`load`) of each organization of `failed` (index, id): what an
/// organization that cannot be listed now shows instead of nothing, by index.
async fn kept_for_failed<R, T>(
    app: &AppHandle<R>,
    state: &AppState,
    failed: Vec<(usize, String)>,
    load: fn(&LastKnown, &Binding) -> Option<T>,
) -> Vec<(usize, T)>
where
    R: Runtime,
    T: Send + 'static,
{
    let keys = failed.into_iter().map(|(i, id)| (id, i)).collect();
    load_each(app, state, keys, load).await.unwrap_or_default()
}

/// `load` for each (organization id, key) that has last-known data, off the async runtime: the
/// keys with what was kept for them, in their order.
async fn load_each<R, K, T>(
    app: &AppHandle<R>,
    state: &AppState,
    keys: Vec<(String, K)>,
    load: fn(&LastKnown, &Binding) -> Option<T>,
) -> AppResult<Vec<(K, T)>>
where
    R: Runtime,
    K: Send + 'static,
    T: Send + 'static,
{
    let stores: Vec<_> = keys
        .into_iter()
        .filter_map(|(id, key)| {
            let (store, binding) = state.last_known_for(app, &id)?;
            Some((key, store, binding))
        })
        .collect();
    if stores.is_empty() {
        return Ok(Vec::new());
    }
    blocking(move || {
        Ok(stores
            .into_iter()
            .filter_map(|(key, store, binding)| Some((key, load(&store, &binding)?)))
            .collect())
    })
    .await
}

/// Index and id of each organization part that carries an error.
fn failed_parts<'a>(parts: impl Iterator<Item = (&'a String, bool)>) -> Vec<(usize, String)> {
    parts
        .enumerate()
        .filter(|(_, (_, failed))| *failed)
        .map(|(i, (id, _))| (i, id.clone()))
        .collect()
}

/// `work` for every saved organization with its own API client, at most `ORG_FAN_OUT` at once,
/// in the organizations' order; one that fails (no client, offline, …) carries its error.
async fn per_organization<'s, R, T, F, Fut>(
    app: &AppHandle<R>,
    state: &'s AppState,
    work: F,
) -> AppResult<Vec<(Organization, AppResult<T>)>>
where
    R: Runtime,
    F: Fn(AppHandle<R>, &'s AppState, String, Client) -> Fut,
    Fut: std::future::Future<Output = AppResult<T>>,
{
    let orgs = state.orgs(app)?;
    let sandbox = state.sandbox.info();
    let listed = blocking(move || Ok(orgs.list(sandbox.as_ref()))).await?;
    let work = &work;
    Ok(stream::iter(listed.organizations)
        .map(|org| {
            let app = app.clone();
            async move {
                let result = match state.client_for(&app, &org.id).await {
                    Ok(client) => work(app, state, org.id.clone(), client).await,
                    Err(e) => Err(e),
                };
                (org, result)
            }
        })
        .buffered(ORG_FAN_OUT)
        .collect()
        .await)
}

/// Whether an organization that cannot be listed now shows its last-known clusters instead.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kept {
    Shown,
    Left,
}

async fn fetch_overview<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    kept: Kept,
) -> AppResult<Overview> {
    let fetched_at = rfc3339_now();
    let organizations = per_organization(app, state, |app, state, org_id, client| async move {
        let result = client.list_clusters().await;
        state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)
    })
    .await?
    .into_iter()
    .map(|(org, result)| {
        let (clusters, error) = match result {
            Ok(list) => (list.iter().map(cluster_summary).collect::<Vec<_>>(), None),
            Err(e) => (Vec::new(), Some(e)),
        };
        if error.is_none() {
            let kept = ClusterList {
                organization_id: org.id.clone(),
                clusters: clusters.clone(),
                fetched_at: fetched_at.clone(),
            };
            state.keep_last_known(app, &org.id, move |store, binding| {
                store.save_clusters(binding, &kept)
            });
        }
        OrgClusters {
            organization_id: org.id,
            organization_name: org.name,
            color: org.color,
            production: org.production,
            clusters,
            error,
            kept_at: None,
        }
    })
    .collect::<Vec<_>>();
    let mut organizations = organizations;
    if kept == Kept::Shown {
        let failed = failed_parts(
            organizations
                .iter()
                .map(|o| (&o.organization_id, o.error.is_some())),
        );
        for (i, list) in kept_for_failed(app, state, failed, LastKnown::load_clusters).await {
            organizations[i].clusters = list.clusters;
            organizations[i].kept_at = Some(list.fetched_at);
        }
    }
    Ok(Overview {
        organizations,
        fetched_at,
    })
}

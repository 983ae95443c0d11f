use console_api::{Client, Cluster};
use tauri::{AppHandle, Runtime, State};

use super::check_id;
use crate::client_credentials::ClientCredentials;
use crate::clients;
use crate::convert::{client_permission, region_from_address, rfc3339_now};
use crate::dto::{
    AllClients, ApiPermission, ClientDetails, ClientList, ClientView, ClusterFailure,
    CreateClientInput, CreatedClient, OrgClient,
};
use crate::error::AppResult;
use crate::pending::{credentials_file_without_secret, PendingSecret};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_clients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<Vec<ClientView>> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.list_clients(&cluster_id).await;
    let clients = state.track(&app, &org_id, Some(ApiPermission::GetClients), result)?;
    let clients: Vec<ClientView> = clients.iter().map(client_view).collect();
    let kept = ClientList {
        cluster_id,
        clients: clients.clone(),
        fetched_at: rfc3339_now(),
    };
    state.keep_last_known(&app, &org_id, move |store, binding| {
        store.save_clients(binding, &kept)
    });
    Ok(clients)
}

/// The cluster's API clients as last fetched (kept on disk), with when: shown at once while
/// `list_clients` loads, or with the offline banner when it cannot. `null` when none is kept for
/// the active organization as it is configured now (and always for the Sandbox).
#[tauri::command]
#[specta::specta]
pub async fn last_known_clients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<Option<ClientList>> {
    check_id("cluster", &cluster_id)?;
    let id = state.orgs(&app)?.active_id();
    let Some((store, binding)) = state.last_known_for(&app, &id) else {
        return Ok(None);
    };
    super::blocking(move || Ok(store.load_clients(&binding, &cluster_id))).await
}

/// Every client of the active organization as "All clients" last listed them (kept on disk);
/// `null` when none is kept.
#[tauri::command]
#[specta::specta]
pub async fn last_known_all_clients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<AllClients>> {
    let id = state.orgs(&app)?.active_id();
    let Some((store, binding)) = state.last_known_for(&app, &id) else {
        return Ok(None);
    };
    super::blocking(move || Ok(store.load_all_clients(&binding))).await
}

/// Every client of every cluster of the active organization (an organization-wide client
/// search): one `GET /clusters`, then the clusters' client lists with at most
/// [`console_api::DEFAULT_FAN_OUT`] requests in flight. Clusters that fail are listed with their
/// error beside the clients of the others; when every cluster fails, that is the error.
#[tauri::command]
#[specta::specta]
pub async fn list_all_clients<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<AllClients> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.list_clusters().await;
    let clusters = state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?;
    let (clients, mut failed) =
        clients_of_clusters(&app, &state, &org_id, &client, &clusters).await;
    if !clusters.is_empty() && failed.len() == clusters.len() {
        return Err(failed.swap_remove(0).error);
    }
    let all = AllClients {
        organization_id: org_id,
        cluster_count: u32::try_from(clusters.len()).unwrap_or(u32::MAX),
        clients,
        failed,
        fetched_at: rfc3339_now(),
    };
    let kept = all.clone();
    state.keep_last_known(&app, &all.organization_id, move |store, binding| {
        store.save_all_clients(binding, &kept)
    });
    Ok(all)
}

/// The API clients of each of `clusters` of organization `org_id`, each listing tracked (a 403
/// is remembered), at most [`console_api::DEFAULT_FAN_OUT`] in flight, in the clusters' order.
pub(crate) async fn tracked_clients_of<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org_id: &str,
    client: &Client,
    cluster_ids: &[String],
) -> Vec<AppResult<Vec<ClientView>>> {
    client
        .list_clients_of(cluster_ids, console_api::DEFAULT_FAN_OUT)
        .await
        .into_iter()
        .map(|result| {
            state
                .track(app, org_id, Some(ApiPermission::GetClients), result)
                .map(|list| list.iter().map(client_view).collect())
        })
        .collect()
}

/// Every client of `clusters`, with its cluster, and the clusters whose clients could not be listed.
pub(crate) async fn clients_of_clusters<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org_id: &str,
    client: &Client,
    clusters: &[Cluster],
) -> (Vec<OrgClient>, Vec<ClusterFailure>) {
    let ids: Vec<String> = clusters.iter().map(|c| c.uuid.clone()).collect();
    let results = tracked_clients_of(app, state, org_id, client, &ids).await;
    let mut clients = Vec::new();
    let mut failed = Vec::new();
    for (cluster, result) in clusters.iter().zip(results) {
        match result {
            Ok(list) => clients.extend(list.into_iter().map(|c| OrgClient {
                cluster_id: cluster.uuid.clone(),
                cluster_name: cluster.name.clone(),
                name: c.name,
                client_id: c.client_id,
                permissions: c.permissions,
            })),
            Err(error) => failed.push(ClusterFailure {
                cluster_id: cluster.uuid.clone(),
                cluster_name: cluster.name.clone(),
                error,
            }),
        }
    }
    (clients, failed)
}

fn client_view(c: &console_api::ClusterClient) -> ClientView {
    ClientView {
        name: c.name.clone(),
        client_id: c.client_id.clone(),
        permissions: c.permissions.iter().map(client_permission).collect(),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn get_client<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    client_id: String,
) -> AppResult<ClientDetails> {
    check_id("cluster", &cluster_id)?;
    check_id("client", &client_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.get_client(&cluster_id, &client_id).await;
    let d = state.track(&app, &org_id, Some(ApiPermission::GetClients), result)?;
    let region = region_from_address(&d.zeebe_address, &cluster_id);
    let vars = ClientCredentials {
        zeebe_address: Some(&d.zeebe_address),
        client_id: &d.zeebe_client_id,
        client_secret: None,
        authorization_server_url: &d.zeebe_authorization_server_url,
        audience: None,
        cluster_id: &cluster_id,
        region: region.as_deref(),
        scopes: None,
        base_urls: &[],
    }
    .variables();
    Ok(ClientDetails {
        cluster_id,
        name: d.name.clone(),
        client_id: d.zeebe_client_id.clone(),
        zeebe_address: d.zeebe_address.clone(),
        authorization_server_url: d.zeebe_authorization_server_url.clone(),
        credentials_file: credentials_file_without_secret(&vars),
    })
}

/// Create a client; its secret is returned once and kept (for copy/save) until acknowledged.
#[tauri::command]
#[specta::specta]
pub async fn create_client<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    input: CreateClientInput,
) -> AppResult<CreatedClient> {
    check_id("cluster", &cluster_id)?;
    let request = clients::create_request(&input)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = clients::create(&client, &cluster_id, &request).await;
    let pending = state.track(&app, &org_id, Some(ApiPermission::CreateClients), result)?;
    let view = pending.created_view();
    // Replacing an older pending secret drops (and zeroizes) it.
    *state.pending.lock() = Some(PendingSecret::Client(pending));
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_client<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    client_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    check_id("client", &client_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.delete_client(&cluster_id, &client_id).await;
    state.track(&app, &org_id, Some(ApiPermission::DeleteClients), result)
}

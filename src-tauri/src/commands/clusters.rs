use tauri::{AppHandle, Runtime, State};

use super::check_id;
use crate::clusters::{self, notify_ready};
use crate::convert::{cluster_summary, cluster_view, parameters_view, rfc3339_now};
use crate::dto::{
    ApiPermission, ClusterList, ClusterParameters, ClusterSummary, ClusterView, CreateClusterInput,
    IpAllowlistCheck, IpAllowlistEntry, IpRanges, UpdateClusterInput, UpgradeOffer,
};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_clusters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<ClusterList> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = match state.take_prefetched_clusters(&org_id).await {
        Some(prefetched) => prefetched,
        None => client.list_clusters().await,
    };
    let clusters = state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?;
    let clusters: Vec<ClusterSummary> = clusters.iter().map(cluster_summary).collect();
    let states = clusters.iter().map(|c| (&c.id, &c.name, &c.state));
    notify_ready(&app, &state, &org_id, states).await;
    let list = ClusterList {
        organization_id: org_id,
        clusters,
        fetched_at: rfc3339_now(),
    };
    // Kept for the next start (in the background: the table does not wait for the disk).
    let kept = list.clone();
    state.keep_last_known(&app, &list.organization_id, move |store, binding| {
        store.save_clusters(binding, &kept)
    });
    Ok(list)
}

/// The active organization's last-known cluster list (from an earlier fetch, kept on disk), to
/// show at once while `list_clusters` loads, or with the offline banner when it cannot. `null`
/// when none is kept for the organization as it is configured now (and always for the Sandbox).
#[tauri::command]
#[specta::specta]
pub async fn last_known_clusters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<ClusterList>> {
    let id = state.orgs(&app)?.active_id();
    let Some((store, binding)) = state.last_known_for(&app, &id) else {
        return Ok(None);
    };
    super::blocking(move || Ok(store.load_clusters(&binding))).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<ClusterView> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.get_cluster(&cluster_id).await;
    let view =
        cluster_view(&state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?);
    notify_ready(
        &app,
        &state,
        &org_id,
        [(&view.summary.id, &view.summary.name, &view.summary.state)],
    )
    .await;
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub async fn cluster_parameters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<ClusterParameters> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.cluster_parameters().await;
    let params = state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?;
    Ok(parameters_view(&params))
}

#[tauri::command]
#[specta::specta]
pub async fn create_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: CreateClusterInput,
) -> AppResult<String> {
    let request = clusters::create_request(&input)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.create_cluster(&request).await;
    let created = state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)?;
    state.watched.watch(&org_id, &created.cluster_id);
    Ok(created.cluster_id)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.delete_cluster(&cluster_id).await;
    state.track(&app, &org_id, Some(ApiPermission::DeleteClusters), result)?;
    state.watched.forget(&org_id, &cluster_id);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn wake_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.wake_cluster(&cluster_id).await;
    state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)
}

/// Whether a newer generation of the cluster's channel exists (from the creation parameters):
/// the offer to upgrade, or `null`.
#[tauri::command]
#[specta::specta]
pub async fn upgrade_offer<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<Option<UpgradeOffer>> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let (cluster, params) =
        tokio::join!(client.get_cluster(&cluster_id), client.cluster_parameters());
    let cluster = state.track(&app, &org_id, Some(ApiPermission::GetClusters), cluster)?;
    let params = state.track(&app, &org_id, Some(ApiPermission::GetClusters), params)?;
    Ok(
        console_api::upgrade_target(&cluster, &params).map(|to| UpgradeOffer {
            from: cluster.generation.map(|g| g.name),
            to: to.name,
        }),
    )
}

/// Upgrades a cluster to the latest generation of its channel (`PUT /clusters/{id}/upgrade`);
/// it is then followed until Healthy again (desktop notification). 400 and 412 in plain words.
#[tauri::command]
#[specta::specta]
pub async fn upgrade_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<UpgradeOffer> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.upgrade_cluster(&cluster_id).await;
    let plain = match result {
        Err(console_api::Error::Validation(_)) => {
            return Err(AppError::new(
                ErrorKind::Validation,
                "There is no newer generation to upgrade to: the cluster already runs the latest \
                 generation of its channel. Refresh to see its current generation.",
            )
            .with_status(400))
        }
        Err(console_api::Error::NotReady) => return Err(AppError::new(
            ErrorKind::NotReady,
            "The cluster is not ready for an upgrade: it must be Healthy. Try again when it is.",
        )
        .with_status(412)),
        other => other,
    };
    let done = state.track(&app, &org_id, Some(ApiPermission::CreateClusters), plain)?;
    state.watched.watch_upgrade(&org_id, &cluster_id);
    Ok(UpgradeOffer {
        from: done.old_generation.map(|g| g.name),
        to: done.new_generation.map(|g| g.name).unwrap_or_default(),
    })
}

/// Edit a cluster's name, description or stage label (`PATCH /clusters/{id}`).
#[tauri::command]
#[specta::specta]
pub async fn update_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    input: UpdateClusterInput,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let request = clusters::update_request(&input)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.update_cluster(&cluster_id, &request).await;
    state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)
}

/// The entries as they are sent: address and description trimmed.
fn api_entries(entries: Vec<IpAllowlistEntry>) -> Vec<console_api::IpAllowlistEntry> {
    entries
        .into_iter()
        .map(|e| console_api::IpAllowlistEntry {
            ip: e.ip.trim().to_string(),
            description: e.description.trim().to_string(),
        })
        .collect()
}

/// Checks an IP allowlist as it is being edited, without a request: what `set_ip_allowlist`
/// would refuse per entry, and which of `required` (Web Modeler's egress ranges) it would block.
#[tauri::command]
#[specta::specta]
pub fn check_ip_allowlist(
    entries: Vec<IpAllowlistEntry>,
    required: Vec<String>,
) -> IpAllowlistCheck {
    let entries = api_entries(entries);
    IpAllowlistCheck {
        problems: entries.iter().map(|e| e.check().err()).collect(),
        missing_ranges: console_api::ranges_not_allowed(&entries, &required),
    }
}

/// Replace a cluster's whole IP allowlist (`PUT /clusters/{id}/ipallowlist`; `[]` opens the
/// cluster to every address). `console_api` checks every entry as addresses/CIDR ranges
/// first: a bad one is refused with its own words and nothing is sent.
#[tauri::command]
#[specta::specta]
pub async fn set_ip_allowlist<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    entries: Vec<IpAllowlistEntry>,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let entries = api_entries(entries);
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.set_ip_allowlist(&cluster_id, &entries).await;
    state.track(&app, &org_id, Some(ApiPermission::IpAllowlist), result)
}

/// The addresses Web Modeler deploys from (`GET /meta/ip-ranges`).
#[tauri::command]
#[specta::specta]
pub async fn ip_ranges<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<IpRanges> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.ip_ranges().await;
    let ranges = state.track(&app, &org_id, None, result)?;
    Ok(IpRanges {
        web_modeler: ranges.web_modeler,
    })
}

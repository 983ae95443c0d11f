use tauri::{AppHandle, Runtime, State};

use super::{blocking, check_id};
use crate::convert::{cluster_summary, cluster_view, parameters_view, rfc3339_now};
use crate::dto::{
    ApiPermission, ClusterList, ClusterParameters, ClusterState, ClusterSummary, ClusterView,
    CreateClusterInput,
};
use crate::error::{AppError, AppResult};
use crate::organizations::lock;
use crate::state::AppState;

#[tauri::command]
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
    Ok(ClusterList {
        organization_id: org_id,
        clusters,
        fetched_at: rfc3339_now(),
    })
}

#[tauri::command]
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
pub async fn create_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: CreateClusterInput,
) -> AppResult<String> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(AppError::invalid_input("Give the cluster a name."));
    }
    for (label, id) in [
        ("channel", &input.channel_id),
        ("generation", &input.generation_id),
        ("region", &input.region_id),
        ("plan", &input.plan_type_id),
    ] {
        if id.trim().is_empty() {
            return Err(AppError::invalid_input(format!("Choose a {label}.")));
        }
    }
    let (org_id, client) = state.active_client(&app).await?;
    let request = console_api::CreateClusterRequest {
        name: name.to_string(),
        plan_type_id: input.plan_type_id.clone(),
        channel_id: input.channel_id.clone(),
        generation_id: input.generation_id.clone(),
        region_id: input.region_id.clone(),
        stage_label: input.stage_label.clone().filter(|s| !s.trim().is_empty()),
        description: None,
        auto_update: None,
    };
    let result = client.create_cluster(&request).await;
    let created = state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)?;
    lock(&state.watched).insert(format!("{org_id}/{}", created.cluster_id));
    Ok(created.cluster_id)
}

#[tauri::command]
pub async fn delete_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.delete_cluster(&cluster_id).await;
    state.track(&app, &org_id, Some(ApiPermission::DeleteClusters), result)?;
    lock(&state.watched).remove(&format!("{org_id}/{cluster_id}"));
    Ok(())
}

#[tauri::command]
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

#[tauri::command]
pub async fn rename_cluster<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    name: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid_input("Give the cluster a name."));
    }
    let (org_id, client) = state.active_client(&app).await?;
    let request = console_api::UpdateClusterRequest {
        name: Some(name.to_string()),
        description: None,
        stage_label: None,
    };
    let result = client.update_cluster(&cluster_id, &request).await;
    state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)
}

/// A cluster created from Skep turned Healthy: desktop notification (once).
async fn notify_ready<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org_id: &str,
    clusters: impl IntoIterator<Item = (&String, &String, &ClusterState)>,
) {
    let ready: Vec<String> = {
        let mut watched = lock(&state.watched);
        clusters
            .into_iter()
            .filter(|(id, _, st)| st.0 == "Healthy" && watched.remove(&format!("{org_id}/{id}")))
            .map(|(_, name, _)| name.clone())
            .collect()
    };
    if ready.is_empty() {
        return;
    }
    let platform = state.platform(app);
    let _ = blocking(move || {
        for name in ready {
            let body = format!("\u{201c}{name}\u{201d} is Healthy and ready to use.");
            if let Err(e) = platform.notify("Cluster ready", &body) {
                tracing::warn!("{e}");
            }
        }
        Ok(())
    })
    .await;
}

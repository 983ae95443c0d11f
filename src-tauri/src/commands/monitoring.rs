//! External monitoring of a cluster (the Cluster Metrics endpoint): activate, deactivate, and
//! its monitoring clients. A new client's password and a rotated one are shown once, through
//! the copy-once dialog (`secret.rs`), exactly like a new API client's secret.

use tauri::{AppHandle, Runtime, State};

use super::check_id;
use crate::dto::{ApiPermission, MonitoringClientView, MonitoringPassword, MonitoringView};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::pending::{metrics_url, PendingMonitoring, PendingSecret};
use crate::state::AppState;

/// Whether external monitoring is active, the metrics endpoint, and the monitoring clients.
#[tauri::command]
#[specta::specta]
pub async fn get_monitoring<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<MonitoringView> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.monitoring(&cluster_id).await;
    let m = state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?;
    let mut clients: Vec<MonitoringClientView> = m
        .clients
        .into_iter()
        .map(|c| MonitoringClientView {
            username: if c.username.is_empty() {
                c.name
            } else {
                c.username
            },
            id: c.uuid,
            created: c.created,
            last_used: c.last_used,
            created_by: c.created_by_name,
        })
        .collect();
    clients.sort_by(|a, b| a.username.cmp(&b.username));
    Ok(MonitoringView {
        active: m.metrics_endpoint.is_some(),
        metrics_url: m.metrics_endpoint.as_ref().map(metrics_url),
        clients,
    })
}

/// A 409 of activate/deactivate: the state is already what was asked (someone else changed it).
fn already(result: AppResult<()>, words: &str) -> AppResult<()> {
    match result {
        Err(e) if e.kind == ErrorKind::Conflict => {
            Err(AppError::new(ErrorKind::Conflict, words).with_status(409))
        }
        other => other,
    }
}

#[tauri::command]
#[specta::specta]
pub async fn activate_monitoring<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.activate_monitoring(&cluster_id).await;
    already(
        state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result),
        "External monitoring is already active on this cluster (it may have just been activated elsewhere).",
    )
}

/// Deactivates external monitoring: the endpoint stops answering and its clients are removed.
#[tauri::command]
#[specta::specta]
pub async fn deactivate_monitoring<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.deactivate_monitoring(&cluster_id).await;
    already(
        state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result),
        "External monitoring is not active on this cluster (it may have just been deactivated elsewhere).",
    )
}

/// The pending password of `made` (replacing, and zeroizing, an older pending secret), and the
/// dialog's view of it. The metrics endpoint is read for the saved files; without it (that read
/// failed) the password is still shown, with no scrape configuration.
async fn hold(
    state: &AppState,
    cluster_id: &str,
    client: &console_api::Client,
    made: console_api::MonitoringCredentials,
    rotated: bool,
) -> MonitoringPassword {
    let endpoint = match client.monitoring(cluster_id).await {
        Ok(m) => m.metrics_endpoint,
        Err(e) => {
            tracing::warn!(error = %e, "monitoring endpoint not read after a new password");
            None
        }
    };
    let pending = PendingMonitoring {
        cluster_id: cluster_id.to_string(),
        username: if made.client.username.is_empty() {
            made.client.name.clone()
        } else {
            made.client.username.clone()
        },
        client_id: made.client.uuid.clone(),
        password: made.password,
        endpoint,
        rotated,
    };
    let view = pending.shown_view();
    *state.pending.lock() = Some(PendingSecret::Monitoring(pending));
    view
}

/// A new monitoring client; its password is returned once (copy-once dialog).
#[tauri::command]
#[specta::specta]
pub async fn create_monitoring_client<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    username: String,
) -> AppResult<MonitoringPassword> {
    check_id("cluster", &cluster_id)?;
    let username = username.trim().to_owned();
    console_api::check_monitoring_username(&username).map_err(AppError::invalid_input)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .create_monitoring_client(&cluster_id, &username)
        .await;
    let made = match state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result) {
        Err(e) if e.kind == ErrorKind::Conflict => {
            return Err(AppError::new(
                ErrorKind::Conflict,
                format!(
                    "Camunda did not create \u{201c}{username}\u{201d}: a monitoring client with \
                     that user name may already exist, or external monitoring is not active. \
                     Refresh, then choose another name."
                ),
            )
            .with_status(409))
        }
        other => other?,
    };
    Ok(hold(&state, &cluster_id, &client, made, false).await)
}

/// A new password for a monitoring client: the old one stops working now; the new one is
/// returned once (copy-once dialog).
#[tauri::command]
#[specta::specta]
pub async fn rotate_monitoring_password<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    client_id: String,
) -> AppResult<MonitoringPassword> {
    check_id("cluster", &cluster_id)?;
    check_id("monitoring client", &client_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .rotate_monitoring_password(&cluster_id, &client_id)
        .await;
    let made = state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)?;
    Ok(hold(&state, &cluster_id, &client, made, true).await)
}

#[tauri::command]
#[specta::specta]
pub async fn delete_monitoring_client<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    client_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    check_id("monitoring client", &client_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .delete_monitoring_client(&cluster_id, &client_id)
        .await;
    state.track(&app, &org_id, Some(ApiPermission::CreateClusters), result)
}

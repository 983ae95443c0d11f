//! Backups and restores of a cluster (Enterprise): `…/clusters/{id}/backups`.

use tauri::{AppHandle, Runtime, State};

use super::check_id;
use crate::backups::{backup_view, next_backup_at, restore_view};
use crate::dto::{ApiPermission, BackupList, BackupView, RestoreView};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::state::AppState;

/// The cluster's backups, newest first, with when the next manual one may be made.
#[tauri::command]
#[specta::specta]
pub async fn list_backups<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<BackupList> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.list_backups(&cluster_id).await;
    let backups = state.track(&app, &org_id, Some(ApiPermission::Backups), result)?;
    let next = next_backup_at(&backups, time::OffsetDateTime::now_utc());
    let mut views: Vec<BackupView> = backups.iter().map(backup_view).collect();
    views.sort_by(|a, b| b.created.cmp(&a.created));
    Ok(BackupList {
        backups: views,
        next_backup_at: next,
    })
}

/// Starts a manual backup. The Console's 400 for "too soon" and 412 in plain words.
#[tauri::command]
#[specta::specta]
pub async fn create_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<BackupView> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = match client.create_backup(&cluster_id).await {
        Err(console_api::Error::Validation(msg)) => {
            return Err(AppError::new(
                ErrorKind::Validation,
                format!(
                    "Camunda did not start the backup: {}. The Console allows one backup every 15 minutes.",
                    msg.trim_end_matches('.')
                ),
            )
            .with_status(400))
        }
        Err(console_api::Error::NotReady) => {
            return Err(AppError::new(
                ErrorKind::NotReady,
                "The cluster must be Healthy for a backup. Try again when it is.",
            )
            .with_status(412))
        }
        other => other,
    };
    let made = state.track(&app, &org_id, Some(ApiPermission::Backups), result)?;
    Ok(backup_view(&made))
}

#[tauri::command]
#[specta::specta]
pub async fn delete_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    backup_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    check_id("backup", &backup_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.delete_backup(&cluster_id, &backup_id).await;
    state.track(&app, &org_id, Some(ApiPermission::Backups), result)
}

/// The latest restore of a backup, `null` when it was never restored.
#[tauri::command]
#[specta::specta]
pub async fn get_restore<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    backup_id: String,
) -> AppResult<Option<RestoreView>> {
    check_id("cluster", &cluster_id)?;
    check_id("backup", &backup_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.get_restore(&cluster_id, &backup_id).await;
    let restore = state.track(&app, &org_id, Some(ApiPermission::Backups), result)?;
    Ok(restore.as_ref().map(restore_view))
}

/// Restores a backup onto its cluster, overwriting its data (the UI asks for the cluster's name
/// first). 409 in plain words.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    backup_id: String,
) -> AppResult<RestoreView> {
    check_id("cluster", &cluster_id)?;
    check_id("backup", &backup_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = match client.restore_backup(&cluster_id, &backup_id).await {
        Err(console_api::Error::Conflict) => {
            return Err(AppError::new(
                ErrorKind::Conflict,
                "This backup cannot be restored now: it is not complete, or another restore is still running. \
                 Refresh and try again when the backup is Complete and no restore is running.",
            )
            .with_status(409))
        }
        other => other,
    };
    let restore = state.track(&app, &org_id, Some(ApiPermission::Backups), result)?;
    Ok(restore_view(&restore))
}

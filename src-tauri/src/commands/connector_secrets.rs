//! Connector secrets of a cluster (`…/clusters/{id}/secrets`). Lists carry names only; a value
//! reaches the UI only through `reveal_connector_secret`, one at a time. Values arrive from the
//! UI as plain strings and are wrapped in `Secret` (redacted, zeroed on drop) at once.

use std::time::Instant;

use console_api::Secret;
use tauri::{AppHandle, Runtime, State};

use super::check_id;
use crate::dto::ApiPermission;
use crate::error::{AppError, AppResult, ErrorKind};
use crate::state::AppState;

/// A connector secret's name before it is sent: the API's rules (`console_api` owns them).
fn check_name(name: &str) -> AppResult<()> {
    console_api::check_connector_secret_name(name).map_err(AppError::invalid_input)
}

/// The names of a cluster's connector secrets, sorted; a secret just deleted from Skep is left
/// out while the API still lists it.
#[tauri::command]
#[specta::specta]
pub async fn list_connector_secrets<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<Vec<String>> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.list_connector_secrets(&cluster_id).await;
    let secrets = state.track(&app, &org_id, Some(ApiPermission::ConnectorSecrets), result)?;
    let names = secrets.into_iter().map(|s| s.name).collect();
    let visible = state
        .deleted_secrets
        .visible(&org_id, &cluster_id, names, Instant::now());
    Ok(visible)
}

/// One connector secret's value, read from the API now (the UI shows it, then drops it).
#[tauri::command]
#[specta::specta]
pub async fn reveal_connector_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    name: String,
) -> AppResult<String> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.list_connector_secrets(&cluster_id).await;
    let secrets = state.track(&app, &org_id, Some(ApiPermission::ConnectorSecrets), result)?;
    let hidden = state
        .deleted_secrets
        .is_hidden(&org_id, &cluster_id, &name, Instant::now());
    secrets
        .into_iter()
        .find(|s| s.name == name && !hidden)
        .map(|s| s.value.expose().to_owned())
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                format!("There is no connector secret \u{201c}{name}\u{201d} (any more). Refresh to see the current list."),
            )
            .with_status(404)
        })
}

/// A new connector secret. 409 (the name is taken) and the 403 of the maximum number of
/// secrets are said in plain words.
#[tauri::command]
#[specta::specta]
pub async fn create_connector_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    name: String,
    value: String,
) -> AppResult<()> {
    let value = Secret::new(value);
    check_id("cluster", &cluster_id)?;
    let name = name.trim().to_owned();
    check_name(&name)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .create_connector_secret(&cluster_id, &name, &value)
        .await;
    match state.track(&app, &org_id, Some(ApiPermission::ConnectorSecrets), result) {
        Ok(()) => {
            state.deleted_secrets.unmark(&org_id, &cluster_id, &name);
            Ok(())
        }
        Err(e) if e.kind == ErrorKind::Conflict => Err(AppError::new(
            ErrorKind::Conflict,
            format!(
                "A connector secret named \u{201c}{name}\u{201d} already exists on this cluster \
                 (names must be unique; one deleted a moment ago may still be there for a short while). \
                 Choose another name or change that secret's value."
            ),
        )
        .with_status(409)),
        Err(e) => Err(e),
    }
}

/// A connector secret's new value.
#[tauri::command]
#[specta::specta]
pub async fn update_connector_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    name: String,
    value: String,
) -> AppResult<()> {
    let value = Secret::new(value);
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .update_connector_secret(&cluster_id, &name, &value)
        .await;
    state.track(&app, &org_id, Some(ApiPermission::ConnectorSecrets), result)
}

/// Deletes a connector secret; it is no longer listed by Skep even while the API still lists it.
#[tauri::command]
#[specta::specta]
pub async fn delete_connector_secret<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    name: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.delete_connector_secret(&cluster_id, &name).await;
    state.track(&app, &org_id, Some(ApiPermission::ConnectorSecrets), result)?;
    state.deleted_secrets.mark(&org_id, &cluster_id, &name);
    Ok(())
}

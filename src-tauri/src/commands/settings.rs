//! A cluster's settings: its customer-managed encryption keys (BYOK, `PUT …/encryption`) and
//! secure connectivity (AWS PrivateLink, `…/secure-connectivity`). The Console offers both on
//! the Enterprise plan for clusters in AWS regions; elsewhere it says so (not an error here).

use tauri::{AppHandle, Runtime, State};

use super::check_id;
use crate::dto::{ApiPermission, SecureConnectivityView};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::state::AppState;

/// Sets or rotates the cluster's KMS keys (a secondary one for dual-region clusters only).
/// The cluster detail is read again afterwards for the keys' state.
#[tauri::command]
#[specta::specta]
pub async fn set_encryption_keys<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    primary_key_arn: String,
    secondary_key_arn: Option<String>,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let secondary = secondary_key_arn
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .set_encryption_keys(&cluster_id, &primary_key_arn, secondary)
        .await;
    match result {
        Err(console_api::Error::Validation(msg)) => Err(AppError::new(
            ErrorKind::Validation,
            format!(
                "Camunda did not accept the keys: {}. Each must be an AWS KMS key in the cluster's region; \
                 a secondary key is for dual-region clusters only.",
                msg.trim_end_matches('.')
            ),
        )
        .with_status(400)),
        Err(console_api::Error::Conflict) => Err(AppError::new(
            ErrorKind::Conflict,
            "This cluster was not created with customer-managed encryption (External), so it has no keys to set.",
        )
        .with_status(409)),
        other => state.track(&app, &org_id, Some(ApiPermission::CreateClusters), other),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn get_secure_connectivity<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<SecureConnectivityView> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.secure_connectivity(&cluster_id).await;
    let unavailable = match &result {
        Err(console_api::Error::Refused(msg)) => Some(msg.clone()),
        _ => None,
    };
    if let Some(why) = unavailable {
        return Ok(SecureConnectivityView {
            available: false,
            unavailable: Some(why),
            active: false,
            allowed_principals: Vec::new(),
            allowed_regions: Vec::new(),
            service_name: None,
            private_dns_name: None,
            connection_count: None,
            conditions: Vec::new(),
        });
    }
    let s = state.track(&app, &org_id, Some(ApiPermission::GetClusters), result)?;
    Ok(SecureConnectivityView {
        available: true,
        unavailable: None,
        active: s.active,
        allowed_principals: s.allowed_principals,
        allowed_regions: s.allowed_regions,
        service_name: s.service_name,
        private_dns_name: s.private_dns_name,
        connection_count: s
            .connection_count
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        conditions: s.conditions,
    })
}

/// One entry per line or comma, trimmed, empty ones dropped.
fn entries(list: Vec<String>) -> Vec<String> {
    list.iter()
        .flat_map(|l| l.split([',', '\n']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Activates secure connectivity for these AWS principals (IAM ARNs) and regions.
#[tauri::command]
#[specta::specta]
pub async fn activate_secure_connectivity<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
    allowed_principals: Vec<String>,
    allowed_regions: Vec<String>,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (principals, regions) = (entries(allowed_principals), entries(allowed_regions));
    console_api::check_secure_connectivity(&principals, &regions)
        .map_err(AppError::invalid_input)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client
        .activate_secure_connectivity(&cluster_id, &principals, &regions)
        .await;
    match result {
        Err(console_api::Error::Conflict) => Err(AppError::new(
            ErrorKind::Conflict,
            "Secure connectivity is already active on this cluster (it may have just been activated elsewhere).",
        )
        .with_status(409)),
        other => state.track(&app, &org_id, Some(ApiPermission::CreateClusters), other),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn deactivate_secure_connectivity<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    cluster_id: String,
) -> AppResult<()> {
    check_id("cluster", &cluster_id)?;
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.deactivate_secure_connectivity(&cluster_id).await;
    match result {
        Err(console_api::Error::Conflict) => Err(AppError::new(
            ErrorKind::Conflict,
            "Secure connectivity is not active on this cluster (it may have just been deactivated elsewhere).",
        )
        .with_status(409)),
        other => state.track(&app, &org_id, Some(ApiPermission::CreateClusters), other),
    }
}

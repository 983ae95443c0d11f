use tauri::{AppHandle, Runtime, State};

use super::blocking;
use crate::dto::{
    ApiPermission, ConnectionReport, CredentialsPreview, OrgMarks, Organization, OrganizationInput,
    OrganizationsState,
};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::organizations::credentials::{self, ParsedCredentials};
use crate::organizations::validate;
use crate::platform::FileFilter;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_organizations<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<OrganizationsState> {
    let orgs = state.orgs(&app)?;
    let sandbox = state.sandbox.info();
    blocking(move || Ok(orgs.list(sandbox.as_ref()))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: OrganizationInput,
) -> AppResult<Organization> {
    let orgs = state.orgs(&app)?;
    blocking(move || orgs.add(&input)).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    name: Option<String>,
    text: Option<String>,
    session_only: bool,
    marks: Option<OrgMarks>,
) -> AppResult<Organization> {
    let orgs = state.orgs(&app)?;
    let platform = state.platform(&app);
    blocking(move || {
        let parsed = match text {
            Some(text) => credentials::parse_credentials(&text),
            None => {
                let filter = FileFilter {
                    name: "Credentials file",
                    extensions: &[],
                };
                let path = platform
                    .pick_open_file(filter)
                    .ok_or_else(|| AppError::invalid_input("No file was chosen."))?;
                read_credentials_file(&path)?
            }
        }
        .map_err(|e| AppError::invalid_input(e.to_string()))?;
        let mut input = input_from(name, &parsed, session_only)?;
        if let Some(marks) = marks {
            input.color = marks.color;
            input.production = marks.production;
        }
        orgs.add(&input)
    })
    .await
}

fn read_credentials_file(
    path: &std::path::Path,
) -> AppResult<Result<ParsedCredentials, credentials::CredentialsError>> {
    use std::io::Read;
    let file = std::fs::File::open(path)
        .map_err(|e| AppError::io("Could not open the credentials file", &e))?;
    let mut bytes = Vec::new();
    file.take(credentials::MAX_CREDENTIALS_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::io("Could not read the credentials file", &e))?;
    let parsed = credentials::parse_credentials_bytes(&bytes);
    zeroize::Zeroize::zeroize(&mut bytes);
    Ok(parsed)
}

fn input_from(
    name: Option<String>,
    parsed: &ParsedCredentials,
    session_only: bool,
) -> AppResult<OrganizationInput> {
    let missing = parsed.missing();
    if !missing.is_empty() {
        return Err(AppError::invalid_input(format!(
            "The credentials file lacks {}. It should hold the CAMUNDA_CONSOLE_* lines the Console \
             showed when the Administration API client was created.",
            missing.join(" and ")
        )));
    }
    let endpoints = parsed.endpoints();
    Ok(OrganizationInput {
        name: name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "Camunda organization".to_string()),
        client_id: parsed.client_id.clone().unwrap_or_default(),
        client_secret: parsed
            .client_secret
            .as_ref()
            .map(|s| s.expose().to_string()),
        token_url: endpoints.token_url,
        api_base_url: endpoints.api_base_url,
        audience: endpoints.audience,
        session_only,
        color: None,
        production: false,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn preview_credentials(text: String) -> AppResult<CredentialsPreview> {
    credentials::parse_credentials(&text)
        .map(|p| p.preview())
        .map_err(|e| AppError::invalid_input(e.to_string()))
}

#[tauri::command]
#[specta::specta]
pub async fn update_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    input: OrganizationInput,
) -> AppResult<Organization> {
    let orgs = state.orgs(&app)?;
    let owned = id.clone();
    let org = blocking(move || orgs.update(&owned, &input)).await?;
    state.forget_client(&id);
    Ok(org)
}

#[tauri::command]
#[specta::specta]
pub async fn rename_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
    name: String,
) -> AppResult<Organization> {
    let orgs = state.orgs(&app)?;
    blocking(move || orgs.rename(&id, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<OrganizationsState> {
    let orgs = state.orgs(&app)?;
    let owned = id.clone();
    let sandbox = state.sandbox.info();
    let list = blocking(move || {
        orgs.remove(&owned)?;
        Ok(orgs.list(sandbox.as_ref()))
    })
    .await?;
    state.forget_client(&id);
    if let Some(store) = state.last_known(&app) {
        super::blocking(move || {
            store.remove(&id);
            Ok(())
        })
        .await?;
    }
    Ok(list)
}

#[tauri::command]
#[specta::specta]
pub async fn set_active_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<OrganizationsState> {
    let orgs = state.orgs(&app)?;
    let sandbox = state.sandbox.info();
    blocking(move || {
        orgs.set_active(&id)?;
        Ok(orgs.list(sandbox.as_ref()))
    })
    .await
}

/// Token request + `GET /clusters` with what the form holds (nothing is saved or cached).
#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    state: State<'_, AppState>,
    input: OrganizationInput,
) -> AppResult<ConnectionReport> {
    let conn = validate::connection(&input)?;
    let secret = input.client_secret.as_deref().ok_or_else(|| {
        AppError::invalid_input("Enter the client secret to test the connection.")
    })?;
    validate::secret(secret)?;
    let config = console_api::Config::custom(
        conn.token_url,
        conn.api_base_url,
        conn.audience,
        conn.client_id,
        console_api::Secret::new(secret.trim()),
    );
    let client = console_api::Client::with_token_store(config, state.probe_tokens.clone())?;
    Ok(report(probe(&client).await))
}

/// Test connection for a pasted credentials file, before it is saved: parsed here, so the
/// web UI needs no parser of its own (nothing is saved; the token is kept for the save).
#[tauri::command]
#[specta::specta]
pub async fn test_credentials(
    state: State<'_, AppState>,
    text: String,
) -> AppResult<ConnectionReport> {
    let parsed = credentials::parse_credentials(&text)
        .map_err(|e| AppError::invalid_input(e.to_string()))?;
    let input = input_from(None, &parsed, false)?;
    test_connection(state, input).await
}

/// The same for a saved (or the Sandbox/Environment) organization; remembers a missing
/// "Get clusters" permission.
#[tauri::command]
#[specta::specta]
pub async fn test_organization<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: String,
) -> AppResult<ConnectionReport> {
    // An unknown id is an error of the caller, not a failed connection.
    state.orgs(&app)?.organization(&id, None)?;
    let client = match state.client_for(&app, &id).await {
        Ok(c) => c,
        Err(e) => return Ok(report(Err(e))),
    };
    let result = probe_raw(&client).await;
    let tracked = state.track(&app, &id, Some(ApiPermission::GetClusters), result);
    Ok(report(tracked))
}

async fn probe_raw(client: &console_api::Client) -> Result<usize, console_api::Error> {
    client.ensure_token().await?;
    Ok(client.list_clusters().await?.len())
}

async fn probe(client: &console_api::Client) -> AppResult<usize> {
    probe_raw(client).await.map_err(AppError::from)
}

fn report(result: AppResult<usize>) -> ConnectionReport {
    match result {
        Ok(n) => ConnectionReport {
            ok: true,
            message: format!(
                "Connected. The organization has {n} cluster{}.",
                if n == 1 { "" } else { "s" }
            ),
            cluster_count: Some(u32::try_from(n).unwrap_or(u32::MAX)),
            error: None,
        },
        Err(e) => ConnectionReport {
            ok: false,
            message: match e.kind {
                ErrorKind::Forbidden => format!(
                    "The credentials work, but the API client lacks the \u{201c}{}\u{201d} permission.",
                    e.permission.unwrap_or(ApiPermission::GetClusters).label()
                ),
                _ => e.message.clone(),
            },
            cluster_count: None,
            error: Some(e),
        },
    }
}

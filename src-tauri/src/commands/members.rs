//! The organization's members (list, invite, change roles, remove) and its activity log (as a
//! table, and saved as the Console's CSV through the native save dialog, owner-only, atomically).

use tauri::{AppHandle, Runtime, State};

use super::blocking;
use crate::convert::rfc3339_now;
use crate::dto::{ActivityList, ActivityView, ApiPermission, MemberView, OrgOutcome, RoleOption};
use crate::error::{AppError, AppResult, ErrorKind};
use crate::platform::FileFilter;
use crate::state::AppState;

/// The roles a member can be given, in the Console's words and order.
#[tauri::command]
#[specta::specta]
pub fn member_roles() -> Vec<RoleOption> {
    console_api::ASSIGNABLE_ROLES
        .iter()
        .map(|id| RoleOption {
            id: (*id).to_string(),
            label: match *id {
                "admin" => "Admin",
                "operationsengineer" => "Operations Engineer",
                "taskuser" => "Task User",
                "analyst" => "Analyst",
                "developer" => "Developer",
                "visitor" => "Visitor",
                "modeler" => "Modeler",
                other => other,
            }
            .to_string(),
            legacy: matches!(
                *id,
                "operationsengineer" | "taskuser" | "developer" | "visitor"
            ),
        })
        .collect()
}

/// Members first by name, then pending invitations by email.
#[tauri::command]
#[specta::specta]
pub async fn list_members<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Vec<MemberView>> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.members().await;
    let members = state.track(&app, &org_id, Some(ApiPermission::Members), result)?;
    let mut views: Vec<MemberView> = members
        .into_iter()
        .map(|m| MemberView {
            owner: m
                .roles
                .iter()
                .any(|r| r == "owner" || r == "organizationowner"),
            email: m.email,
            name: m.name,
            roles: m.roles,
            invite_pending: m.invite_pending,
        })
        .collect();
    views.sort_by(|a, b| {
        (
            a.invite_pending,
            a.name.to_lowercase(),
            a.email.to_lowercase(),
        )
            .cmp(&(
                b.invite_pending,
                b.name.to_lowercase(),
                b.email.to_lowercase(),
            ))
    });
    Ok(views)
}

/// Invites `email` with `roles`, or gives a member these roles (the same call).
#[tauri::command]
#[specta::specta]
pub async fn set_member_roles<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    email: String,
    roles: Vec<String>,
) -> AppResult<()> {
    let email = email.trim().to_owned();
    console_api::check_member_email(&email).map_err(AppError::invalid_input)?;
    console_api::check_member_roles(&roles).map_err(AppError::invalid_input)?;
    let (org_id, client) = state.active_client(&app).await?;
    set_roles_in(&app, &state, &org_id, &client, &email, &roles).await
}

async fn set_roles_in<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org_id: &str,
    client: &console_api::Client,
    email: &str,
    roles: &[String],
) -> AppResult<()> {
    match client.set_member_roles(email, roles).await {
        Err(console_api::Error::Validation(msg)) => Err(AppError::new(
            ErrorKind::Validation,
            format!(
                "Camunda did not accept the roles for {email}: {}.",
                msg.trim_end_matches('.')
            ),
        )
        .with_status(400)),
        other => state.track(app, org_id, Some(ApiPermission::Members), other),
    }
}

/// Removes a member, or withdraws an invitation.
#[tauri::command]
#[specta::specta]
pub async fn remove_member<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    email: String,
) -> AppResult<()> {
    let email = email.trim().to_owned();
    let (org_id, client) = state.active_client(&app).await?;
    remove_in(&app, &state, &org_id, &client, &email).await
}

async fn remove_in<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org_id: &str,
    client: &console_api::Client,
    email: &str,
) -> AppResult<()> {
    match client.remove_member(email).await {
        Err(console_api::Error::NotFound) => Err(AppError::new(
            ErrorKind::NotFound,
            format!(
                "{email} is not a member of this organization (any more). Refresh to see who is."
            ),
        )
        .with_status(404)),
        Err(console_api::Error::Validation(msg)) => Err(AppError::new(
            ErrorKind::Validation,
            format!(
                "Camunda did not remove {email}: {}.",
                msg.trim_end_matches('.')
            ),
        )
        .with_status(400)),
        other => state.track(app, org_id, Some(ApiPermission::Members), other),
    }
}

/// What to do to one person in several organizations.
enum MemberChange<'a> {
    Invite(&'a [String]),
    Remove,
}

/// Invites `email` with `roles` (or gives them these roles) in each organization of
/// `organizationIds`, each with its own credentials: a result per organization, in the order
/// given; one failing stops none of the others; each organization is sent the change once (a
/// repeated id is dropped, nothing is retried). Email and roles are checked before anything is
/// sent.
#[tauri::command]
#[specta::specta]
pub async fn invite_member_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    organization_ids: Vec<String>,
    email: String,
    roles: Vec<String>,
) -> AppResult<Vec<OrgOutcome>> {
    let email = email.trim().to_owned();
    console_api::check_member_email(&email).map_err(AppError::invalid_input)?;
    console_api::check_member_roles(&roles).map_err(AppError::invalid_input)?;
    change_in(
        &app,
        &state,
        organization_ids,
        &email,
        MemberChange::Invite(&roles),
    )
    .await
}

/// Removes `email` (or withdraws their invitation) in each organization of `organizationIds`,
/// as `invite_member_in` does.
#[tauri::command]
#[specta::specta]
pub async fn remove_member_in<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    organization_ids: Vec<String>,
    email: String,
) -> AppResult<Vec<OrgOutcome>> {
    let email = email.trim().to_owned();
    console_api::check_member_email(&email).map_err(AppError::invalid_input)?;
    change_in(&app, &state, organization_ids, &email, MemberChange::Remove).await
}

async fn change_in<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    organization_ids: Vec<String>,
    email: &str,
    change: MemberChange<'_>,
) -> AppResult<Vec<OrgOutcome>> {
    if organization_ids.is_empty() {
        return Err(AppError::invalid_input("Choose at least one organization."));
    }
    let orgs = state.orgs(app)?;
    let sandbox = state.sandbox.info();
    let listed = blocking(move || Ok(orgs.list(sandbox.as_ref()))).await?;
    let mut seen = std::collections::BTreeSet::new();
    let mut outcomes = Vec::new();
    for id in organization_ids {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(org) = listed.organizations.iter().find(|o| o.id == id) else {
            outcomes.push(OrgOutcome {
                organization_name: crate::organizations::printable(&id, 80),
                organization_id: id,
                error: Some(AppError::no_organization(
                    "There is no such organization (it may have been removed).",
                )),
            });
            continue;
        };
        let result = match state.client_for(app, &id).await {
            Ok(client) => match &change {
                MemberChange::Invite(roles) => {
                    set_roles_in(app, state, &id, &client, email, roles).await
                }
                MemberChange::Remove => remove_in(app, state, &id, &client, email).await,
            },
            Err(e) => Err(e),
        };
        outcomes.push(OrgOutcome {
            organization_id: id,
            organization_name: org.name.clone(),
            error: result.err(),
        });
    }
    Ok(outcomes)
}

fn letter(kind: Option<&str>) -> String {
    match kind {
        Some("c") => "create".into(),
        Some("r") => "read".into(),
        Some("u") => "update".into(),
        Some("d") => "delete".into(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The activity log, newest first.
#[tauri::command]
#[specta::specta]
pub async fn list_activity<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<ActivityList> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.activity().await;
    let events = state.track(&app, &org_id, Some(ApiPermission::Members), result)?;
    let mut events: Vec<(Option<u64>, ActivityView)> = events
        .into_iter()
        .map(|e| {
            let cluster_id = match (e.entity.as_deref(), e.parent_entity.as_deref()) {
                (_, Some("cluster")) => e.parent_entity_id.clone(),
                (Some("cluster"), _) => e.entity_id.clone(),
                _ => None,
            };
            let view = ActivityView {
                time: e.timestamp.and_then(crate::convert::rfc3339_of_millis),
                who: e.user_id.unwrap_or_default(),
                what: e.audit.unwrap_or_default(),
                kind: letter(e.audit_type.as_deref()),
                entity: e.entity.unwrap_or_default(),
                entity_id: e.entity_id.unwrap_or_default(),
                cluster_id,
            };
            (e.timestamp, view)
        })
        .collect();
    // Newest first; entries without a time last, in the API's order.
    events.sort_by_key(|e| std::cmp::Reverse(e.0));
    Ok(ActivityList {
        organization_id: org_id,
        events: events.into_iter().map(|(_, v)| v).collect(),
        fetched_at: rfc3339_now(),
    })
}

/// Saves the activity log as the Console's CSV where the user picks (owner-only, atomic);
/// `None` when the dialog was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_activity_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Option<String>> {
    let (org_id, client) = state.active_client(&app).await?;
    let result = client.activity_csv().await;
    let csv = state.track(&app, &org_id, Some(ApiPermission::Members), result)?;
    let day = rfc3339_now().chars().take(10).collect::<String>();
    let file_name = format!("activity-{day}.csv");
    let platform = state.platform(&app);
    let orgs = state.orgs(&app)?;
    blocking(move || {
        let filter = FileFilter {
            name: "CSV",
            extensions: &["csv"],
        };
        let Some(path) = platform.pick_save_path(&file_name, filter) else {
            return Ok(None);
        };
        orgs.write_secret_file(&path, csv.as_bytes())
            .map_err(|e| AppError::io("Could not save the file", &e))?;
        Ok(Some(path.to_string_lossy().into_owned()))
    })
    .await
}

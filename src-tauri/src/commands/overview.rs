use futures_util::stream::{self, StreamExt};
use tauri::{AppHandle, Runtime, State};

use crate::convert::{cluster_summary, rfc3339_now};
use crate::dto::{ApiPermission, OrgClusters, Overview};
use crate::error::AppResult;
use crate::state::AppState;

use super::blocking;

/// Organizations whose clusters are listed at the same time.
const ORG_FAN_OUT: usize = 4;

/// Every cluster of every organization, each listed with its own credentials (at most
/// `ORG_FAN_OUT` at once). One organization that fails (offline, 401, 403, …) carries its error
/// and hides none of the others; a 403 is remembered for that organization as usual.
#[tauri::command]
#[specta::specta]
pub async fn list_all_organizations_clusters<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<Overview> {
    let orgs = state.orgs(&app)?;
    let sandbox = state.sandbox.info();
    let listed = blocking(move || Ok(orgs.list(sandbox.as_ref()))).await?;
    let fetched_at = rfc3339_now();
    let state = &*state;
    let organizations = stream::iter(listed.organizations)
        .map(|org| {
            let app = app.clone();
            async move {
                let result = match state.client_for(&app, &org.id).await {
                    Ok(client) => {
                        let result = client.list_clusters().await;
                        state.track(&app, &org.id, Some(ApiPermission::GetClusters), result)
                    }
                    Err(e) => Err(e),
                };
                let (clusters, error) = match result {
                    Ok(list) => (list.iter().map(cluster_summary).collect(), None),
                    Err(e) => (Vec::new(), Some(e)),
                };
                OrgClusters {
                    organization_id: org.id,
                    organization_name: org.name,
                    color: org.color,
                    production: org.production,
                    clusters,
                    error,
                }
            }
        })
        .buffered(ORG_FAN_OUT)
        .collect()
        .await;
    Ok(Overview {
        organizations,
        fetched_at,
    })
}

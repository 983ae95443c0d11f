//! Cluster clients, beyond the API calls: what "Create client" sends, and everything the
//! copy-once dialog needs of a just-created client (its credentials file with the secret).

use console_api::{Client, CreateClientRequest};

use crate::convert::{client_permission, parse_client_permission, region_from_address};
use crate::dto::CreateClientInput;
use crate::error::{AppError, AppResult};
use crate::pending::PendingClient;

/// The longest client name Skep sends.
pub const MAX_NAME: usize = 100;

/// The request for "Create client": a name, and the permissions chosen (none = all).
pub fn create_request(input: &CreateClientInput) -> AppResult<CreateClientRequest> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(AppError::invalid_input(format!(
            "Give the client a name (at most {MAX_NAME} characters)."
        )));
    }
    let permissions = input
        .permissions
        .iter()
        .map(|p| parse_client_permission(p))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(CreateClientRequest {
        client_name: name.to_string(),
        permissions: (!permissions.is_empty()).then_some(permissions),
    })
}

/// Creates the client, then gathers what its credentials file says (the cluster's region and
/// component URLs, the client's connection details: best effort, with the Console's defaults).
/// The error is the create's own; the secret is in the returned [`PendingClient`] only.
pub async fn create(
    client: &Client,
    cluster_id: &str,
    request: &CreateClientRequest,
) -> Result<PendingClient, console_api::Error> {
    let cluster = client.get_cluster(cluster_id).await.ok();
    let created = client.create_client(cluster_id, request).await?;
    let details = client.get_client(cluster_id, &created.client_id).await.ok();

    let granted: Vec<String> = created.permissions.iter().map(client_permission).collect();
    let zeebe_address = details
        .as_ref()
        .map(|d| d.zeebe_address.clone())
        .filter(|a| !a.is_empty())
        .or_else(|| cluster.as_ref().and_then(|c| c.links.zeebe.clone()));
    let region = zeebe_address
        .as_deref()
        .and_then(|a| region_from_address(a, cluster_id));
    let authorization_server_url = details
        .as_ref()
        .map(|d| d.zeebe_authorization_server_url.clone())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| console_api::SAAS_TOKEN_URL.to_string());
    let mut base_urls = Vec::new();
    if let Some(c) = &cluster {
        for (scope, var, link) in [
            ("Tasklist", "CAMUNDA_TASKLIST_BASE_URL", &c.links.tasklist),
            ("Optimize", "CAMUNDA_OPTIMIZE_BASE_URL", &c.links.optimize),
            ("Operate", "CAMUNDA_OPERATE_BASE_URL", &c.links.operate),
        ] {
            if let (true, Some(url)) = (granted.iter().any(|g| g == scope), link) {
                base_urls.push((var.to_string(), url.clone()));
            }
        }
    }
    Ok(PendingClient {
        cluster_id: cluster_id.to_string(),
        name: created.name.clone(),
        client_id: created.client_id.clone(),
        client_secret: created.client_secret.clone(),
        permissions: granted,
        zeebe_address,
        authorization_server_url,
        audience: created
            .audience
            .clone()
            .unwrap_or_else(|| "zeebe.camunda.io".to_string()),
        region,
        base_urls,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, permissions: &[&str]) -> CreateClientInput {
        CreateClientInput {
            name: name.to_string(),
            permissions: permissions.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_create_request_is_checked() {
        let r = create_request(&input("  worker-1 ", &[])).unwrap();
        assert_eq!(r.client_name, "worker-1");
        assert_eq!(r.permissions, None, "no permission chosen = all");
        let r = create_request(&input("w", &["zeebe", " Operate "])).unwrap();
        assert_eq!(r.permissions.map(|p| p.len()), Some(2));
        for bad in [input(" ", &[]), input(&"x".repeat(MAX_NAME + 1), &[])] {
            let e = create_request(&bad).unwrap_err();
            assert!(e.message.contains("at most 100"), "{}", e.message);
        }
        assert!(create_request(&input("w", &["root"])).is_err());
    }
}

//! Clusters, beyond the API calls: what the user typed, checked and turned into the Console
//! API's requests, and the clusters Skep watches until they are Healthy (one desktop
//! notification each).

use std::collections::HashMap;

use console_api::{CreateClusterRequest, UpdateClusterRequest};
use parking_lot::Mutex;
use tauri::{AppHandle, Runtime};

use crate::commands::blocking;
use crate::dto::{ClusterState, CreateClusterInput, UpdateClusterInput};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The Console's limit on a cluster's description.
pub const MAX_DESCRIPTION: usize = 150;

fn cluster_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid_input("Give the cluster a name."));
    }
    Ok(name.to_string())
}

/// The request for "Create cluster": a name, and each choice made.
pub fn create_request(input: &CreateClusterInput) -> AppResult<CreateClusterRequest> {
    let name = cluster_name(&input.name)?;
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
    Ok(CreateClusterRequest {
        name,
        plan_type_id: input.plan_type_id.clone(),
        channel_id: input.channel_id.clone(),
        generation_id: input.generation_id.clone(),
        region_id: input.region_id.clone(),
        stage_label: input.stage_label.clone().filter(|s| !s.trim().is_empty()),
        description: input
            .description
            .as_deref()
            .map(description)
            .transpose()?
            .filter(|d| !d.is_empty()),
        auto_update: input.auto_update,
        backup_region_id: input
            .backup_region_id
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_owned),
        encryption: input.customer_managed_keys.then(|| "External".to_string()),
    })
}

/// A description as the Console takes it: trimmed, at most [`MAX_DESCRIPTION`] characters, no
/// control characters but line breaks.
fn description(d: &str) -> AppResult<String> {
    let d = d.trim();
    if d.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::invalid_input(format!(
            "The description is too long (at most {MAX_DESCRIPTION} characters)."
        )));
    }
    if d.chars().any(|c| c.is_control() && c != '\n') {
        return Err(AppError::invalid_input(
            "The description must not contain control characters.",
        ));
    }
    Ok(d.to_string())
}

/// The request for an edit of name, description and stage label; a field left `null` stays
/// as it is, an empty description clears it.
pub fn update_request(input: &UpdateClusterInput) -> AppResult<UpdateClusterRequest> {
    let name = input.name.as_deref().map(cluster_name).transpose()?;
    let description = input.description.as_deref().map(description).transpose()?;
    if input.hardware_packages == Some(0) {
        return Err(AppError::invalid_input(
            "A cluster has at least one hardware package.",
        ));
    }
    if name.is_none()
        && description.is_none()
        && input.stage_label.is_none()
        && input.hardware_packages.is_none()
    {
        return Err(AppError::invalid_input("There is nothing to change."));
    }
    Ok(UpdateClusterRequest {
        name,
        description,
        stage_label: input.stage_label.map(|s| s.as_str().to_string()),
        number_of_allocated_hw_packages: input.hardware_packages,
    })
}

/// A cluster of an organization.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct ClusterKey {
    org_id: String,
    cluster_id: String,
}

impl ClusterKey {
    fn new(org_id: &str, cluster_id: &str) -> Self {
        Self {
            org_id: org_id.to_string(),
            cluster_id: cluster_id.to_string(),
        }
    }
}

/// Why a cluster is watched until it is Healthy, and what its notification says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Watch {
    /// Created from Skep (it starts as Creating).
    Created,
    /// Upgraded from Skep: `armed` once a state other than Healthy was seen (right after the
    /// request the API may still say Healthy, which must not count as "upgraded").
    Upgraded { armed: bool },
}

/// A watched cluster that is Healthy now: its name and why it was watched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ready {
    pub name: String,
    pub watch: Watch,
}

/// Clusters created or upgraded from Skep that are not Healthy yet: each gets one notification
/// when it is.
#[derive(Default)]
pub struct WatchedClusters(Mutex<HashMap<ClusterKey, Watch>>);

impl WatchedClusters {
    pub fn watch(&self, org_id: &str, cluster_id: &str) {
        self.0
            .lock()
            .insert(ClusterKey::new(org_id, cluster_id), Watch::Created);
    }

    pub fn watch_upgrade(&self, org_id: &str, cluster_id: &str) {
        self.0.lock().insert(
            ClusterKey::new(org_id, cluster_id),
            Watch::Upgraded { armed: false },
        );
    }

    pub fn forget(&self, org_id: &str, cluster_id: &str) {
        self.0.lock().remove(&ClusterKey::new(org_id, cluster_id));
    }

    /// Of `clusters` (id, name, state) of `org_id`, the watched ones that are Healthy now
    /// (an upgrade only after another state was seen); they are watched no more.
    pub fn take_healthy<'a>(
        &self,
        org_id: &str,
        clusters: impl IntoIterator<Item = (&'a String, &'a String, &'a ClusterState)>,
    ) -> Vec<Ready> {
        let mut watched = self.0.lock();
        let mut ready = Vec::new();
        for (id, name, state) in clusters {
            let key = ClusterKey::new(org_id, id);
            let Some(watch) = watched.get_mut(&key) else {
                continue;
            };
            let healthy = state.0 == "Healthy";
            match watch {
                Watch::Upgraded { armed } if !healthy => *armed = true,
                Watch::Upgraded { armed: false } => {}
                _ if healthy => {
                    ready.push(Ready {
                        name: name.clone(),
                        watch: *watch,
                    });
                    watched.remove(&key);
                }
                _ => {}
            }
        }
        ready
    }
}

/// A cluster created from Skep turned Healthy: desktop notification (once).
pub async fn notify_ready<'a, R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    org_id: &str,
    clusters: impl IntoIterator<Item = (&'a String, &'a String, &'a ClusterState)>,
) {
    let ready = state.watched.take_healthy(org_id, clusters);
    if ready.is_empty() {
        return;
    }
    let platform = state.platform(app);
    let _ = blocking(move || {
        for Ready { name, watch } in ready {
            let (title, body) = match watch {
                Watch::Created => (
                    "Cluster ready",
                    format!("\u{201c}{name}\u{201d} is Healthy and ready to use."),
                ),
                Watch::Upgraded { .. } => (
                    "Cluster upgraded",
                    format!("\u{201c}{name}\u{201d} is upgraded and Healthy again."),
                ),
            };
            if let Err(e) = platform.notify(title, &body) {
                tracing::warn!("{e}");
            }
        }
        Ok(())
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::StageLabel;

    fn update(
        name: Option<&str>,
        description: Option<&str>,
        stage_label: Option<StageLabel>,
    ) -> AppResult<UpdateClusterRequest> {
        update_request(&UpdateClusterInput {
            name: name.map(str::to_string),
            description: description.map(str::to_string),
            stage_label,
            hardware_packages: None,
        })
    }

    #[test]
    fn hardware_packages_alone_are_a_change_and_at_least_one() {
        let input = |n| UpdateClusterInput {
            name: None,
            description: None,
            stage_label: None,
            hardware_packages: Some(n),
        };
        let r = update_request(&input(3)).unwrap();
        assert_eq!(r.number_of_allocated_hw_packages, Some(3));
        assert_eq!(r.name, None);
        let e = update_request(&input(0)).unwrap_err();
        assert!(e.message.contains("at least one"), "{e:?}");
    }

    #[test]
    fn an_edit_sends_only_what_changes() {
        let r = update(Some("  orders  "), None, None).unwrap();
        assert_eq!(r.name.as_deref(), Some("orders"));
        assert_eq!((r.description, r.stage_label), (None, None));
        let r = update(None, Some(""), Some(StageLabel::Prod)).unwrap();
        assert_eq!(
            r.description.as_deref(),
            Some(""),
            "an empty description clears it"
        );
        assert_eq!(r.stage_label.as_deref(), Some("prod"));
    }

    #[test]
    fn an_edit_is_checked() {
        for (input, says) in [
            (update(Some(" "), None, None), "name"),
            (update(None, Some(&"x".repeat(151)), None), "at most 150"),
            (update(None, Some("a\u{7}b"), None), "control"),
            (update(None, None, None), "nothing to change"),
        ] {
            let e = input.unwrap_err();
            assert!(e.message.contains(says), "{}", e.message);
        }
        assert!(update(None, Some(&"é".repeat(150)), None).is_ok());
    }

    #[test]
    fn create_options_are_checked_and_sent() {
        let input = |description: Option<&str>, auto_update| CreateClusterInput {
            name: "orders".into(),
            channel_id: "c".into(),
            generation_id: "g".into(),
            region_id: "r".into(),
            plan_type_id: "p".into(),
            stage_label: None,
            description: description.map(str::to_string),
            auto_update,
            backup_region_id: Some("  ".into()),
            customer_managed_keys: auto_update == Some(true),
        };
        let r = create_request(&input(Some("  EU shop  "), Some(true))).unwrap();
        assert_eq!(r.encryption.as_deref(), Some("External"));
        assert_eq!(r.description.as_deref(), Some("EU shop"));
        assert_eq!(r.auto_update, Some(true));
        assert_eq!(r.backup_region_id, None, "blank = the Console's default");
        let r = create_request(&input(Some("   "), None)).unwrap();
        assert_eq!((r.description, r.auto_update), (None, None), "blank = none");
        for (bad, says) in [
            (&"x".repeat(151)[..], "at most 150"),
            ("a\u{1b}b", "control"),
        ] {
            let e = create_request(&input(Some(bad), None)).unwrap_err();
            assert!(e.message.contains(says), "{}", e.message);
        }
    }

    #[test]
    fn watched_clusters_notify_once_per_organization_and_cluster() {
        let w = WatchedClusters::default();
        w.watch("a", "c1");
        w.watch("b", "c1");
        let (id, name) = ("c1".to_string(), "orders".to_string());
        let creating = ClusterState("Creating".into());
        let healthy = ClusterState("Healthy".into());
        assert!(w.take_healthy("a", [(&id, &name, &creating)]).is_empty());
        assert_eq!(
            w.take_healthy("a", [(&id, &name, &healthy)]),
            vec![Ready {
                name: "orders".into(),
                watch: Watch::Created
            }]
        );
        assert!(w.take_healthy("a", [(&id, &name, &healthy)]).is_empty());
        w.forget("b", "c1");
        assert!(w.take_healthy("b", [(&id, &name, &healthy)]).is_empty());
    }

    #[test]
    fn an_upgrade_is_notified_only_after_the_cluster_left_healthy() {
        let w = WatchedClusters::default();
        w.watch_upgrade("a", "c1");
        let (id, name) = ("c1".to_string(), "orders".to_string());
        let updating = ClusterState("Updating".into());
        let healthy = ClusterState("Healthy".into());
        // The API may still say Healthy right after the request: not yet.
        assert!(w.take_healthy("a", [(&id, &name, &healthy)]).is_empty());
        assert!(w.take_healthy("a", [(&id, &name, &updating)]).is_empty());
        assert_eq!(
            w.take_healthy("a", [(&id, &name, &healthy)]),
            vec![Ready {
                name: "orders".into(),
                watch: Watch::Upgraded { armed: true }
            }]
        );
        assert!(w.take_healthy("a", [(&id, &name, &healthy)]).is_empty());
    }
}

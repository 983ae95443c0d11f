use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

/// A member of the organization, or a pending invitation.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberView {
    pub email: String,
    /// Empty for a pending invitation.
    pub name: String,
    pub roles: Vec<String>,
    pub invite_pending: bool,
    /// The owner's roles cannot be changed, nor the owner removed.
    pub owner: bool,
}

/// A role a member can be given.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct RoleOption {
    /// What the API takes (`admin`, `developer`, …).
    pub id: String,
    /// The Console's words ("Operations Engineer").
    pub label: String,
    /// No longer recommended since Camunda 8.8 (per-cluster permissions live in Admin).
    pub legacy: bool,
}

/// One entry of the organization's activity log.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityView {
    /// RFC 3339, UTC (`null` when the API did not say).
    pub time: Option<String>,
    /// Who did it (a user or API client id).
    pub who: String,
    /// What happened, in the Console's words.
    pub what: String,
    /// `create`, `read`, `update`, `delete` (or the API's letter when it is another).
    pub kind: String,
    /// What it was done to (`cluster`, `client`, …) and its id.
    pub entity: String,
    pub entity_id: String,
    /// The cluster it concerns, when one does.
    pub cluster_id: Option<String>,
}

/// The activity log, newest first.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ActivityList {
    pub organization_id: String,
    pub events: Vec<ActivityView>,
    /// RFC 3339, UTC.
    pub fetched_at: String,
}

/// One organization's outcome of a change made in several at once: done (`error: null`) or why
/// not.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrgOutcome {
    pub organization_id: String,
    pub organization_name: String,
    pub error: Option<AppError>,
}

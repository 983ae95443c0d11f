use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

/// Where an organization comes from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum OrganizationKind {
    /// The built-in, in-process sandbox.
    Sandbox,
    /// Saved in the settings file by the user.
    Saved,
    /// From `CAMUNDA_CONSOLE_*` environment variables at launch; never saved.
    Environment,
}

/// Where the organization's client secret lives.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum SecretStorage {
    /// The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager).
    Keychain,
    /// Memory only, for this run of the app.
    Session,
}

/// The colour that marks an organization in the header, the organization menu and every
/// destructive dialog (Carbon's tag colours), so one organization is not taken for another.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "snake_case")]
pub enum OrgColor {
    Blue,
    Teal,
    Green,
    Purple,
    Magenta,
    Cyan,
    Red,
    Gray,
}

impl OrgColor {
    /// The colours given to new organizations, in order (red and gray only by choice; gray is
    /// the Sandbox's).
    pub const AUTO: [OrgColor; 6] = [
        OrgColor::Blue,
        OrgColor::Teal,
        OrgColor::Green,
        OrgColor::Purple,
        OrgColor::Magenta,
        OrgColor::Cyan,
    ];

    /// The first automatic colour no organization in `used` has; when all are taken, the one
    /// used least (the earliest of those).
    pub fn first_unused(used: impl IntoIterator<Item = OrgColor>) -> Self {
        let used: Vec<OrgColor> = used.into_iter().collect();
        let count = |c: &OrgColor| used.iter().filter(|u| *u == c).count();
        Self::AUTO
            .into_iter()
            .min_by_key(count)
            .unwrap_or(OrgColor::Blue)
    }

    /// A stable colour for an organization saved before colours existed (from its id).
    pub fn for_id(id: &str) -> Self {
        // FNV-1a: stable across runs and builds (unlike std's hasher).
        let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Self::AUTO[(hash % Self::AUTO.len() as u64) as usize]
    }
}

/// The marks chosen for an organization imported from a credentials file.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrgMarks {
    /// `null`: the first colour not in use.
    pub color: Option<OrgColor>,
    pub production: bool,
}

/// A permission of an Administration API client, as the app tracks 403s.
#[derive(
    Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Type,
)]
#[serde(rename_all = "snake_case")]
pub enum ApiPermission {
    GetClusters,
    CreateClusters,
    DeleteClusters,
    GetClients,
    CreateClients,
    DeleteClients,
    IpAllowlist,
    ConnectorSecrets,
    Backups,
    Members,
    WebModelerApi,
}

impl ApiPermission {
    /// Every permission, in the Console's order.
    pub fn all() -> impl Iterator<Item = Self> {
        console_api::Permission::ALL.into_iter().map(Self::from)
    }

    /// The Console's words for it ("Get clusters"); they exist once, in `console_api`.
    pub fn label(self) -> &'static str {
        console_api::Permission::from(self).label()
    }

    /// What the UI says where this permission is missing (a 403, or a button it disables).
    pub fn missing_message(self) -> String {
        format!(
            "This organization's API client lacks the \u{201c}{}\u{201d} permission. \
             Grant it in Console > Organization > Administration API, or use another client.",
            self.label()
        )
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub kind: OrganizationKind,
    pub client_id: String,
    pub token_url: String,
    pub api_base_url: String,
    pub audience: String,
    pub secret_storage: SecretStorage,
    pub denied_permissions: Vec<ApiPermission>,
    /// Its mark in the header and in destructive dialogs.
    pub color: OrgColor,
    /// Marked production by the user: every destructive dialog asks for the typed name.
    pub production: bool,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationsState {
    pub organizations: Vec<Organization>,
    /// There is always one: the Sandbox unless the user chose another.
    pub active_id: String,
    pub keychain_available: bool,
    pub keychain_message: Option<String>,
    /// The settings file exists but could not be read: why, in plain words. While set, nothing
    /// is saved (every change is refused) so the file is not lost.
    pub settings_problem: Option<String>,
}

/// What the "Add/Edit organization" form sends. `clientSecret: null` on edit keeps the stored secret.
#[derive(Serialize, Deserialize, Clone, Type)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationInput {
    pub name: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub token_url: String,
    pub api_base_url: String,
    pub audience: String,
    pub session_only: bool,
    /// Absent: a new organization gets the first colour not in use, an edited one keeps its own.
    #[serde(default)]
    pub color: Option<OrgColor>,
    #[serde(default)]
    pub production: bool,
}

impl std::fmt::Debug for OrganizationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrganizationInput")
            .field("name", &self.name)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("token_url", &self.token_url)
            .field("api_base_url", &self.api_base_url)
            .field("audience", &self.audience)
            .field("session_only", &self.session_only)
            .field("color", &self.color)
            .field("production", &self.production)
            .finish()
    }
}

impl Drop for OrganizationInput {
    fn drop(&mut self) {
        if let Some(s) = self.client_secret.as_mut() {
            zeroize::Zeroize::zeroize(s);
        }
    }
}

/// What a pasted credentials file contains, without the secret itself.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct CredentialsPreview {
    pub client_id: Option<String>,
    pub has_secret: bool,
    pub token_url: Option<String>,
    pub api_base_url: Option<String>,
    pub audience: Option<String>,
    /// Variable names that are required but absent, e.g. `CAMUNDA_CONSOLE_CLIENT_SECRET`.
    pub missing: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub ok: bool,
    /// Plain words: "Connected: 5 clusters", "The client id or secret is wrong", …
    pub message: String,
    pub cluster_count: Option<u32>,
    pub error: Option<AppError>,
}

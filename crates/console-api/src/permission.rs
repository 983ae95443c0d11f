//! [`Permission`]: the Console permissions of an Administration API client that the
//! operations of [`crate::Client`] need, named in [`crate::Error::Forbidden`].

use std::fmt;

/// A Console permission of an Administration API client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    /// List clusters, get a cluster, get creation parameters.
    GetClusters,
    /// Create a cluster; also what updating (rename, relabel) and waking a cluster need
    /// among the six permissions of an Administration API client.
    CreateClusters,
    /// Delete a cluster.
    DeleteClusters,
    /// List clients of a cluster, get a client's details.
    GetClients,
    /// Create a client.
    CreateClients,
    /// Delete a client.
    DeleteClients,
    /// The "IP allowlist" group: read and replace a cluster's IP allowlist.
    IpAllowlist,
    /// The "Connector Secrets" group: list, create, update and delete a cluster's connector
    /// secrets.
    ConnectorSecrets,
    /// The "Backups" group (Enterprise): list, create, delete and restore backups.
    Backups,
    /// The "Members" group: list, invite, change and remove the organization's members.
    Members,
    /// The "Web Modeler API" group.
    WebModelerApi,
}

impl Permission {
    /// Every permission, in the Console's order.
    pub const ALL: [Permission; 11] = [
        Permission::GetClusters,
        Permission::CreateClusters,
        Permission::DeleteClusters,
        Permission::GetClients,
        Permission::CreateClients,
        Permission::DeleteClients,
        Permission::IpAllowlist,
        Permission::ConnectorSecrets,
        Permission::Backups,
        Permission::Members,
        Permission::WebModelerApi,
    ];

    /// The Console's words for the permission, e.g. "Get clusters".
    pub fn label(self) -> &'static str {
        match self {
            Permission::GetClusters => "Get clusters",
            Permission::CreateClusters => "Create clusters",
            Permission::DeleteClusters => "Delete clusters",
            Permission::GetClients => "Get Zeebe clients",
            Permission::CreateClients => "Create Zeebe clients",
            Permission::DeleteClients => "Delete Zeebe clients",
            Permission::IpAllowlist => "IP allowlist",
            Permission::ConnectorSecrets => "Connector Secrets",
            Permission::Backups => "Backups",
            Permission::Members => "Members",
            Permission::WebModelerApi => "Web Modeler API",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_the_consoles_words_and_distinct() {
        let labels: Vec<&str> = Permission::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            [
                "Get clusters",
                "Create clusters",
                "Delete clusters",
                "Get Zeebe clients",
                "Create Zeebe clients",
                "Delete Zeebe clients",
                "IP allowlist",
                "Connector Secrets",
                "Backups",
                "Members",
                "Web Modeler API",
            ]
        );
        assert_eq!(
            Permission::CreateClients.to_string(),
            "Create Zeebe clients"
        );
    }
}

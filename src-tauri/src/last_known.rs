//! Last-known data: what each organization's lists looked like when Skep last fetched them —
//! its clusters, each cluster's API clients and all its clients at once (the "All clients" screen
//! and the All organizations overview) — kept in the app's cache folder so that the next start
//! shows them at once (with their age) while fresh ones load, and shows them with the offline
//! banner when Camunda cannot be reached.
//!
//! What is kept is what the tables show — names, ids, states, versions, regions, permissions —
//! never a secret, token or connector-secret value. One folder per organization
//! (`last-known/<hex of the id>/`), one owner-only file per list in it, written atomically,
//! versioned (a file of another version, or one that does not parse, is dropped, not misread) and
//! bound to the organization's API URL and client id: after either changes, the old lists are
//! not shown. Removing the organization removes its folder; a cluster that is no longer listed
//! takes its clients' file with it.

use std::fs;
use std::path::{Path, PathBuf};

use parking_lot::Mutex;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::dto::{AllClients, ClientList, ClusterList};
use crate::organizations::settings::write_private_atomic;

/// The file format's version; a file of any other version is dropped.
const VERSION: u32 = 2;
/// Folder under the cache folder.
const FOLDER: &str = "last-known";
const CLUSTERS: &str = "clusters.json";
const ALL_CLIENTS: &str = "all-clients.json";
const CLIENTS_PREFIX: &str = "clients-";

/// Who a kept list belongs to: the organization as it was configured when the list was fetched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Binding {
    pub organization_id: String,
    pub api_base_url: String,
    pub client_id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct File<T> {
    version: u32,
    #[serde(flatten)]
    binding: Binding,
    data: T,
}

/// The last-known data of every organization, under one cache folder.
pub struct LastKnown {
    dir: PathBuf,
    /// One write at a time (a later list never loses to an earlier one mid-write).
    writing: Mutex<()>,
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

impl LastKnown {
    pub fn in_dir(cache_dir: &Path) -> Self {
        Self {
            dir: cache_dir.join(FOLDER),
            writing: Mutex::new(()),
        }
    }

    fn org_dir(&self, organization_id: &str) -> PathBuf {
        self.dir.join(hex(organization_id))
    }

    fn clients_name(cluster_id: &str) -> String {
        format!("{CLIENTS_PREFIX}{}.json", hex(cluster_id))
    }

    /// Keep `clusters` as the organization's last-known cluster list; the clients' files of
    /// clusters it no longer has go. Failing is not an error of the command that fetched the list:
    /// it is logged (without the data) and the app goes on.
    pub fn save_clusters(&self, binding: &Binding, clusters: &ClusterList) {
        if clusters.organization_id != binding.organization_id {
            return;
        }
        self.save(binding, CLUSTERS, clusters);
        let listed: Vec<String> = clusters
            .clusters
            .iter()
            .map(|c| Self::clients_name(&c.id))
            .collect();
        let _one = self.writing.lock();
        // The single file of the first version.
        let _ = fs::remove_file(
            self.org_dir(&binding.organization_id)
                .with_extension("json"),
        );
        let Ok(entries) = fs::read_dir(self.org_dir(&binding.organization_id)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(CLIENTS_PREFIX) && !listed.iter().any(|l| *l == name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// The organization's last-known cluster list (see [`Self::load`]).
    pub fn load_clusters(&self, binding: &Binding) -> Option<ClusterList> {
        self.load::<ClusterList>(binding, CLUSTERS)
            .filter(|l| l.organization_id == binding.organization_id)
    }

    /// Keep one cluster's clients.
    pub fn save_clients(&self, binding: &Binding, clients: &ClientList) {
        self.save(binding, &Self::clients_name(&clients.cluster_id), clients);
    }

    pub fn load_clients(&self, binding: &Binding, cluster_id: &str) -> Option<ClientList> {
        self.load::<ClientList>(binding, &Self::clients_name(cluster_id))
            .filter(|l| l.cluster_id == cluster_id)
    }

    /// Keep every client of the organization's clusters (as "All clients" lists them).
    pub fn save_all_clients(&self, binding: &Binding, all: &AllClients) {
        if all.organization_id != binding.organization_id {
            return;
        }
        self.save(binding, ALL_CLIENTS, all);
    }

    pub fn load_all_clients(&self, binding: &Binding) -> Option<AllClients> {
        self.load::<AllClients>(binding, ALL_CLIENTS)
            .filter(|l| l.organization_id == binding.organization_id)
    }

    fn save<T: Serialize>(&self, binding: &Binding, name: &str, data: &T) {
        let file = File {
            version: VERSION,
            binding: binding.clone(),
            data,
        };
        let Ok(bytes) = serde_json::to_vec(&file) else {
            return;
        };
        let _one = self.writing.lock();
        let dir = self.org_dir(&binding.organization_id);
        let written = create_private_dir(&self.dir)
            .and_then(|()| create_private_dir(&dir))
            .and_then(|()| write_private_atomic(&dir.join(name), &bytes));
        if let Err(e) = written {
            tracing::warn!(error = %e, "last-known list not kept");
        }
    }

    /// A kept list of the organization as it is configured now. A file that is unreadable, of
    /// another version or for another URL or client id is removed.
    fn load<T: DeserializeOwned>(&self, binding: &Binding, name: &str) -> Option<T> {
        let path = self.org_dir(&binding.organization_id).join(name);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(error = %e, "last-known list not readable");
                return None;
            }
        };
        match serde_json::from_slice::<File<T>>(&bytes) {
            Ok(f) if f.version == VERSION && f.binding == *binding => Some(f.data),
            _ => {
                tracing::info!("last-known list dropped (another version or organization)");
                let _one = self.writing.lock();
                let _ = fs::remove_file(&path);
                None
            }
        }
    }

    /// Forget the organization's last-known data (it was removed).
    pub fn remove(&self, organization_id: &str) {
        let _one = self.writing.lock();
        let dir = self.org_dir(organization_id);
        match fs::remove_dir_all(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e, "last-known data not removed"),
        }
        // The single file of the first version.
        let _ = fs::remove_file(dir.with_extension("json"));
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::{ClusterState, ClusterSummary};

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "skep-last-known-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn clusters_path(store: &LastKnown, id: &str) -> PathBuf {
        store.org_dir(id).join(CLUSTERS)
    }

    fn binding(id: &str) -> Binding {
        Binding {
            organization_id: id.into(),
            api_base_url: "https://api.example.test".into(),
            client_id: "client-a".into(),
        }
    }

    fn list(id: &str, names: &[&str]) -> ClusterList {
        let clusters = names
            .iter()
            .map(|n| ClusterSummary {
                id: format!("id-{n}"),
                name: (*n).into(),
                state: ClusterState("Healthy".into()),
                components: vec![],
                generation: Some("Camunda 8.7.6".into()),
                channel: Some("Stable".into()),
                region: None,
                plan_type: None,
                created: None,
                stage_label: Some("prod".into()),
            })
            .collect();
        ClusterList {
            organization_id: id.into(),
            clusters,
            fetched_at: "2026-12-04T09:14:00Z".into(),
        }
    }

    #[test]
    fn keeps_the_last_list_owner_only_and_gives_it_back_for_the_same_organization() {
        let dir = temp_dir("keeps");
        let store = LastKnown::in_dir(&dir);
        assert_eq!(store.load_clusters(&binding("org-1")), None);
        store.save_clusters(&binding("org-1"), &list("org-1", &["a", "b"]));
        store.save_clusters(&binding("org-1"), &list("org-1", &["c"]));
        let back = store.load_clusters(&binding("org-1")).expect("kept");
        assert_eq!(back, list("org-1", &["c"]));
        assert_eq!(
            store.load_clusters(&binding("org-2")),
            None,
            "another organization's list"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&clusters_path(&store, "org-1")), 0o600);
            assert_eq!(mode(&dir.join(FOLDER)), 0o700);
            assert_eq!(mode(&store.org_dir("org-1")), 0o700);
        }
        // No temp file left next to it.
        let names: Vec<_> = fs::read_dir(store.org_dir("org-1")).unwrap().collect();
        assert_eq!(names.len(), 1);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn drops_a_list_for_another_url_or_client_another_version_or_garbage() {
        let dir = temp_dir("drops");
        let store = LastKnown::in_dir(&dir);
        let moved = Binding {
            api_base_url: "https://other.example.test".into(),
            ..binding("org-1")
        };
        store.save_clusters(&binding("org-1"), &list("org-1", &["a"]));
        assert_eq!(
            store.load_clusters(&moved),
            None,
            "the organization now points elsewhere"
        );
        assert!(
            !clusters_path(&store, "org-1").exists(),
            "the stale file is removed"
        );

        let rekeyed = Binding {
            client_id: "client-b".into(),
            ..binding("org-1")
        };
        store.save_clusters(&binding("org-1"), &list("org-1", &["a"]));
        assert_eq!(store.load_clusters(&rekeyed), None, "another API client");

        store.save_clusters(&binding("org-1"), &list("org-1", &["a"]));
        let text = fs::read_to_string(clusters_path(&store, "org-1")).unwrap();
        fs::write(
            clusters_path(&store, "org-1"),
            text.replace("\"version\":2", "\"version\":3"),
        )
        .unwrap();
        assert_eq!(
            store.load_clusters(&binding("org-1")),
            None,
            "another version"
        );

        fs::write(clusters_path(&store, "org-1"), b"<html>not json").unwrap();
        assert_eq!(store.load_clusters(&binding("org-1")), None, "garbage");
        assert!(!clusters_path(&store, "org-1").exists());

        // A list of another organization is not kept under this one.
        store.save_clusters(&binding("org-1"), &list("org-2", &["a"]));
        assert!(!clusters_path(&store, "org-1").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn removing_forgets_it_and_odd_ids_stay_inside_the_folder() {
        let dir = temp_dir("remove");
        let store = LastKnown::in_dir(&dir);
        let odd = "../../etc/passwd";
        store.save_clusters(&binding(odd), &list(odd, &["a"]));
        assert!(clusters_path(&store, odd).starts_with(dir.join(FOLDER)));
        assert!(store.load_clusters(&binding(odd)).is_some());
        store.remove(odd);
        assert_eq!(store.load_clusters(&binding(odd)), None);
        store.remove(odd); // twice: nothing to do, no error
        fs::remove_dir_all(dir).unwrap();
    }

    fn clients(cluster: &str, names: &[&str]) -> ClientList {
        ClientList {
            cluster_id: cluster.into(),
            clients: names
                .iter()
                .map(|n| crate::dto::ClientView {
                    name: (*n).into(),
                    client_id: format!("cid-{n}"),
                    permissions: vec!["Zeebe".into()],
                })
                .collect(),
            fetched_at: "2026-12-04T09:15:00Z".into(),
        }
    }

    #[test]
    fn keeps_each_clusters_clients_and_all_clients_and_drops_those_of_clusters_gone() {
        let dir = temp_dir("clients");
        let store = LastKnown::in_dir(&dir);
        let b = binding("org-1");
        store.save_clusters(&b, &list("org-1", &["a", "b"]));
        store.save_clients(&b, &clients("id-a", &["x", "y"]));
        store.save_clients(&b, &clients("id-b", &["z"]));
        assert_eq!(
            store.load_clients(&b, "id-a"),
            Some(clients("id-a", &["x", "y"]))
        );
        assert_eq!(
            store.load_clients(&b, "id-b"),
            Some(clients("id-b", &["z"]))
        );
        assert_eq!(store.load_clients(&b, "id-c"), None);
        assert_eq!(
            store.load_clients(&binding("org-2"), "id-a"),
            None,
            "another organization"
        );

        let all = AllClients {
            organization_id: "org-1".into(),
            cluster_count: 2,
            clients: vec![],
            failed: vec![],
            fetched_at: "2026-12-04T09:16:00Z".into(),
        };
        store.save_all_clients(&b, &all);
        assert_eq!(store.load_all_clients(&b), Some(all.clone()));
        store.save_all_clients(&binding("org-2"), &all);
        assert_eq!(
            store.load_all_clients(&binding("org-2")),
            None,
            "not kept under org-2"
        );

        // Cluster b is gone: its clients' file goes with the next list; a's stays.
        store.save_clusters(&b, &list("org-1", &["a"]));
        assert!(store.load_clients(&b, "id-a").is_some());
        assert_eq!(store.load_clients(&b, "id-b"), None);
        let names: Vec<String> = fs::read_dir(store.org_dir("org-1"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");

        // A rekeyed organization sees none of it.
        let rekeyed = Binding {
            client_id: "client-b".into(),
            ..binding("org-1")
        };
        assert_eq!(store.load_clients(&rekeyed, "id-a"), None);
        assert_eq!(store.load_all_clients(&rekeyed), None);

        store.remove("org-1");
        assert!(!store.org_dir("org-1").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_first_versions_single_file_is_removed() {
        let dir = temp_dir("legacy");
        let store = LastKnown::in_dir(&dir);
        fs::create_dir_all(dir.join(FOLDER)).unwrap();
        let legacy = store.org_dir("org-1").with_extension("json");
        fs::write(&legacy, b"{\"version\":1}").unwrap();
        store.save_clusters(&binding("org-1"), &list("org-1", &["a"]));
        assert!(!legacy.exists(), "replaced by the folder");
        fs::write(&legacy, b"{\"version\":1}").unwrap();
        store.remove("org-1");
        assert!(!legacy.exists());
        fs::remove_dir_all(dir).unwrap();
    }
}

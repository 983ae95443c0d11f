//! Last-known data: each organization's last cluster list, kept in the app's cache folder so that
//! the next start shows it at once (with its age) while the fresh list loads, and shows it with
//! the offline banner when Camunda cannot be reached.
//!
//! What is kept is what the clusters table shows — names, ids, states, versions, regions, links —
//! never a secret, token or connector-secret value. One file per organization
//! (`last-known/<hex of the id>.json`), owner-only, written atomically, versioned (a file of
//! another version, or one that does not parse, is dropped, not misread) and bound to the
//! organization's API URL and client id: after either changes, the old list is not shown.

use std::fs;
use std::path::{Path, PathBuf};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::dto::ClusterList;
use crate::organizations::settings::write_private_atomic;

/// The file format's version; a file of any other version is dropped.
const VERSION: u32 = 1;
/// Folder under the cache folder.
const FOLDER: &str = "last-known";

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
struct File {
    version: u32,
    #[serde(flatten)]
    binding: Binding,
    clusters: ClusterList,
}

/// The last-known data of every organization, under one cache folder.
pub struct LastKnown {
    dir: PathBuf,
    /// One write at a time (a later list never loses to an earlier one mid-write).
    writing: Mutex<()>,
}

impl LastKnown {
    pub fn in_dir(cache_dir: &Path) -> Self {
        Self {
            dir: cache_dir.join(FOLDER),
            writing: Mutex::new(()),
        }
    }

    fn path(&self, organization_id: &str) -> PathBuf {
        let hex: String = organization_id
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.dir.join(format!("{hex}.json"))
    }

    /// Keep `clusters` as the organization's last-known list. Failing is not an error of the
    /// command that fetched the list: it is logged (without the data) and the app goes on.
    pub fn save(&self, binding: &Binding, clusters: &ClusterList) {
        if clusters.organization_id != binding.organization_id {
            return;
        }
        let file = File {
            version: VERSION,
            binding: binding.clone(),
            clusters: clusters.clone(),
        };
        let Ok(bytes) = serde_json::to_vec(&file) else {
            return;
        };
        let _one = self.writing.lock();
        let written = create_private_dir(&self.dir)
            .and_then(|()| write_private_atomic(&self.path(&binding.organization_id), &bytes));
        if let Err(e) = written {
            tracing::warn!(error = %e, "last-known clusters not kept");
        }
    }

    /// The organization's last-known list, if one is kept for it as it is configured now. A file
    /// that is unreadable, of another version or for another URL or client id is removed.
    pub fn load(&self, binding: &Binding) -> Option<ClusterList> {
        let path = self.path(&binding.organization_id);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(error = %e, "last-known clusters not readable");
                return None;
            }
        };
        match serde_json::from_slice::<File>(&bytes) {
            Ok(f)
                if f.version == VERSION
                    && f.binding == *binding
                    && f.clusters.organization_id == binding.organization_id =>
            {
                Some(f.clusters)
            }
            _ => {
                tracing::info!("last-known clusters dropped (another version or organization)");
                self.remove(&binding.organization_id);
                None
            }
        }
    }

    /// Forget the organization's last-known data (it was removed).
    pub fn remove(&self, organization_id: &str) {
        let _one = self.writing.lock();
        match fs::remove_file(self.path(organization_id)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(error = %e, "last-known clusters not removed"),
        }
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
        assert_eq!(store.load(&binding("org-1")), None);
        store.save(&binding("org-1"), &list("org-1", &["a", "b"]));
        store.save(&binding("org-1"), &list("org-1", &["c"]));
        let back = store.load(&binding("org-1")).expect("kept");
        assert_eq!(back, list("org-1", &["c"]));
        assert_eq!(
            store.load(&binding("org-2")),
            None,
            "another organization's list"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&store.path("org-1")), 0o600);
            assert_eq!(mode(&dir.join(FOLDER)), 0o700);
        }
        // No temp file left next to it.
        let names: Vec<_> = fs::read_dir(dir.join(FOLDER)).unwrap().collect();
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
        store.save(&binding("org-1"), &list("org-1", &["a"]));
        assert_eq!(
            store.load(&moved),
            None,
            "the organization now points elsewhere"
        );
        assert!(!store.path("org-1").exists(), "the stale file is removed");

        let rekeyed = Binding {
            client_id: "client-b".into(),
            ..binding("org-1")
        };
        store.save(&binding("org-1"), &list("org-1", &["a"]));
        assert_eq!(store.load(&rekeyed), None, "another API client");

        store.save(&binding("org-1"), &list("org-1", &["a"]));
        let text = fs::read_to_string(store.path("org-1")).unwrap();
        fs::write(
            store.path("org-1"),
            text.replace("\"version\":1", "\"version\":2"),
        )
        .unwrap();
        assert_eq!(store.load(&binding("org-1")), None, "another version");

        fs::write(store.path("org-1"), b"<html>not json").unwrap();
        assert_eq!(store.load(&binding("org-1")), None, "garbage");
        assert!(!store.path("org-1").exists());

        // A list of another organization is not kept under this one.
        store.save(&binding("org-1"), &list("org-2", &["a"]));
        assert!(!store.path("org-1").exists());
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn removing_forgets_it_and_odd_ids_stay_inside_the_folder() {
        let dir = temp_dir("remove");
        let store = LastKnown::in_dir(&dir);
        let odd = "../../etc/passwd";
        store.save(&binding(odd), &list(odd, &["a"]));
        assert!(store.path(odd).starts_with(dir.join(FOLDER)));
        assert!(store.load(&binding(odd)).is_some());
        store.remove(odd);
        assert_eq!(store.load(&binding(odd)), None);
        store.remove(odd); // twice: nothing to do, no error
        fs::remove_dir_all(dir).unwrap();
    }
}

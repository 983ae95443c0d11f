//! Connector secrets as the app shows them: names in lists, a value only when one is asked for,
//! and the API's eventual consistency kept from the user: a secret deleted from Skep is not
//! shown again while the API still lists it (for at most [`HIDE_DELETED_FOR`]).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use parking_lot::Mutex;

/// How long a secret deleted from Skep stays hidden while the API still lists it.
pub const HIDE_DELETED_FOR: Duration = Duration::from_secs(120);

type Key = (String, String, String);

fn key(org_id: &str, cluster_id: &str, name: &str) -> Key {
    (org_id.to_owned(), cluster_id.to_owned(), name.to_owned())
}

/// The secrets deleted from Skep lately, per organization and cluster.
#[derive(Default)]
pub struct DeletedSecrets(Mutex<HashMap<Key, Instant>>);

impl DeletedSecrets {
    pub fn mark(&self, org_id: &str, cluster_id: &str, name: &str) {
        self.0
            .lock()
            .insert(key(org_id, cluster_id, name), Instant::now());
    }

    /// A secret created (again) under this name is shown.
    pub fn unmark(&self, org_id: &str, cluster_id: &str, name: &str) {
        self.0.lock().remove(&key(org_id, cluster_id, name));
    }

    /// Of the names the API listed, the ones to show. A mark is dropped once the API no longer
    /// lists the name, or after [`HIDE_DELETED_FOR`].
    pub fn visible(
        &self,
        org_id: &str,
        cluster_id: &str,
        listed: Vec<String>,
        now: Instant,
    ) -> Vec<String> {
        let mut marks = self.0.lock();
        marks.retain(|(o, c, n), at| {
            let this_cluster = o == org_id && c == cluster_id;
            now.duration_since(*at) < HIDE_DELETED_FOR && (!this_cluster || listed.contains(n))
        });
        listed
            .into_iter()
            .filter(|n| !marks.contains_key(&key(org_id, cluster_id, n)))
            .collect()
    }

    pub fn is_hidden(&self, org_id: &str, cluster_id: &str, name: &str, now: Instant) -> bool {
        self.0
            .lock()
            .get(&key(org_id, cluster_id, name))
            .is_some_and(|at| now.duration_since(*at) < HIDE_DELETED_FOR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_deleted_secret_stays_hidden_while_listed_and_the_mark_goes_when_it_is_not() {
        let d = DeletedSecrets::default();
        let now = Instant::now();
        d.mark("o", "c", "A");
        assert_eq!(d.visible("o", "c", names(&["A", "B"]), now), ["B"]);
        // Another cluster's or organization's "A" is not hidden.
        assert_eq!(d.visible("o", "c2", names(&["A"]), now), ["A"]);
        assert_eq!(d.visible("o2", "c", names(&["A"]), now), ["A"]);
        assert!(d.is_hidden("o", "c", "A", now));
        // The API stopped listing it: the mark is dropped, a later "A" (made elsewhere) shows.
        assert_eq!(d.visible("o", "c", names(&["B"]), now), ["B"]);
        assert_eq!(d.visible("o", "c", names(&["A", "B"]), now), ["A", "B"]);
        assert!(!d.is_hidden("o", "c", "A", now));
    }

    #[test]
    fn hiding_ends_after_the_limit_and_on_create() {
        let d = DeletedSecrets::default();
        let now = Instant::now();
        d.mark("o", "c", "A");
        let later = now + HIDE_DELETED_FOR + Duration::from_secs(1);
        assert_eq!(d.visible("o", "c", names(&["A"]), later), ["A"]);
        d.mark("o", "c", "A");
        d.unmark("o", "c", "A");
        assert_eq!(d.visible("o", "c", names(&["A"]), Instant::now()), ["A"]);
    }
}

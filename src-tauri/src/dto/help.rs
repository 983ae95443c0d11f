use serde::{Deserialize, Serialize};
use specta::Type;

/// What Help → About Skep shows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Type)]
#[serde(rename_all = "camelCase")]
pub struct AboutSkep {
    pub name: String,
    pub version: String,
    /// The git commit Skep was built from (`unknown` outside a checkout).
    pub commit: String,
    /// SPDX expression of Skep's licence.
    pub license: String,
    pub description: String,
}

// The app's own commands, by name: `build.rs` includes this file for
// `tauri_build::AppManifest::commands` (each gets `allow-<kebab-name>`), and the capability in
// capabilities/default.json grants exactly these to the "main" window (a unit test compares).
// One list, so the ACL cannot drift from the commands.

/// Every command the web UI may call.
pub const COMMANDS: &[&str] = &[
    "list_organizations",
    "add_organization",
    "import_organization",
    "preview_credentials",
    "update_organization",
    "rename_organization",
    "remove_organization",
    "set_active_organization",
    "test_connection",
    "test_organization",
    "test_credentials",
    "list_clusters",
    "get_cluster",
    "cluster_parameters",
    "create_cluster",
    "delete_cluster",
    "wake_cluster",
    "rename_cluster",
    "list_clients",
    "list_all_clients",
    "get_client",
    "create_client",
    "delete_client",
    "copy_pending_secret",
    "save_pending_secret",
    "acknowledge_pending_secret",
    "close_window",
    "open_link",
];

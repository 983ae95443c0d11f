// The app's own commands get ACL permissions (`allow-<kebab-name>`); the capability in
// capabilities/default.json grants exactly these to the "main" window. Keep this list in sync
// with src/commands/mod.rs `COMMANDS` (a unit test compares them).
const COMMANDS: &[&str] = &[
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
    "get_client",
    "create_client",
    "delete_client",
    "copy_pending_secret",
    "save_pending_secret",
    "acknowledge_pending_secret",
    "close_window",
    "open_link",
];

fn main() {
    if let Err(e) = tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    ) {
        // build.rs: failing loudly is the only option.
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}

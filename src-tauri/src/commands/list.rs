// The one list of the app's commands. Adding a command = writing it (`#[tauri::command]`,
// `#[specta::specta]`) in its domain file under `commands/` and adding one line here.
//
// Everything else is derived from this list:
// - `build.rs` includes this file: each command gets its ACL permission (`allow-<kebab-name>`)
//   and `capabilities/default.json` is written with exactly those (plus event listen/unlisten);
// - `lib.rs` registers the handlers and the TypeScript bindings from it (tauri-specta), so
//   `ui/src/api/bindings.ts` has a typed call for each (a test fails when it is stale).
//
// Syntax: `module::command` for a command with no runtime parameter, `module::command::<R>`
// for one generic over `R: tauri::Runtime` (the app's runtime is named `R` where this expands).

/// Calls `$callback! { module::command, module::command::<R>, … }` with every command.
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            organizations::list_organizations::<R>,
            organizations::add_organization::<R>,
            organizations::import_organization::<R>,
            organizations::preview_credentials,
            organizations::update_organization::<R>,
            organizations::rename_organization::<R>,
            organizations::remove_organization::<R>,
            organizations::set_active_organization::<R>,
            organizations::test_connection,
            organizations::test_organization::<R>,
            organizations::test_credentials,
            clusters::list_clusters::<R>,
            clusters::last_known_clusters::<R>,
            clients::last_known_clients::<R>,
            clients::last_known_all_clients::<R>,
            overview::list_all_organizations_clusters::<R>,
            overview::list_all_organizations_clients::<R>,
            overview::last_known_overview::<R>,
            overview::last_known_overview_clients::<R>,
            overview::save_inventory::<R>,
            clusters::get_cluster::<R>,
            clusters::cluster_parameters::<R>,
            clusters::create_cluster::<R>,
            clusters::delete_cluster::<R>,
            clusters::wake_cluster::<R>,
            clusters::update_cluster::<R>,
            clusters::upgrade_offer::<R>,
            clusters::upgrade_cluster::<R>,
            clusters::set_ip_allowlist::<R>,
            clusters::check_ip_allowlist,
            clusters::ip_ranges::<R>,
            settings::set_encryption_keys::<R>,
            settings::get_secure_connectivity::<R>,
            settings::activate_secure_connectivity::<R>,
            settings::deactivate_secure_connectivity::<R>,
            backups::list_backups::<R>,
            backups::create_backup::<R>,
            backups::delete_backup::<R>,
            backups::get_restore::<R>,
            backups::restore_backup::<R>,
            connector_secrets::list_connector_secrets::<R>,
            connector_secrets::reveal_connector_secret::<R>,
            connector_secrets::create_connector_secret::<R>,
            connector_secrets::update_connector_secret::<R>,
            connector_secrets::delete_connector_secret::<R>,
            monitoring::get_monitoring::<R>,
            monitoring::activate_monitoring::<R>,
            monitoring::deactivate_monitoring::<R>,
            monitoring::create_monitoring_client::<R>,
            monitoring::rotate_monitoring_password::<R>,
            monitoring::delete_monitoring_client::<R>,
            clients::list_clients::<R>,
            clients::list_all_clients::<R>,
            clients::get_client::<R>,
            clients::create_client::<R>,
            clients::delete_client::<R>,
            secret::copy_pending_secret::<R>,
            secret::save_pending_secret::<R>,
            secret::acknowledge_pending_secret,
            secret::close_window::<R>,
            members::member_roles,
            members::list_members::<R>,
            members::set_member_roles::<R>,
            members::remove_member::<R>,
            members::invite_member_in::<R>,
            members::remove_member_in::<R>,
            members::list_activity::<R>,
            members::save_activity_csv::<R>,
            links::open_link::<R>,
            help::about_skep,
            help::copy_diagnostics::<R>,
            help::open_log_folder::<R>,
        }
    };
}

/// The command names of the list, in order (`&[&str]`): build.rs's ACL, and the crate's tests.
#[allow(unused_macros)]
macro_rules! command_names {
    ($($module:ident :: $name:ident $(:: <$runtime:ident>)?),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

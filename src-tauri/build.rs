// The app's own commands get ACL permissions (`allow-<kebab-name>`); the capability in
// capabilities/default.json grants exactly these to the "main" window. The list lives in one
// place, shared with the crate.
include!("src/commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/names.rs");
    if let Err(e) = tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    ) {
        // build.rs: failing loudly is the only option.
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}

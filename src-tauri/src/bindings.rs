//! The UI's typed boundary, generated from the Rust signatures into `ui/src/api/bindings.ts`:
//! every command of the list (`commands/list.rs`) as a typed call (`commands.listClusters()`),
//! its argument and result types, the error type (`AppError`), the app's events, and
//! `CommandMap` (each command's IPC name → its `invoke` arguments and result), which types the
//! UI tests' IPC mocks.
//!
//! `cargo test -p skep bindings` fails when the committed file is stale;
//! `UPDATE_BINDINGS=1 cargo test -p skep bindings` rewrites it.

#[cfg(test)]
mod export {
    use std::fmt::Write as _;
    use std::path::Path;

    use tauri_specta::{BuilderConfiguration, LanguageExt};

    const HEADER: &str =
        "// Generated from the app's Rust commands by `cargo test -p skep bindings` \
                          (src-tauri/src/bindings.rs). Do not edit:\n\
                          // `UPDATE_BINDINGS=1 cargo test -p skep bindings` rewrites it.\n\
                          /* eslint-disable */";

    /// tauri-specta's calls go through `./invoke` (which turns every rejection into an
    /// `AppError`) instead of calling `@tauri-apps/api/core` directly.
    const TAURI_IMPORT: &str = "import { invoke as __TAURI_INVOKE } from \"@tauri-apps/api/core\";";
    const OWN_IMPORT: &str = "import { invoke as __TAURI_INVOKE } from \"./invoke\";";

    /// tauri-specta's TypeScript, then `CommandMap`.
    pub struct SkepTypescript;

    impl LanguageExt for SkepTypescript {
        type Error = specta_typescript::Error;

        fn export(self, cfg: &BuilderConfiguration, path: &Path) -> Result<(), Self::Error> {
            LanguageExt::export(
                specta_typescript::Typescript::default().header(HEADER),
                cfg,
                path,
            )?;
            let text = std::fs::read_to_string(path)?;
            if !text.contains(TAURI_IMPORT) {
                return Err(std::io::Error::other(format!(
                    "tauri-specta's output no longer has `{TAURI_IMPORT}`: update bindings.rs"
                ))
                .into());
            }
            let mut text = text.replacen(TAURI_IMPORT, OWN_IMPORT, 1);
            text.push_str(&command_map(cfg));
            std::fs::write(path, text)?;
            Ok(())
        }
    }

    /// `CommandMap`: for each command, the arguments object `invoke` receives (names as the
    /// IPC carries them) and the result, both taken from the generated `commands` object.
    fn command_map(cfg: &BuilderConfiguration) -> String {
        let mut out = String::from(
            "\n/** Each command by its IPC name: the arguments `invoke` sends and the result. */\n\
             export type CommandMap = {\n",
        );
        for command in &cfg.commands {
            let accessor = cfg
                .function_casing
                .apply(cfg.command_accessor_name(command))
                .into_owned();
            let args = command
                .args()
                .iter()
                .enumerate()
                .map(|(i, (name, _))| {
                    format!(
                        "{}: Parameters<typeof commands.{accessor}>[{i}]",
                        lower_camel(name)
                    )
                })
                .collect::<Vec<_>>();
            let args = if args.is_empty() {
                "Record<string, never>".to_string()
            } else {
                format!("{{ {} }}", args.join("; "))
            };
            let _ = writeln!(
                out,
                "  {:?}: {{ args: {args}; result: Awaited<ReturnType<typeof commands.{accessor}>> }};",
                command.name()
            );
        }
        out.push_str("};\n\n/** The IPC name of every command. */\nexport type CommandName = keyof CommandMap;\n");
        out
    }

    /// `cluster_id` → `clusterId`: how Tauri names a command's arguments on the IPC.
    fn lower_camel(name: &str) -> String {
        let mut out = String::with_capacity(name.len());
        let mut upper = false;
        for c in name.chars() {
            if c == '_' {
                upper = !out.is_empty();
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn lower_camel_is_tauris_argument_casing() {
        assert_eq!(lower_camel("cluster_id"), "clusterId");
        assert_eq!(lower_camel("session_only"), "sessionOnly");
        assert_eq!(lower_camel("text"), "text");
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// The committed bindings file.
    fn committed_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/bindings.ts")
    }

    fn fresh() -> String {
        let path = std::env::temp_dir().join(format!(
            "skep-bindings-{}-{}.ts",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        crate::commands::specta_builder::<tauri::test::MockRuntime>()
            .export(super::export::SkepTypescript, &path)
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        text
    }

    #[test]
    fn bindings_are_up_to_date() {
        let fresh = fresh();
        let path = committed_path();
        if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/api/bindings.ts is stale; run `UPDATE_BINDINGS=1 cargo test -p skep bindings` \
             and commit it"
        );
    }

    #[test]
    fn every_command_of_the_list_has_a_typed_call_and_a_map_entry() {
        let text = fresh();
        for name in crate::commands::COMMANDS {
            assert!(
                text.contains(&format!(">(\"{name}\"")),
                "no call for {name}"
            );
            assert!(
                text.contains(&format!("  \"{name}\": {{ args: ")),
                "no CommandMap entry for {name}"
            );
        }
        assert!(
            text.contains("from \"./invoke\""),
            "calls must go through ./invoke"
        );
        assert!(!text.contains("@tauri-apps/api/core"));
    }

    #[test]
    fn error_binding_is_one_flat_object() {
        let text = fresh();
        let decl = text
            .split("export type AppError =")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap_or_else(|| panic!("no AppError in the bindings:\n{text}"));
        assert!(decl.contains("kind: ErrorKind"), "{decl}");
        assert!(decl.contains("retryAfterSecs: number | null"), "{decl}");
        assert!(text.contains("\"keychain_unavailable\""));
    }
}

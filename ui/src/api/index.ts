// The UI's typed boundary to the app. Every command is generated from its Rust signature into
// `./bindings.ts` (`commands.listClusters()`, …) with its argument, result and error types;
// `cargo test -p skep bindings` fails when that file is stale. Every call rejects with an
// `AppError` (see `./invoke.ts`), so screens can switch on `kind`.
export { commands, DOCUMENTATION_URL, events, PERMISSION_LABELS, PERMISSION_MISSING, SAAS_DEFAULTS } from "./bindings";
export type * from "./bindings";
export { isAppError, toAppError } from "./invoke";

//! Every type that crosses the IPC boundary to the UI.
//!
//! serde `camelCase` on structs, `snake_case` string unions for kinds; their TypeScript is
//! generated with the commands into `ui/src/api/bindings.ts` (see `bindings.rs`).

mod clients;
mod clusters;
mod help;
mod members;
mod monitoring;
mod organizations;
mod overview;

pub use clients::*;
pub use clusters::*;
pub use help::*;
pub use members::*;
pub use monitoring::*;
pub use organizations::*;
pub use overview::*;

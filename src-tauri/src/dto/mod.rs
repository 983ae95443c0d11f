//! Every type that crosses the IPC boundary to the UI (CONTRACTS §3).
//!
//! serde `camelCase` on structs, `snake_case` string unions for kinds; TypeScript bindings are
//! generated from these with ts-rs into `ui/src/api/bindings/` (see `bindings.rs`).

mod clients;
mod clusters;
mod organizations;

pub use clients::*;
pub use clusters::*;
pub use organizations::*;

pub use crate::error::{AppError, ErrorKind};

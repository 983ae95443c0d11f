// The one call of `@tauri-apps/api/core` in the UI: the generated bindings (`./bindings.ts`)
// invoke every command through here, so whatever a command rejects with reaches the screens as
// an `AppError` they can switch on by `kind`.
import { invoke as tauriInvoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { ApiPermission, AppError } from "./bindings";

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** A command's own error (the Rust `AppError`): an object with a string `kind` and `message`. */
export function isAppError(e: unknown): e is AppError {
  return e !== null && typeof e === "object" && typeof (e as { kind?: unknown }).kind === "string"
    && typeof (e as { message?: unknown }).message === "string";
}

/**
 * Turns whatever `invoke` rejected with into an AppError: the command's own error as it is
 * (missing optional fields as null); anything else — Tauri's own failures (an unknown command, a
 * refused permission, bad arguments) reject with a string — as an `internal` error.
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) {
    const o = e as unknown as Record<string, unknown>;
    return {
      kind: e.kind,
      message: e.message,
      permission: typeof o.permission === "string" ? (o.permission as ApiPermission) : null,
      retryAfterSecs: num(o.retryAfterSecs),
      status: num(o.status),
    };
  }
  const message = e instanceof Error ? e.message
    : typeof e === "string" ? e
    : e !== null && typeof e === "object" ? (str((e as { message?: unknown }).message) ?? JSON.stringify(e))
    : String(e);
  return { kind: "internal", message, permission: null, retryAfterSecs: null, status: null };
}

/** `invoke`, rejecting with an AppError. */
export async function invoke<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  try {
    return await tauriInvoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

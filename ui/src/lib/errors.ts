import { PERMISSION_LABELS, PERMISSION_MISSING, type ApiPermission, type AppError } from "../api";

// The words of an error — what happened and what to do next — are the app's (Rust owns them:
// `AppError.message`, `PERMISSION_MISSING`, `PERMISSION_LABELS` in the generated bindings). The
// UI adds only what is its own: the countdown of an automatic retry.

/** The Console's name of a permission, e.g. "Get clusters". */
export function permissionLabel(p: ApiPermission): string {
  return PERMISSION_LABELS[p];
}

/** Why an action is not possible, or null when it is. */
export function deniedReason(denied: readonly ApiPermission[] | undefined, needed: ApiPermission): string | null {
  if (!denied || !denied.includes(needed)) return null;
  return PERMISSION_MISSING[needed];
}

export type ErrorText = { title: string };

/** " Retrying in 5 s." after a rate limit's message (`seconds` counts down where the UI retries by itself). */
export function retryText(seconds: number | null): string {
  return seconds === null ? "" : ` Retrying in ${Math.max(0, Math.ceil(seconds))} s.`;
}

/** What to show for an error: the app's message (cause and next step). */
export function describeError(err: AppError, countdown: number | null = null): ErrorText {
  const message = err.message.trim() !== "" ? err.message.trim() : "Something went wrong.";
  if (err.kind === "rate_limited") {
    return { title: message + retryText(countdown ?? err.retryAfterSecs ?? null) };
  }
  return { title: message };
}

/** True for errors that mean "we could not talk to Camunda" (shown as Offline). */
export function isOffline(err: AppError): boolean {
  return err.kind === "network" || err.kind === "timeout";
}

import type { ApiPermission, AppError } from "../api";

/** The Console's names for the Administration API permissions. */
export const PERMISSION_NAMES: Record<ApiPermission, string> = {
  get_clusters: "Get clusters",
  create_clusters: "Create clusters",
  delete_clusters: "Delete clusters",
  get_clients: "Get Zeebe clients",
  create_clients: "Create Zeebe clients",
  delete_clients: "Delete Zeebe clients",
};

export function missingPermissionText(permission: string): string {
  return `This organization's API client lacks the "${permission}" permission. Add it to the API client in Camunda Console (Organization → Administration API).`;
}

/** Why an action is not possible, or null when it is. */
export function deniedReason(denied: readonly ApiPermission[] | undefined, needed: ApiPermission): string | null {
  if (!denied || !denied.includes(needed)) return null;
  return missingPermissionText(PERMISSION_NAMES[needed]);
}

export type ErrorText = { title: string; detail: string | null };

/** A message that names the cause and the next step. `what` is the action, e.g. "Create cluster". */
export function describeError(err: AppError): ErrorText {
  const detail = err.message && err.message.trim() !== "" ? err.message : null;
  switch (err.kind) {
    case "forbidden":
      return { title: missingPermissionText(err.permission ?? "required"), detail: null };
    case "rate_limited":
      return {
        title: `Camunda's login service is rate limiting this network; retrying in ${err.retryAfterSecs ?? 5} s.`,
        detail: null,
      };
    case "not_ready":
      return { title: "The cluster is still starting. Try again when it is Healthy.", detail };
    case "invalid_credentials":
      return {
        title: "Camunda rejected the organization's client id or secret. Check them in Organization settings.",
        detail,
      };
    case "unauthorized":
      return { title: "Camunda refused the access token. Test the connection in Organization settings.", detail };
    case "outcome_unknown":
      return {
        title: "The outcome is unknown: Camunda did not answer. Refreshing to show what exists — do not create it again.",
        detail,
      };
    case "network":
      return { title: "Camunda cannot be reached. Check the network connection, then try again.", detail };
    case "timeout":
      return { title: "Camunda did not answer in time. Try again in a moment.", detail };
    case "not_found":
      return { title: "It no longer exists. Refresh to see the current state.", detail };
    case "conflict":
      return { title: "Camunda refused because of a conflicting change (for example, the name is taken).", detail };
    case "validation":
      return { title: detail ?? "Camunda rejected the input.", detail: null };
    case "invalid_input":
      return { title: detail ?? "The input is not valid.", detail: null };
    case "server":
      return {
        title: `Camunda answered with an error${err.status ? ` (HTTP ${err.status})` : ""}. Try again later.`,
        detail,
      };
    case "decode":
      return { title: "Camunda sent an answer Skep does not understand. Try again later.", detail };
    case "keychain_unavailable":
      return {
        title: "The system keychain is not available. Save the organization for this session only, or unlock the keychain.",
        detail,
      };
    case "no_organization":
      return { title: "No organization is selected. Choose one in the header.", detail };
    case "io":
      return { title: detail ?? "A file could not be read or written.", detail: null };
    case "internal":
    default:
      return { title: detail ?? "Something went wrong.", detail: null };
  }
}

/** True for errors that mean "we could not talk to Camunda" (shown as Offline). */
export function isOffline(err: AppError): boolean {
  return err.kind === "network" || err.kind === "timeout";
}

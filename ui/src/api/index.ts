// The only place in the UI that calls `invoke`. Every command of the app has a typed wrapper
// here; failures are normalized to AppError so screens can switch on `kind`.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  AllClients, AppError, ClientDetails, ClientView, ClusterList, ClusterParameters, ClusterView, ConnectionReport,
  CreateClientInput, CreateClusterInput, CreatedClient, CredentialsPreview, ErrorKind, Organization,
  OrganizationInput, OrganizationsState, SaveFormat, SecretField,
} from "./types";

export type * from "./types";

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "validation", "invalid_credentials", "unauthorized", "forbidden", "not_found", "conflict", "not_ready",
  "rate_limited", "server", "timeout", "outcome_unknown", "network", "decode", "keychain_unavailable",
  "no_organization", "invalid_input", "io", "internal",
]);

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Turns whatever `invoke` rejected with into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e !== null && typeof e === "object") {
    const o = e as Record<string, unknown>;
    const kind = str(o.kind);
    if (kind !== null && KINDS.has(kind)) {
      return {
        kind: kind as ErrorKind,
        message: str(o.message) ?? "",
        permission: str(o.permission),
        retryAfterSecs: num(o.retryAfterSecs),
        status: num(o.status),
      };
    }
    if (e instanceof Error) {
      return { kind: "internal", message: e.message, permission: null, retryAfterSecs: null, status: null };
    }
    const message = str(o.message) ?? JSON.stringify(e);
    return { kind: "internal", message, permission: null, retryAfterSecs: null, status: null };
  }
  return { kind: "internal", message: String(e), permission: null, retryAfterSecs: null, status: null };
}

export function isAppError(e: unknown): e is AppError {
  return e !== null && typeof e === "object" && typeof (e as { kind?: unknown }).kind === "string"
    && KINDS.has((e as { kind: string }).kind) && typeof (e as { message?: unknown }).message === "string";
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

// organizations
export const listOrganizations = () => call<OrganizationsState>("list_organizations");
export const addOrganization = (input: OrganizationInput) => call<Organization>("add_organization", { input });
export const importOrganization = (name: string | null, text: string | null, sessionOnly: boolean) =>
  call<Organization>("import_organization", { name, text, sessionOnly });
export const previewCredentials = (text: string) => call<CredentialsPreview>("preview_credentials", { text });
export const updateOrganization = (id: string, input: OrganizationInput) =>
  call<Organization>("update_organization", { id, input });
export const renameOrganization = (id: string, name: string) => call<Organization>("rename_organization", { id, name });
export const removeOrganization = (id: string) => call<OrganizationsState>("remove_organization", { id });
export const setActiveOrganization = (id: string) => call<OrganizationsState>("set_active_organization", { id });
export const testConnection = (input: OrganizationInput) => call<ConnectionReport>("test_connection", { input });
export const testOrganization = (id: string) => call<ConnectionReport>("test_organization", { id });
/** Test connection for a pasted credentials file (parsed by the app; nothing is saved). */
export const testCredentials = (text: string) => call<ConnectionReport>("test_credentials", { text });

// clusters (of the active organization)
export const listClusters = () => call<ClusterList>("list_clusters");
export const getCluster = (clusterId: string) => call<ClusterView>("get_cluster", { clusterId });
export const clusterParameters = () => call<ClusterParameters>("cluster_parameters");
export const createCluster = (input: CreateClusterInput) => call<string>("create_cluster", { input });
export const deleteCluster = (clusterId: string) => call<void>("delete_cluster", { clusterId });
export const wakeCluster = (clusterId: string) => call<void>("wake_cluster", { clusterId });
export const renameCluster = (clusterId: string, name: string) => call<void>("rename_cluster", { clusterId, name });

// clients of a cluster
export const listClients = (clusterId: string) => call<ClientView[]>("list_clients", { clusterId });
/** Every client of every cluster of the active organization (bounded fan-out in Rust). */
export const listAllClients = () => call<AllClients>("list_all_clients");
export const getClient = (clusterId: string, clientId: string) =>
  call<ClientDetails>("get_client", { clusterId, clientId });
export const createClient = (clusterId: string, input: CreateClientInput) =>
  call<CreatedClient>("create_client", { clusterId, input });
export const deleteClient = (clusterId: string, clientId: string) => call<void>("delete_client", { clusterId, clientId });

// the copy-once secret of a just-created client (held by the app until acknowledged)
export const copyPendingSecret = (field: SecretField) => call<void>("copy_pending_secret", { field });
export const savePendingSecret = (format: SaveFormat) => call<string | null>("save_pending_secret", { format });
export const acknowledgePendingSecret = () => call<void>("acknowledge_pending_secret");
/** Closes the window (refused by the app while a secret is still pending). */
export const closeWindow = () => call<void>("close_window");

// misc
export const openLink = (url: string) => call<void>("open_link", { url });

/** Emitted by the app when the window is about to close while a secret is still pending. */
export const PENDING_SECRET_CLOSE_REQUESTED = "pending-secret-close-requested";

export function onPendingSecretCloseRequested(handler: () => void): Promise<UnlistenFn> {
  return listen(PENDING_SECRET_CLOSE_REQUESTED, () => handler());
}

// TEMPORARY: local copies of CONTRACTS §3 until the generated bindings land in ./bindings.
// Replace with re-exports from ./bindings/* once they exist.
export type ErrorKind =
  | "validation" | "invalid_credentials" | "unauthorized" | "forbidden" | "not_found" | "conflict"
  | "not_ready" | "rate_limited" | "server" | "timeout" | "outcome_unknown" | "network" | "decode"
  | "keychain_unavailable" | "no_organization" | "invalid_input" | "io" | "internal";
export type AppError = { kind: ErrorKind; message: string; permission: string | null; retryAfterSecs: number | null; status: number | null };
export type OrganizationKind = "sandbox" | "saved" | "environment";
export type SecretStorage = "keychain" | "session";
export type ApiPermission = "get_clusters" | "create_clusters" | "delete_clusters" | "get_clients" | "create_clients" | "delete_clients";
export type Organization = { id: string; name: string; kind: OrganizationKind; clientId: string; tokenUrl: string;
  apiBaseUrl: string; audience: string; secretStorage: SecretStorage; deniedPermissions: Array<ApiPermission> };
export type OrganizationsState = { organizations: Array<Organization>; activeId: string | null; keychainAvailable: boolean; keychainMessage: string | null };
export type OrganizationInput = { name: string; clientId: string; clientSecret: string | null; tokenUrl: string; apiBaseUrl: string; audience: string; sessionOnly: boolean };
export type CredentialsPreview = { clientId: string | null; hasSecret: boolean; tokenUrl: string | null; apiBaseUrl: string | null; audience: string | null; missing: Array<string> };
export type ConnectionReport = { ok: boolean; message: string; clusterCount: number | null; error: AppError | null };
export type ClusterState = "Creating" | "Healthy" | "Unhealthy" | "Updating" | "Resuming" | "Suspended" | string;
export type ComponentStatus = { component: string; status: string };
export type ClusterLinks = { zeebe: string | null; operate: string | null; tasklist: string | null; optimize: string | null; connectors: string | null; console: string | null };
export type ClusterView = { id: string; name: string; state: ClusterState; components: Array<ComponentStatus>; generation: string | null;
  channel: string | null; region: string | null; planType: string | null; created: string | null; stageLabel: string | null; description: string | null; links: ClusterLinks };
export type ClusterList = { organizationId: string; clusters: Array<ClusterView>; fetchedAt: string };
export type Named = { id: string; name: string };
export type ChannelOption = { id: string; name: string; defaultGeneration: Named | null; allowedGenerations: Array<Named> };
export type RegionOption = { id: string; name: string; provider: string | null };
export type ClusterParameters = { channels: Array<ChannelOption>; planTypes: Array<Named>; regions: Array<RegionOption> };
export type CreateClusterInput = { name: string; channelId: string; generationId: string; regionId: string; planTypeId: string; stageLabel: string | null };
export type ClientView = { name: string; clientId: string; permissions: Array<string> };
export type ClientDetails = { clusterId: string; name: string; clientId: string; zeebeAddress: string; authorizationServerUrl: string; credentialsFile: string };
export type CreateClientInput = { name: string; permissions: Array<string> };
export type CreatedClient = { clusterId: string; name: string; clientId: string; clientSecret: string; permissions: Array<string>; zeebeAddress: string | null; envText: string };
export type SecretField = "client_id" | "client_secret" | "env";
export type SaveFormat = "env" | "properties" | "json";

// The command and model types, generated from the Rust types (ts-rs) into ./bindings.
// `cargo test -p skep bindings` fails when the committed bindings are stale.
export type { AppError } from "./bindings/AppError";
export type { ErrorKind } from "./bindings/ErrorKind";
export type { OrganizationKind } from "./bindings/OrganizationKind";
export type { SecretStorage } from "./bindings/SecretStorage";
export type { ApiPermission } from "./bindings/ApiPermission";
export type { Organization } from "./bindings/Organization";
export type { OrganizationsState } from "./bindings/OrganizationsState";
export type { OrganizationInput } from "./bindings/OrganizationInput";
export type { CredentialsPreview } from "./bindings/CredentialsPreview";
export type { ConnectionReport } from "./bindings/ConnectionReport";
export type { ClusterState } from "./bindings/ClusterState";
export type { ComponentStatus } from "./bindings/ComponentStatus";
export type { ClusterLinks } from "./bindings/ClusterLinks";
export type { ClusterView } from "./bindings/ClusterView";
export type { ClusterList } from "./bindings/ClusterList";
export type { Named } from "./bindings/Named";
export type { ChannelOption } from "./bindings/ChannelOption";
export type { RegionOption } from "./bindings/RegionOption";
export type { ClusterParameters } from "./bindings/ClusterParameters";
export type { CreateClusterInput } from "./bindings/CreateClusterInput";
export type { ClientView } from "./bindings/ClientView";
export type { ClientDetails } from "./bindings/ClientDetails";
export type { CreateClientInput } from "./bindings/CreateClientInput";
export type { CreatedClient } from "./bindings/CreatedClient";
export type { SecretField } from "./bindings/SecretField";
export type { SaveFormat } from "./bindings/SaveFormat";

import type {
  AppError, ClientView, ClusterList, ClusterParameters, ClusterView, ErrorKind, Organization, OrganizationsState,
} from "../api";
import { PERMISSION_MISSING } from "../api";

export const sandboxOrg: Organization = {
  id: "sandbox", name: "Sandbox", kind: "sandbox", clientId: "sandbox-admin",
  tokenUrl: "http://127.0.0.1:1/oauth/token", apiBaseUrl: "http://127.0.0.1:1", audience: "api.cloud.camunda.io",
  secretStorage: "session", deniedPermissions: [], color: "gray", production: false,
};

export const acmeOrg: Organization = {
  id: "acme", name: "Acme Corp", kind: "saved", clientId: "acme-admin",
  tokenUrl: "https://login.cloud.camunda.io/oauth/token", apiBaseUrl: "https://api.cloud.camunda.io",
  audience: "api.cloud.camunda.io", secretStorage: "keychain", deniedPermissions: [], color: "blue", production: false,
};

export function orgsState(active: Organization = sandboxOrg, extra: Organization[] = [acmeOrg]): OrganizationsState {
  const organizations = [sandboxOrg, ...extra.filter((o) => o.id !== sandboxOrg.id)];
  if (!organizations.some((o) => o.id === active.id)) organizations.push(active);
  return {
    organizations: organizations.map((o) => {
      const org = o.id === active.id ? active : o;
      return { ...org, deniedPermissions: [...org.deniedPermissions] };
    }),
    activeId: active.id,
    keychainAvailable: true,
    keychainMessage: null,
    settingsProblem: null,
  };
}

const links = {
  zeebe: "orders.bru-2.zeebe.camunda.io:443",
  operate: "https://bru-2.operate.camunda.io/c1",
  tasklist: "https://bru-2.tasklist.camunda.io/c1",
  optimize: "https://bru-2.optimize.camunda.io/c1",
  connectors: null,
  console: "https://console.camunda.io/org/clusters/c1",
};

export function cluster(id: string, name: string, state: string, over: Partial<ClusterView> = {}): ClusterView {
  return {
    id, name, state,
    components: [
      { component: "Zeebe", status: state },
      { component: "Operate", status: state },
    ],
    generation: "Camunda 8.7", channel: "Stable", region: "Belgium, Europe (europe-west1)", planType: "Developer",
    created: "2026-01-15T10:00:00.000Z", stageLabel: null, description: null, autoUpdate: null, links, ipAllowlist: [],
    encryption: { kind: "Software", status: null, primaryKeyArn: null, secondaryKeyArn: null }, hardwarePackages: 1, ...over,
  };
}

export const demoClusters: ClusterView[] = [
  cluster("c1", "orders-prod", "Healthy", { stageLabel: "prod" }),
  cluster("c2", "payments-staging", "Healthy"),
  cluster("c3", "analytics-dev", "Creating"),
  cluster("c4", "legacy-batch", "Suspended"),
  cluster("c5", "fraud-detection", "Unhealthy"),
];

/** The demo cluster with that id; throws like the app's 404 when there is none. */
export function findCluster(id: string): ClusterView {
  const c = demoClusters.find((x) => x.id === id);
  if (!c) throw appError("not_found");
  return c;
}

export function clusterList(clusters: ClusterView[] = demoClusters, fetchedAt = "2026-11-27T10:42:00Z"): ClusterList {
  return { organizationId: "sandbox", clusters, fetchedAt };
}

export const params: ClusterParameters = {
  channels: [
    {
      id: "ch-alpha", name: "Alpha", defaultGeneration: { id: "gen-a2", name: "8.8.0-alpha2" },
      allowedGenerations: [{ id: "gen-a1", name: "8.8.0-alpha1" }, { id: "gen-a2", name: "8.8.0-alpha2" }],
    },
    {
      id: "ch-stable", name: "Stable", defaultGeneration: { id: "gen-87", name: "Camunda 8.7" },
      allowedGenerations: [{ id: "gen-86", name: "Camunda 8.6" }, { id: "gen-87", name: "Camunda 8.7" }],
    },
  ],
  planTypes: [{ id: "plan-dev", name: "Developer" }, { id: "plan-prod", name: "Production" }],
  regions: [
    {
      id: "reg-gcp-be", name: "Belgium, Europe (europe-west1)", provider: "gcp",
      backupRegions: [{ id: "europe-west1", label: "Belgium (same region)" }, { id: "europe-west4", label: "Netherlands" }],
    },
    { id: "reg-aws-us", name: "US East (us-east-1)", provider: "aws", backupRegions: [] },
    { id: "reg-gcp-us", name: "Iowa, North America (us-central1)", provider: "gcp", backupRegions: [] },
  ],
};

export const clients: ClientView[] = [
  { name: "worker-1", clientId: "worker-1-id", permissions: ["Zeebe"] },
  { name: "operate-reader", clientId: "operate-reader-id", permissions: ["Operate", "Tasklist"] },
];

/**
 * An error as a command rejects with it. A forbidden one carries the app's message for its
 * permission (`PERMISSION_MISSING`, from Rust), others "<kind> from backend" unless given.
 */
export function appError(kind: ErrorKind, over: Partial<AppError> = {}): AppError {
  const permission = over.permission ?? null;
  const message = kind === "forbidden" && permission ? PERMISSION_MISSING[permission] : `${kind} from backend`;
  return { kind, message, permission: null, retryAfterSecs: null, status: null, ...over };
}

// The one data layer of the UI (TanStack Query): every read is a query of this client, every
// write a mutation. Its defaults keep today's behaviour of the app: the Rust side already retries
// GETs, so nothing is retried blindly here (the one automatic retry, after a 429's
// `retryAfterSecs`, is `useRetryCountdown`); no refetch on window focus or reconnect; commands go
// to the app, not the network, so `navigator.onLine` never pauses them.
import { MutationCache, QueryCache, QueryClient, type QueryKey } from "@tanstack/react-query";
import { isAppError, type AppError } from "../api";

declare module "@tanstack/react-query" {
  interface Register {
    // Every command rejects with an AppError (api/invoke.ts normalizes them; queries and actions
    // pass theirs through `toAppError` too).
    defaultError: AppError;
  }
}

/** Query keys. Everything an organization owns is under its id: switching never shows another's data. */
export const queryKeys = {
  organizations: ["organizations"] as const,
  /** Every organization's clusters (the overview): not under one organization. */
  overview: ["overview"] as const,
  /** Every organization's API clients (its own key: refreshing the clusters does not ask them again). */
  overviewClients: ["overview-clients"] as const,
  clusters: (orgId: string) => ["org", orgId, "clusters"] as const,
  cluster: (orgId: string, clusterId: string) => ["org", orgId, "cluster", clusterId] as const,
  clients: (orgId: string, clusterId: string) => ["org", orgId, "clients", clusterId] as const,
  client: (orgId: string, clusterId: string, clientId: string) => ["org", orgId, "client", clusterId, clientId] as const,
  allClients: (orgId: string) => ["org", orgId, "all-clients"] as const,
  clusterParameters: (orgId: string) => ["org", orgId, "cluster-parameters"] as const,
  ipRanges: (orgId: string) => ["org", orgId, "ip-ranges"] as const,
  backups: (orgId: string, clusterId: string) => ["org", orgId, "backups", clusterId] as const,
  restore: (orgId: string, clusterId: string, backupId: string) => ["org", orgId, "restore", clusterId, backupId] as const,
  upgradeOffer: (orgId: string, clusterId: string, generation: string | null) =>
    ["org", orgId, "upgrade-offer", clusterId, generation] as const,
  connectorSecrets: (orgId: string, clusterId: string) => ["org", orgId, "connector-secrets", clusterId] as const,
  monitoring: (orgId: string, clusterId: string) => ["org", orgId, "monitoring", clusterId] as const,
  secureConnectivity: (orgId: string, clusterId: string) => ["org", orgId, "secure-connectivity", clusterId] as const,
  members: (orgId: string) => ["org", orgId, "members"] as const,
  activity: (orgId: string) => ["org", orgId, "activity"] as const,
};

function isOrganizations(key: QueryKey): boolean {
  return key[0] === queryKeys.organizations[0];
}

export function createQueryClient(): QueryClient {
  // The one place that reacts to a 403: the app recorded the denied permission on the
  // organization, so the organizations are read again and the actions that need it are disabled.
  const onError = (err: unknown, key: QueryKey | undefined) => {
    if (isAppError(err) && err.kind === "forbidden" && !(key && isOrganizations(key))) {
      void client.invalidateQueries({ queryKey: queryKeys.organizations });
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (err, query) => onError(err, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (err) => onError(err, undefined) }),
    defaultOptions: {
      queries: {
        retry: false,
        networkMode: "always",
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // Polling (refetchInterval) goes on while the window is hidden, as it always did.
        refetchIntervalInBackground: true,
        // Each visit of a screen loads afresh (no cached data from an earlier visit is shown).
        gcTime: 0,
      },
      mutations: { retry: false, networkMode: "always" },
    },
  });
  return client;
}

// The reads of the app, one definition each (key and load), used through `useAppQuery`.
import type { QueryClient, QueryFunctionContext, QueryKey } from "@tanstack/react-query";
import { commands, type AllClients, type ClientList, type ClientView, type ClusterList, type ClusterSummary } from "../api";
import { takeInitialClusters, takeInitialLastKnown, takeInitialOrganizations } from "../api/startup";
import { mark } from "./marks";
import { withPending, type Rows } from "./optimistic";
import { queryKeys } from "./queryClient";

export const clusterRows: Rows<ClusterList, ClusterSummary> = {
  get: (l) => l.clusters,
  set: (l, clusters) => ({ ...l, clusters }),
  id: (c) => c.id,
};

export const clientRows: Rows<ClientView[], ClientView> = {
  get: (l) => l,
  set: (_l, rows) => rows,
  id: (c) => c.clientId,
};

export const organizationsQuery = () => ({
  queryKey: queryKeys.organizations,
  queryFn: async () => {
    // The launch's call (started before React rendered), the first time.
    const state = await (takeInitialOrganizations() ?? commands.listOrganizations());
    mark("skep:orgs", { organizations: state.organizations.length });
    return state;
  },
});

/** Lists that came from disk (the last run's), not from Camunda now, and when they were fetched. */
const lastKnownData = new WeakMap<object, string>();

/** When `data` was fetched, if it is a last-known list kept from an earlier fetch (shown until a fresh one lands); else null. */
export function lastKnownAt(data: object | null | undefined): string | null {
  return data ? (lastKnownData.get(data) ?? null) : null;
}

/** Whether `data` is a last-known list kept from an earlier fetch. */
export function isLastKnown(data: object | null | undefined): boolean {
  return lastKnownAt(data) !== null;
}

/**
 * Nothing shown yet under `queryKey`: show the list kept from the last fetch as soon as the disk
 * gives it, while the fresh one loads (and, if that fails, with the banner saying so). A fresh
 * list that landed first wins.
 */
function seedFromLastKnown<K, T extends object>(
  client: QueryClient,
  queryKey: QueryKey,
  load: () => Promise<K | null>,
  pick: (kept: K) => { data: T; fetchedAt: string } | null,
  markName: string,
): void {
  if (client.getQueryData(queryKey) !== undefined) return;
  void load()
    .then((kept) => {
      const seed = kept ? pick(kept) : null;
      if (!seed || client.getQueryData(queryKey) !== undefined) return;
      lastKnownData.set(seed.data, seed.fetchedAt);
      mark(markName, {});
      client.setQueryData(queryKey, seed.data);
    })
    .catch(() => undefined);
}

const keptAsIs = <T extends { fetchedAt: string }>(kept: T) => ({ data: kept, fetchedAt: kept.fetchedAt });

export function clustersQuery(orgId: string) {
  const queryKey = queryKeys.clusters(orgId);
  return {
    queryKey,
    queryFn: async ({ client }: QueryFunctionContext) => {
      mark("skep:clusters-request", {});
      seedFromLastKnown(
        client,
        queryKey,
        () => takeInitialLastKnown() ?? commands.lastKnownClusters(),
        (kept: ClusterList) => (kept.organizationId === orgId ? keptAsIs(kept) : null),
        "skep:clusters-last-known",
      );
      // The launch's call (started before React rendered) if it is this organization's.
      const initial = await takeInitialClusters()?.catch(() => null);
      const list = initial && initial.organizationId === orgId ? initial : await commands.listClusters();
      mark("skep:clusters-data", { clusters: list.clusters.length });
      // A just-created cluster stays visible until the API lists it.
      return withPending(client, queryKey, list, clusterRows);
    },
  };
}

export const clusterQuery = (orgId: string, clusterId: string) => ({
  queryKey: queryKeys.cluster(orgId, clusterId),
  queryFn: () => commands.getCluster(clusterId),
});

export function clientsQuery(orgId: string, clusterId: string) {
  const queryKey = queryKeys.clients(orgId, clusterId);
  return {
    queryKey,
    queryFn: async ({ client }: QueryFunctionContext) => {
      seedFromLastKnown(
        client,
        queryKey,
        () => commands.lastKnownClients(clusterId),
        (kept: ClientList) => (kept.clusterId === clusterId ? { data: kept.clients, fetchedAt: kept.fetchedAt } : null),
        "skep:clients-last-known",
      );
      return withPending(client, queryKey, await commands.listClients(clusterId), clientRows);
    },
  };
}

export const clientQuery = (orgId: string, clusterId: string, clientId: string) => ({
  queryKey: queryKeys.client(orgId, clusterId, clientId),
  queryFn: () => commands.getClient(clusterId, clientId),
});

export function allClientsQuery(orgId: string) {
  const queryKey = queryKeys.allClients(orgId);
  return {
    queryKey,
    queryFn: ({ client }: QueryFunctionContext) => {
      seedFromLastKnown(
        client,
        queryKey,
        () => commands.lastKnownAllClients(),
        (kept: AllClients) => (kept.organizationId === orgId ? keptAsIs(kept) : null),
        "skep:all-clients-last-known",
      );
      return commands.listAllClients();
    },
  };
}

export function overviewQuery() {
  const queryKey = queryKeys.overview;
  return {
    queryKey,
    queryFn: ({ client }: QueryFunctionContext) => {
      seedFromLastKnown(client, queryKey, () => commands.lastKnownOverview(), keptAsIs, "skep:overview-last-known");
      return commands.listAllOrganizationsClusters();
    },
  };
}

export function overviewClientsQuery() {
  const queryKey = queryKeys.overviewClients;
  return {
    queryKey,
    queryFn: ({ client }: QueryFunctionContext) => {
      seedFromLastKnown(client, queryKey, () => commands.lastKnownOverviewClients(), keptAsIs, "skep:overview-clients-last-known");
      return commands.listAllOrganizationsClients();
    },
  };
}

export const clusterParametersQuery = (orgId: string) => ({
  queryKey: queryKeys.clusterParameters(orgId),
  queryFn: () => commands.clusterParameters(),
});

export const ipRangesQuery = (orgId: string) => ({
  queryKey: queryKeys.ipRanges(orgId),
  queryFn: () => commands.ipRanges(),
});

/** The names of a cluster's connector secrets (never their values). */
export const connectorSecretsQuery = (orgId: string, clusterId: string) => ({
  queryKey: queryKeys.connectorSecrets(orgId, clusterId),
  queryFn: () => commands.listConnectorSecrets(clusterId),
});

/** Whether a newer generation of the cluster's channel exists (asked again when its generation changes). */
export const upgradeOfferQuery = (orgId: string, clusterId: string, generation: string | null) => ({
  queryKey: queryKeys.upgradeOffer(orgId, clusterId, generation),
  queryFn: () => commands.upgradeOffer(clusterId),
});

export const backupsQuery = (orgId: string, clusterId: string) => ({
  queryKey: queryKeys.backups(orgId, clusterId),
  queryFn: () => commands.listBackups(clusterId),
});

export const restoreQuery = (orgId: string, clusterId: string, backupId: string) => ({
  queryKey: queryKeys.restore(orgId, clusterId, backupId),
  queryFn: () => commands.getRestore(clusterId, backupId),
});

/** Whether external monitoring is active, its endpoint, and its clients (never a password). */
export const monitoringQuery = (orgId: string, clusterId: string) => ({
  queryKey: queryKeys.monitoring(orgId, clusterId),
  queryFn: () => commands.getMonitoring(clusterId),
});

/** A cluster's AWS PrivateLink: offered or not (and why), active, its endpoint service. */
export const secureConnectivityQuery = (orgId: string, clusterId: string) => ({
  queryKey: queryKeys.secureConnectivity(orgId, clusterId),
  queryFn: () => commands.getSecureConnectivity(clusterId),
});

export const membersQuery = (orgId: string) => ({
  queryKey: queryKeys.members(orgId),
  queryFn: () => commands.listMembers(),
});

export const activityQuery = (orgId: string) => ({
  queryKey: queryKeys.activity(orgId),
  queryFn: () => commands.listActivity(),
});

// The reads of the app, one definition each (key and load), used through `useAppQuery`.
import type { QueryFunctionContext } from "@tanstack/react-query";
import { commands, type ClientView, type ClusterList, type ClusterSummary } from "../api";
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

/** Lists that came from disk (the last run's), not from Camunda now. */
const lastKnownLists = new WeakSet<ClusterList>();

/** Whether `list` is the last-known list kept from an earlier fetch (shown until a fresh one lands). */
export function isLastKnown(list: ClusterList): boolean {
  return lastKnownLists.has(list);
}

export function clustersQuery(orgId: string) {
  const queryKey = queryKeys.clusters(orgId);
  return {
    queryKey,
    queryFn: async ({ client }: QueryFunctionContext) => {
      mark("skep:clusters-request", {});
      // Nothing shown yet: the list kept from the last fetch, as soon as the disk gives it, while
      // the fresh one loads (and, if that fails, with the banner saying so).
      if (client.getQueryData(queryKey) === undefined) {
        void (takeInitialLastKnown() ?? commands.lastKnownClusters())
          .then((kept) => {
            if (!kept || kept.organizationId !== orgId || client.getQueryData(queryKey) !== undefined) return;
            lastKnownLists.add(kept);
            mark("skep:clusters-last-known", { clusters: kept.clusters.length });
            client.setQueryData(queryKey, kept);
          })
          .catch(() => undefined);
      }
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
    queryFn: async ({ client }: QueryFunctionContext) => withPending(client, queryKey, await commands.listClients(clusterId), clientRows),
  };
}

export const clientQuery = (orgId: string, clusterId: string, clientId: string) => ({
  queryKey: queryKeys.client(orgId, clusterId, clientId),
  queryFn: () => commands.getClient(clusterId, clientId),
});

export const allClientsQuery = (orgId: string) => ({
  queryKey: queryKeys.allClients(orgId),
  queryFn: () => commands.listAllClients(),
});

export const overviewQuery = () => ({
  queryKey: queryKeys.overview,
  queryFn: () => commands.listAllOrganizationsClusters(),
});

export const overviewClientsQuery = () => ({
  queryKey: queryKeys.overviewClients,
  queryFn: () => commands.listAllOrganizationsClients(),
});

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

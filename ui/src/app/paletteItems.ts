// What the command palette offers, from what the app already holds: the saved organizations, the
// active organization's cluster list, and whatever client and overview lists are in the query
// cache. Pure (unit-tested): no request is made here.
import type {
  ClientView, ClusterSummary, Organization, OrganizationsState, OrgClient, Overview, OverviewClients,
} from "../api";
import { deniedReason } from "../lib/errors";
import { recentBoost, type PaletteItem } from "../lib/palette";
import { orgLabel } from "../screens/Header/AppHeader";

export type PaletteSources = {
  orgs: OrganizationsState;
  activeOrg: Organization | null;
  /** The active organization's clusters (its list query), if loaded. */
  clusters: readonly ClusterSummary[] | null;
  /** Clients of the active organization: All clients' list and any cluster's own list in the cache. */
  orgClients: readonly OrgClient[];
  clusterClients: readonly { clusterId: string; clients: readonly ClientView[] }[];
  /** All organizations' lists, if the cache holds them (the other organizations' clusters and clients). */
  overview: Overview | null;
  overviewClients: OverviewClients | null;
  /** The screen shown has a refresh (Ctrl+R). */
  canRefresh: boolean;
};

/** The services a cluster's detail links to, as the cluster detail names them (`Open Operate`). */
const SERVICES = [
  { key: "operate", label: "Operate" },
  { key: "tasklist", label: "Tasklist" },
  { key: "optimize", label: "Optimize" },
] as const;

const NAVIGATION: { id: string; label: string; hint: string; view: PaletteItem["target"] & { kind: "navigate" } }[] = [
  { id: "go:clusters", label: "Go to Clusters", hint: "The organization's clusters", view: { kind: "navigate", view: { kind: "clusters" } } },
  { id: "go:all-clients", label: "Go to All clients", hint: "Every API client of the organization", view: { kind: "navigate", view: { kind: "all-clients" } } },
  { id: "go:members", label: "Go to Members", hint: "Invite, change roles, remove", view: { kind: "navigate", view: { kind: "members" } } },
  { id: "go:activity", label: "Go to Activity", hint: "The organization's activity log", view: { kind: "navigate", view: { kind: "activity" } } },
  {
    id: "go:organizations", label: "Go to All organizations", hint: "Every cluster of every organization",
    view: { kind: "navigate", view: { kind: "organizations", tab: "Clusters" } },
  },
  {
    id: "go:organizations-clients", label: "Go to All organizations: API clients", hint: "Every API client of every organization",
    view: { kind: "navigate", view: { kind: "organizations", tab: "API clients" } },
  },
  { id: "go:settings", label: "Organization settings", hint: "Name, credentials, colour, production", view: { kind: "navigate", view: { kind: "settings" } } },
];

const ACTIVE_BOOST = 400;

function clusterHint(c: ClusterSummary): string {
  return [c.state, c.generation, c.stageLabel].filter(Boolean).join(" · ");
}

export function buildPaletteItems(src: PaletteSources): PaletteItem[] {
  const items: PaletteItem[] = [];
  const active = src.activeOrg;
  const push = (item: PaletteItem) => items.push({ ...item, boost: (item.boost ?? 0) + recentBoost(item.id) });

  // Actions: the screens, creating, adding, refreshing.
  if (active) {
    for (const n of NAVIGATION) push({ id: n.id, group: "Actions", label: n.label, hint: n.hint, target: n.view });
  }
  if (src.canRefresh) push({ id: "refresh", group: "Actions", label: "Refresh", hint: "Load this screen again (Ctrl+R)", target: { kind: "refresh" } });
  for (const o of src.orgs.organizations) {
    const isActive = o.id === active?.id;
    push({
      id: `create:${o.id}`,
      group: "Actions",
      label: `Create cluster in ${orgLabel(o)}…`,
      hint: isActive ? "The active organization" : `Switches to ${orgLabel(o)} first`,
      // The other organizations' only once typing (the empty palette stays short).
      onlyWhenTyping: !isActive,
      disabledReason: deniedReason(o.deniedPermissions, "create_clusters"),
      boost: isActive ? ACTIVE_BOOST : 0,
      target: { kind: "create-cluster", orgId: o.id },
    });
  }
  push({ id: "add-organization", group: "Actions", label: "Add organization…", hint: "Connect another Camunda organization", target: { kind: "add-organization" } });

  // Organizations: switch to (the active one first).
  for (const o of src.orgs.organizations) {
    const isActive = o.id === active?.id;
    push({
      id: `org:${o.id}`,
      group: "Organizations",
      label: orgLabel(o),
      hint: [isActive ? "Active" : "Switch to", o.production ? "Production" : null].filter(Boolean).join(" · "),
      boost: isActive ? ACTIVE_BOOST : 0,
      target: isActive ? { kind: "navigate", view: { kind: "clusters" } } : { kind: "switch", orgId: o.id },
    });
  }

  // Clusters of the active organization, and their services' links.
  const clusterNames = new Map<string, string>();
  for (const c of src.clusters ?? []) {
    clusterNames.set(c.id, c.name);
    push({
      id: `cluster:${c.id}`,
      group: "Clusters",
      label: c.name,
      hint: clusterHint(c),
      keywords: [c.id],
      target: { kind: "navigate", view: { kind: "cluster", clusterId: c.id } },
    });
  }
  for (const c of src.clusters ?? []) {
    for (const s of SERVICES) {
      if (!c.components.some((k) => k.component === s.label)) continue;
      push({
        id: `link:${c.id}:${s.key}`,
        group: "Actions",
        label: `Open ${s.label} of ${c.name}`,
        hint: "In the browser",
        onlyWhenTyping: true,
        target: { kind: "open-link", clusterId: c.id, clusterName: c.name, service: s.key },
      });
    }
  }

  // Other organizations' clusters, when All organizations' list is in the cache.
  for (const part of src.overview?.organizations ?? []) {
    if (part.organizationId === active?.id) continue;
    for (const c of part.clusters) {
      push({
        id: `cluster:${part.organizationId}:${c.id}`,
        group: "Clusters",
        label: c.name,
        hint: [part.organizationName, clusterHint(c)].filter(Boolean).join(" · "),
        keywords: [c.id],
        onlyWhenTyping: true,
        target: { kind: "open-in", orgId: part.organizationId, view: { kind: "cluster", clusterId: c.id } },
      });
    }
  }

  // Clients: names and ids (never a secret: the lists hold none).
  const seen = new Set<string>();
  const client = (orgId: string, clusterId: string, clusterName: string, name: string, clientId: string, orgName: string | null) => {
    const key = `${orgId}/${clusterId}/${clientId}`;
    if (seen.has(key)) return;
    seen.add(key);
    const view = { kind: "client", clusterId, clientId } as const;
    push({
      id: `client:${key}`,
      group: "Clients",
      label: name,
      hint: [orgName, clusterName, clientId].filter(Boolean).join(" · "),
      keywords: [clientId],
      onlyWhenTyping: true,
      target: orgName === null ? { kind: "navigate", view } : { kind: "open-in", orgId, view },
    });
  };
  if (active) {
    for (const c of src.orgClients) client(active.id, c.clusterId, c.clusterName, c.name, c.clientId, null);
    for (const list of src.clusterClients) {
      const clusterName = clusterNames.get(list.clusterId) ?? "";
      for (const c of list.clients) client(active.id, list.clusterId, clusterName, c.name, c.clientId, null);
    }
  }
  for (const part of src.overviewClients?.organizations ?? []) {
    const own = part.organizationId === active?.id;
    for (const c of part.clients) {
      client(part.organizationId, c.clusterId, c.clusterName, c.name, c.clientId, own ? null : part.organizationName);
    }
  }
  return items;
}

// The first calls of every launch, started when the bundle is evaluated (main.tsx), before
// React's first render: the organizations and the active organization's clusters load while
// React renders, instead of one after the other behind it (start-up time, measured by `make bench`). Each is handed
// out once; later loads call the commands as usual.
import type { ClusterList, OrganizationsState } from "./bindings";
import { commands } from "./index";

let organizations: Promise<OrganizationsState> | null = null;
let clusters: Promise<ClusterList> | null = null;
let lastKnown: Promise<ClusterList | null> | null = null;

/** Start both calls (once, at launch). A failure surfaces where the promise is taken. */
export function startInitialLoads(): void {
  organizations = commands.listOrganizations();
  clusters = commands.listClusters();
  // The list kept from the last run (a local file: it answers long before the network).
  lastKnown = commands.lastKnownClusters();
  // Not taken (e.g. the welcome screen needs no clusters): not an unhandled rejection.
  organizations.catch(() => undefined);
  clusters.catch(() => undefined);
  lastKnown.catch(() => undefined);
}

/** The launch's organizations call, the first time; then `null`. */
export function takeInitialOrganizations(): Promise<OrganizationsState> | null {
  const p = organizations;
  organizations = null;
  return p;
}

/** The launch's clusters call, the first time; then `null`. */
export function takeInitialClusters(): Promise<ClusterList> | null {
  const p = clusters;
  clusters = null;
  return p;
}

/** The launch's last-known clusters call, the first time; then `null`. */
export function takeInitialLastKnown(): Promise<ClusterList | null> | null {
  const p = lastKnown;
  lastKnown = null;
  return p;
}

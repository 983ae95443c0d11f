import { createContext, useContext } from "react";
import type { Organization, OrganizationsState } from "../api";

/** The cluster detail's tabs, in the Console's order. */
export const CLUSTER_TABS = [
  "Overview",
  "API clients",
  "Connector secrets",
  "IP allowlist",
  "Backups",
  "Monitoring",
  "Settings",
] as const;
export type ClusterTab = (typeof CLUSTER_TABS)[number];

/** The tabs of All organizations. */
export type OverviewTab = "Clusters" | "API clients";

export type View =
  /** `create`: with the Create cluster dialog open (the command palette's "Create cluster in …"). */
  | { kind: "clusters"; create?: boolean }
  | { kind: "cluster"; clusterId: string; tab?: ClusterTab }
  | { kind: "client"; clusterId: string; clientId: string }
  | { kind: "settings" }
  | { kind: "all-clients" }
  | { kind: "members" }
  | { kind: "activity" }
  | { kind: "organizations"; tab?: OverviewTab }
  | { kind: "add-organization" };

export type AppContextValue = {
  orgs: OrganizationsState;
  activeOrg: Organization | null;
  view: View;
  navigate: (view: View) => void;
  /** Re-reads the organizations (e.g. after a 403 recorded a denied permission). */
  reloadOrganizations: () => Promise<void>;
  setOrganizations: (state: OrganizationsState) => void;
  /** Opens the command palette (Ctrl/⌘+K); absent where there is none. */
  openPalette?: () => void;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error("useApp outside AppContext");
  return v;
}

import { Suspense, lazy, useCallback, useMemo, useState } from "react";
import { InlineNotification, Loading, ToastNotification } from "@carbon/react";
import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import type { OrganizationsState } from "../api";
import { AboutDialog } from "./AboutDialog";
import { AppContext, type AppContextValue, type View } from "./AppContext";
import { useMenuActions, type MenuNotice } from "./menu";
import { usePaletteHost } from "./PaletteHost";
import { AppHeader } from "../screens/Header/AppHeader";
import { ClustersScreen } from "../screens/Clusters/ClustersScreen";
import { ErrorNotice } from "../components/ErrorNotice";
import { organizationsQuery } from "../lib/queries";
import { createQueryClient, queryKeys } from "../lib/queryClient";
import { useAppQuery } from "../lib/useAppQuery";

// Screens other than the clusters list load on first use, so start-up parses only what the
// clusters screen needs.
const AddOrganization = lazy(() => import("../screens/AddOrganization/AddOrganization").then((m) => ({ default: m.AddOrganization })));
const ClusterDetail = lazy(() => import("../screens/ClusterDetail/ClusterDetail").then((m) => ({ default: m.ClusterDetail })));
const ClientDetailsScreen = lazy(() =>
  import("../screens/ClientDetails/ClientDetailsScreen").then((m) => ({ default: m.ClientDetailsScreen })),
);
const AllClientsScreen = lazy(() =>
  import("../screens/AllClients/AllClientsScreen").then((m) => ({ default: m.AllClientsScreen })),
);
const MembersScreen = lazy(() => import("../screens/Members/MembersScreen").then((m) => ({ default: m.MembersScreen })));
const OverviewScreen = lazy(() => import("../screens/Overview/OverviewScreen").then((m) => ({ default: m.OverviewScreen })));
const ActivityScreen = lazy(() => import("../screens/Activity/ActivityScreen").then((m) => ({ default: m.ActivityScreen })));
const OrganizationSettings = lazy(() =>
  import("../screens/OrganizationSettings/OrganizationSettings").then((m) => ({ default: m.OrganizationSettings })),
);

export function App() {
  // One query client per App (each test renders its own App, with an empty cache).
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}

function Shell() {
  const queryClient = useQueryClient();
  const organizations = useAppQuery(organizationsQuery());
  const orgs = organizations.data;
  const loadError = organizations.error;
  const [view, setView] = useState<View>({ kind: "clusters" });
  const { palette, openPalette } = usePaletteHost();

  const reloadOrganizations = useCallback(
    () => queryClient.invalidateQueries({ queryKey: queryKeys.organizations }),
    [queryClient],
  );
  const setOrganizations = useCallback(
    (s: OrganizationsState) => queryClient.setQueryData(queryKeys.organizations, s),
    [queryClient],
  );

  const ctx = useMemo<AppContextValue | null>(() => {
    if (!orgs) return null;
    const activeOrg = orgs.organizations.find((o) => o.id === orgs.activeId) ?? null;
    return { orgs, activeOrg, view, navigate: setView, reloadOrganizations, setOrganizations, openPalette };
  }, [orgs, view, reloadOrganizations, setOrganizations, openPalette]);

  // The menu bar (File, View, Help): its items call the flows the screens use.
  const [about, setAbout] = useState(false);
  const [menuNotice, setMenuNotice] = useState<{ notice: MenuNotice; n: number } | null>(null);
  useMenuActions({
    navigate: ctx ? setView : null,
    openAbout: () => setAbout(true),
    notify: (notice) => setMenuNotice((old) => ({ notice, n: (old?.n ?? 0) + 1 })),
  });
  const menuExtras = (
    <>
      {about ? <AboutDialog onClose={() => setAbout(false)} /> : null}
      {menuNotice ? (
        <MenuNoticeToast key={menuNotice.n} notice={menuNotice.notice} onClose={() => setMenuNotice(null)} />
      ) : null}
    </>
  );

  if (!ctx) {
    if (loadError) {
      return (
        <main className="skep-main">
          <AppContext.Provider value={fallbackContext(setView, reloadOrganizations)}>
            <ErrorNotice error={loadError} onRetry={() => void reloadOrganizations()} title="Skep could not load its organizations" />
          </AppContext.Provider>
          {menuExtras}
        </main>
      );
    }
    return (
      <>
        <Loading description="Loading organizations" withOverlay={false} />
        {menuExtras}
      </>
    );
  }

  const adding = ctx.view.kind === "add-organization";
  return (
    <AppContext.Provider value={ctx}>
      {ctx.activeOrg && !adding ? <AppHeader /> : null}
      <main className="skep-main" style={ctx.activeOrg && !adding ? undefined : { paddingTop: "2rem" }}>
        {ctx.orgs.settingsProblem ? (
          // Not dismissible: while it holds, every change is refused (the file is not lost).
          <InlineNotification
            kind="error"
            lowContrast
            hideCloseButton
            title="Changes cannot be saved"
            subtitle={ctx.orgs.settingsProblem}
            className="skep-banner"
          />
        ) : null}
        <Suspense fallback={<Loading description="Loading" withOverlay={false} small />}>
          {/* The app always has an active organization (the Sandbox at first start, with its
              "Add your organization" note); without one in the list, adding one is the way on. */}
          {adding || !ctx.activeOrg ? (
            <AddOrganization onDone={() => setView({ kind: "clusters" })} />
          ) : (
            <Screen view={ctx.view} orgId={ctx.activeOrg.id} />
          )}
        </Suspense>
      </main>
      {menuExtras}
      {palette}
    </AppContext.Provider>
  );
}

function Screen({ view, orgId }: { view: View; orgId: string }) {
  switch (view.kind) {
    case "cluster":
      return <ClusterDetail key={`${orgId}/${view.clusterId}`} clusterId={view.clusterId} initialTab={view.tab} />;
    case "client":
      return <ClientDetailsScreen key={`${orgId}/${view.clusterId}/${view.clientId}`} clusterId={view.clusterId} clientId={view.clientId} />;
    case "settings":
      return <OrganizationSettings key={orgId} />;
    case "all-clients":
      return <AllClientsScreen key={orgId} />;
    case "members":
      return <MembersScreen key={orgId} />;
    case "organizations":
      return <OverviewScreen initialTab={view.tab} />;
    case "activity":
      return <ActivityScreen key={orgId} />;
    default:
      return <ClustersScreen key={orgId} />;
  }
}

/** The outcome of a Help item, in the corner until closed (a success closes itself). */
function MenuNoticeToast({ notice, onClose }: { notice: MenuNotice; onClose: () => void }) {
  return (
    <div className="skep-toast">
      <ToastNotification
        kind={notice.kind}
        lowContrast
        role={notice.kind === "error" ? "alert" : "status"}
        title={notice.title}
        subtitle={notice.error ? notice.error.message : notice.subtitle}
        timeout={notice.kind === "success" ? 6000 : 0}
        onClose={() => {
          onClose();
          return false;
        }}
      />
    </div>
  );
}

function fallbackContext(navigate: (v: View) => void, reload: () => Promise<void>): AppContextValue {
  return {
    orgs: { organizations: [], activeId: "", keychainAvailable: false, keychainMessage: null, settingsProblem: null },
    activeOrg: null,
    view: { kind: "clusters" },
    navigate,
    reloadOrganizations: reload,
    setOrganizations: () => undefined,
  };
}

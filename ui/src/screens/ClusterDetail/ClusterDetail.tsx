import { lazy, Suspense, useCallback, useState } from "react";
import {
  Button,
  Link,
  StructuredListBody,
  StructuredListCell,
  StructuredListHead,
  StructuredListRow,
  StructuredListWrapper,
  Tab,
  TabList,
  TabPanel,
  TabPanels,
  Tabs,
} from "@carbon/react";
import { ArrowLeft, Edit, Launch, Renew } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, toAppError, type AppError, type ClusterView } from "../../api";
import { CLUSTER_TABS, useApp, type ClusterTab } from "../../app/AppContext";
import { CopyValue } from "../../components/CopyValue";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { RefreshBanner } from "../../components/RefreshBanner";
import { StatusText } from "../../components/StatusText";
import { isTransitional } from "../../lib/clusterState";
import { deniedReason } from "../../lib/errors";
import { patchData } from "../../lib/optimistic";
import { clientsQuery, clusterQuery, lastKnownAt } from "../../lib/queries";
import { shortDateTime } from "../../lib/time";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";
import { usePollInterval } from "../../lib/usePollInterval";
import { useShortcuts } from "../../lib/useShortcuts";
import { ClientsSection } from "./ClientsSection";
import { UpgradeSection } from "./UpgradeSection";

const LINKS: { key: "operate" | "tasklist" | "optimize" | "console"; label: string }[] = [
  { key: "operate", label: "Operate" },
  { key: "tasklist", label: "Tasklist" },
  { key: "optimize", label: "Optimize" },
  { key: "console", label: "Console" },
];

// The dialogs, and the tabs beyond the overview, load their code when first opened.
const EditClusterDialog = lazy(() => import("./EditClusterDialog").then((m) => ({ default: m.EditClusterDialog })));
const DeleteClusterDialog = lazy(() =>
  import("../Clusters/DeleteClusterDialog").then((m) => ({ default: m.DeleteClusterDialog })),
);
const IpAllowlistPanel = lazy(() => import("./IpAllowlistPanel").then((m) => ({ default: m.IpAllowlistPanel })));

const ConnectorSecretsPanel = lazy(() =>
  import("./ConnectorSecretsPanel").then((m) => ({ default: m.ConnectorSecretsPanel })),
);

const BackupsPanel = lazy(() => import("./BackupsPanel").then((m) => ({ default: m.BackupsPanel })));
const MonitoringPanel = lazy(() => import("./MonitoringPanel").then((m) => ({ default: m.MonitoringPanel })));
const SettingsPanel = lazy(() => import("./SettingsPanel").then((m) => ({ default: m.SettingsPanel })));

const TABS = CLUSTER_TABS;

const pollWhile = (c: ClusterView) => isTransitional(c.state);

/** One cluster: status per component, links, Zeebe address, and its clients. */
export function ClusterDetail({ clusterId, initialTab }: { clusterId: string; initialTab?: ClusterTab }) {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = app.activeOrg?.deniedPermissions ?? [];
  const queryClient = useQueryClient();
  const polling = usePollInterval(pollWhile);
  const query = clusterQuery(orgId, clusterId);
  const detail = useAppQuery({ ...query, refetchInterval: polling.refetchInterval });
  const cluster = detail.data;
  // The clients load once the cluster is shown (as its section appears).
  const clients = useAppQuery({ ...clientsQuery(orgId, clusterId), enabled: cluster !== null });
  const [deleting, setDeleting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [linkError, setLinkError] = useState<AppError | null>(null);
  const [tab, setTab] = useState(() => Math.max(0, TABS.indexOf(initialTab ?? "Overview")));
  // Ctrl+N: create a client, on its tab.
  const [createRequested, setCreateRequested] = useState(false);
  const createHandled = useCallback(() => setCreateRequested(false), []);

  useShortcuts(
    {
      refresh: () => void detail.refresh(),
      create: () => {
        setTab(TABS.indexOf("API clients"));
        setCreateRequested(true);
      },
    },
    !deleting && !editing,
  );

  const wake = useAction(() => commands.wakeCluster(clusterId), {
    onSuccess: () => {
      polling.restart();
      patchData<ClusterView>(queryClient, query.queryKey, (c) => ({ ...c, state: "Resuming" }));
    },
  });

  // One banner when a refresh failed (the cluster's or its clients'): the data shown stays.
  const stale = detail.backgroundError ? detail : clients.backgroundError ? clients : null;

  const back = (
    <Link
      href="#"
      renderIcon={ArrowLeft}
      onClick={(e: React.MouseEvent) => {
        e.preventDefault();
        app.navigate({ kind: "clusters" });
      }}
    >
      Back to clusters
    </Link>
  );

  if (!cluster) {
    return (
      <section aria-label="Cluster">
        {back}
        {detail.error ? (
          <ErrorNotice
            error={detail.error}
            countdown={detail.retryIn}
            onRetry={() => void detail.refresh()}
            title="Could not load the cluster"
          />
        ) : (
          <LoadingRows label="Loading cluster" rows={3} />
        )}
      </section>
    );
  }

  const links = LINKS.filter((l) => cluster.links[l.key]);
  return (
    <section aria-labelledby="cluster-title">
      {back}
      <div className="skep-row" style={{ justifyContent: "space-between", marginTop: "1rem" }}>
        <h1 id="cluster-title" className="skep-page-title" style={{ margin: 0 }}>
          {cluster.name}
        </h1>
        <div className="skep-row">
          <Button kind="ghost" renderIcon={Renew} onClick={() => void detail.refresh()}>
            Refresh
          </Button>
          {cluster.state === "Suspended" ? (
            <GuardedButton kind="secondary" busy={wake.busy} busyText="Waking…" onClick={() => void wake.run()}>
              Wake
            </GuardedButton>
          ) : null}
          <GuardedButton
            kind="tertiary"
            renderIcon={Edit}
            aria-label="Edit cluster"
            deniedReason={deniedReason(denied, "create_clusters")}
            onClick={() => setEditing(true)}
          >
            Edit
          </GuardedButton>
          <GuardedButton
            kind="danger--tertiary"
            deniedReason={deniedReason(denied, "delete_clusters")}
            onClick={() => setDeleting(true)}
          >
            Delete cluster
          </GuardedButton>
        </div>
      </div>
      {stale?.backgroundError ? (
        <RefreshBanner
          error={stale.backgroundError}
          fetchedAt={(stale === clients ? lastKnownAt(clients.data) : null) ?? new Date(stale.updatedAt).toISOString()}
          retryIn={stale.retryIn}
        />
      ) : null}
      {wake.error ? <ErrorNotice error={wake.error} countdown={wake.countdown} title="Could not wake the cluster" /> : null}
      {linkError ? <ErrorNotice error={linkError} title="Could not open the link" /> : null}
      <p className="skep-row">
        <StatusText state={cluster.state} />
        <span className="skep-muted">
          {[
            cluster.generation,
            cluster.channel,
            cluster.region,
            cluster.planType,
            (cluster.hardwarePackages ?? 1) > 1 ? `${cluster.hardwarePackages} hardware packages` : null,
            cluster.stageLabel,
          ]
            .filter(Boolean)
            .join(" · ")}
          {cluster.created ? ` · created ${shortDateTime(cluster.created)}` : ""}
          {cluster.autoUpdate === true ? " · updates automatically" : ""}
        </span>
      </p>
      {cluster.description ? <p className="skep-cluster-description">{cluster.description}</p> : null}
      <UpgradeSection
        cluster={cluster}
        onUpgraded={(done) => {
          polling.restart();
          patchData<ClusterView>(queryClient, query.queryKey, (c) => ({ ...c, state: "Updating", generation: done.to || c.generation }));
        }}
      />

      <Tabs selectedIndex={tab} onChange={({ selectedIndex }: { selectedIndex: number }) => setTab(selectedIndex)}>
        <TabList aria-label="Cluster sections" contained className="skep-detail-tabs">
          {TABS.map((t) => (
            <Tab key={t}>{t}</Tab>
          ))}
        </TabList>
        <TabPanels>
          <TabPanel>
            <h2 className="skep-section-title">Components</h2>
            {cluster.components.length ? (
              <StructuredListWrapper aria-label="Component status" isCondensed>
                <StructuredListHead>
                  <StructuredListRow head>
                    <StructuredListCell head>Component</StructuredListCell>
                    <StructuredListCell head>Status</StructuredListCell>
                  </StructuredListRow>
                </StructuredListHead>
                <StructuredListBody>
                  {cluster.components.map((c) => (
                    <StructuredListRow key={c.component}>
                      <StructuredListCell>{c.component}</StructuredListCell>
                      <StructuredListCell>
                        <StatusText state={c.status} />
                      </StructuredListCell>
                    </StructuredListRow>
                  ))}
                </StructuredListBody>
              </StructuredListWrapper>
            ) : (
              <p className="skep-muted">No component status reported yet.</p>
            )}

            <h2 className="skep-section-title">Connect</h2>
            {cluster.links.zeebe ? (
              <dl className="skep-kv">
                <CopyValue label="Zeebe address" value={cluster.links.zeebe} />
              </dl>
            ) : (
              <p className="skep-muted">The Zeebe address is shown once the cluster is ready.</p>
            )}
            {links.length ? (
              <div className="skep-row" style={{ marginTop: "1rem" }}>
                {links.map((l) => (
                  <Button
                    key={l.key}
                    kind="tertiary"
                    size="sm"
                    renderIcon={Launch}
                    onClick={async () => {
                      setLinkError(null);
                      try {
                        await commands.openLink(cluster.links[l.key] ?? "");
                      } catch (e) {
                        setLinkError(toAppError(e));
                      }
                    }}
                  >
                    {`Open ${l.label}`}
                  </Button>
                ))}
              </div>
            ) : null}
          </TabPanel>
          <TabPanel>
            {tab === 1 ? <ClientsSection
                cluster={cluster}
                clients={clients}
                createRequested={createRequested}
                onCreateRequestHandled={createHandled}
              /> : null}
          </TabPanel>
          <TabPanel>
            {tab === 2 ? (
              <Suspense fallback={<LoadingRows label="Loading the connector secrets" rows={2} />}>
                <ConnectorSecretsPanel cluster={cluster} />
              </Suspense>
            ) : null}
          </TabPanel>
          <TabPanel>
            {tab === 3 ? (
              <Suspense fallback={<LoadingRows label="Loading the IP allowlist" rows={2} />}>
                <IpAllowlistPanel cluster={cluster} />
              </Suspense>
            ) : null}
          </TabPanel>
          <TabPanel>
            {tab === 4 ? (
              <Suspense fallback={<LoadingRows label="Loading the backups" rows={2} />}>
                <BackupsPanel cluster={cluster} />
              </Suspense>
            ) : null}
          </TabPanel>
          <TabPanel>
            {tab === 5 ? (
              <Suspense fallback={<LoadingRows label="Loading the monitoring" rows={2} />}>
                <MonitoringPanel cluster={cluster} />
              </Suspense>
            ) : null}
          </TabPanel>
          <TabPanel>
            {tab === 6 ? (
              <Suspense fallback={<LoadingRows label="Loading the settings" rows={2} />}>
                <SettingsPanel cluster={cluster} />
              </Suspense>
            ) : null}
          </TabPanel>
        </TabPanels>
      </Tabs>

      <Suspense fallback={null}>
        {editing ? <EditClusterDialog cluster={cluster} onClose={() => setEditing(false)} /> : null}
        {deleting ? (
          <DeleteClusterDialog
            cluster={cluster}
            onClose={() => setDeleting(false)}
            onDeleted={() => app.navigate({ kind: "clusters" })}
          />
        ) : null}
      </Suspense>
    </section>
  );
}

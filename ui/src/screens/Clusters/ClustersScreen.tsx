import { Suspense, lazy, useCallback, useMemo, useRef, useState } from "react";
import {
  Button, Search, TableContainer, TableToolbar, TableToolbarContent,
} from "@carbon/react";
import { Add, Renew } from "@carbon/icons-react";
import { wakeCluster, toAppError, type AppError, type ClusterSummary } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NoticeBanner, type Notice } from "../../components/NoticeBanner";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { anyTransitional } from "../../lib/clusterState";
import { deniedReason, describeError } from "../../lib/errors";
import { usePolling } from "../../lib/usePolling";
import { useShortcuts } from "../../lib/useShortcuts";
import { RefreshBanner } from "./Banner";
import { SandboxIntro } from "./SandboxIntro";
import { ClustersTable, type ClusterActions } from "./ClustersTable";
import { useClusterList } from "./useClusterList";

// The dialogs load on first use (not needed for the first paint).
const CreateClusterDialog = lazy(() => import("./CreateClusterDialog").then((m) => ({ default: m.CreateClusterDialog })));
const DeleteClusterDialog = lazy(() => import("./DeleteClusterDialog").then((m) => ({ default: m.DeleteClusterDialog })));


/** The active organization's clusters. */
export function ClustersScreen() {
  const app = useApp();
  const denied = app.activeOrg?.deniedPermissions ?? [];
  const clusters = useClusterList();
  const [filter, setFilter] = useState("");
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<ClusterSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [waking, setWaking] = useState<ReadonlySet<string>>(new Set());
  const [pollKey, setPollKey] = useState(0);
  const filterRef = useRef<HTMLInputElement>(null);

  const createDenied = deniedReason(denied, "create_clusters");
  const deleteDenied = deniedReason(denied, "delete_clusters");
  // Wake needs no permission of its own in the Console API; a 403 is named when it happens.
  const wakeDenied = null;

  const list = clusters.list;
  const transitional = useMemo(() => (list ? anyTransitional(list.clusters) : false), [list]);
  usePolling(transitional, clusters.refresh, pollKey);

  const { refresh, patch, addPending } = clusters;
  const navigate = app.navigate;
  const reloadOrgs = app.reloadOrganizations;

  const wake = useCallback(async (c: ClusterSummary) => {
    setWaking((s) => new Set(s).add(c.id));
    setNotice(null);
    try {
      await wakeCluster(c.id);
      patch(c.id, { state: "Resuming" });
      setPollKey((k) => k + 1);
    } catch (e) {
      const err: AppError = toAppError(e);
      if (err.kind === "forbidden") void reloadOrgs();
      setNotice({ kind: "error", title: `Could not wake “${c.name}”`, subtitle: describeError(err).title });
    } finally {
      setWaking((s) => {
        const n = new Set(s);
        n.delete(c.id);
        return n;
      });
    }
  }, [patch, reloadOrgs]);

  const actions = useMemo<ClusterActions>(() => ({
    open: (c) => navigate({ kind: "cluster", clusterId: c.id }),
    wake: (c) => void wake(c),
    remove: (c) => setDeleting(c),
    wakeDenied,
    deleteDenied,
    waking,
  }), [navigate, wake, wakeDenied, deleteDenied, waking]);

  useShortcuts({
    refresh: () => void refresh(),
    find: () => filterRef.current?.focus(),
    create: () => {
      if (!createDenied) setCreating(true);
    },
  });

  const onCreated = useCallback((id: string, name: string) => {
    setCreating(false);
    addPending(id, name);
    setNotice({ kind: "success", title: `Creating “${name}”`, subtitle: "Its status follows here; this takes a few minutes." });
    setPollKey((k) => k + 1);
    void refresh();
  }, [addPending, refresh]);

  const onOutcomeUnknown = useCallback((name: string) => {
    setCreating(false);
    setNotice({
      kind: "warning",
      title: `The outcome of creating “${name}” is unknown`,
      subtitle: "Camunda did not answer. The list was refreshed to show what exists — check it before creating again.",
    });
    void refresh();
  }, [refresh]);

  const onDeleted = useCallback((c: ClusterSummary) => {
    setDeleting(null);
    patch(c.id, null);
    setNotice({ kind: "success", title: `Deleted “${c.name}”` });
    void refresh();
  }, [patch, refresh]);

  return (
    <section aria-labelledby="clusters-title">
      <h1 id="clusters-title" className="skep-page-title">Clusters</h1>
      <SandboxIntro />
      {list && clusters.backgroundError ? (
        <RefreshBanner error={clusters.backgroundError} fetchedAt={list.fetchedAt} retryIn={clusters.retryIn} />
      ) : null}
      <NoticeBanner notice={notice} onClose={() => setNotice(null)} />
      <TableContainer>
        <TableToolbar aria-label="Clusters toolbar">
          <TableToolbarContent>
            <Search
              ref={filterRef}
              size="lg"
              labelText="Filter clusters"
              placeholder="Filter clusters (Ctrl+F)"
              closeButtonLabelText="Clear filter"
              value={filter}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilter(e.target.value)}
            />
            <Button
              kind="ghost"
              hasIconOnly
              renderIcon={Renew}
              iconDescription="Refresh"
              tooltipPosition="bottom"
              disabled={clusters.loading}
              onClick={() => void refresh()}
            />
            <Button kind="ghost" onClick={() => navigate({ kind: "all-clients" })}>
              All clients
            </Button>
            <GuardedButton
              kind="primary"
              renderIcon={Add}
              deniedReason={createDenied}
              onClick={() => setCreating(true)}
            >
              Create cluster
            </GuardedButton>
          </TableToolbarContent>
        </TableToolbar>
        {list ? (
          list.clusters.length === 0 ? (
            <EmptyState canCreate={!createDenied} onCreate={() => setCreating(true)} />
          ) : (
            <ClustersTable clusters={list.clusters} filter={filter} actions={actions} />
          )
        ) : clusters.error ? (
          <ErrorNotice
            error={clusters.error}
            countdown={clusters.retryIn}
            onRetry={() => void refresh()}
            title="Could not load the clusters"
          />
        ) : (
          <LoadingRows label="Loading clusters" />
        )}
      </TableContainer>
      <Suspense fallback={null}>
      {creating ? (
        <CreateClusterDialog
          onClose={() => setCreating(false)}
          onCreated={onCreated}
          onOutcomeUnknown={onOutcomeUnknown}
        />
      ) : null}
      {deleting ? (
        <DeleteClusterDialog cluster={deleting} onClose={() => setDeleting(null)} onDeleted={onDeleted} />
      ) : null}
      </Suspense>
    </section>
  );
}

function EmptyState({ canCreate, onCreate }: { canCreate: boolean; onCreate: () => void }) {
  return (
    <div className="skep-card" role="status">
      <h2 className="skep-section-title" style={{ margin: 0 }}>No clusters yet</h2>
      <p>This organization has no clusters. Create one to run processes on Camunda 8.</p>
      {canCreate ? (
        <div>
          <Button kind="tertiary" onClick={onCreate}>Create your first cluster</Button>
        </div>
      ) : null}
    </div>
  );
}

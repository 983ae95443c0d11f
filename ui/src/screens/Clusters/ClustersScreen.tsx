import { Suspense, lazy, useCallback, useMemo, useState } from "react";
import { Button, TableContainer } from "@carbon/react";
import { Add } from "@carbon/icons-react";
import { useMutation } from "@tanstack/react-query";
import { commands, toAppError, type ClusterList, type ClusterSummary } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NoticeBanner, type Notice } from "../../components/NoticeBanner";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { RefreshBanner } from "../../components/RefreshBanner";
import { SearchToolbar } from "../../components/SearchToolbar";
import { anyTransitional } from "../../lib/clusterState";
import { deniedReason, describeError } from "../../lib/errors";
import { useOptimisticRows } from "../../lib/optimistic";
import { clusterRows, clustersQuery } from "../../lib/queries";
import { LastKnownNote } from "../../components/LastKnownNote";
import { useAppQuery } from "../../lib/useAppQuery";
import { usePollInterval } from "../../lib/usePollInterval";
import { useShortcuts } from "../../lib/useShortcuts";
import { SandboxIntro } from "./SandboxIntro";
import { ClustersTable, type ClusterActions } from "./ClustersTable";

// The dialogs load on first use (not needed for the first paint).
const CreateClusterDialog = lazy(() => import("./CreateClusterDialog").then((m) => ({ default: m.CreateClusterDialog })));
const DeleteClusterDialog = lazy(() => import("./DeleteClusterDialog").then((m) => ({ default: m.DeleteClusterDialog })));

const pollWhile = (list: ClusterList) => anyTransitional(list.clusters);

/** A cluster just created, shown as Creating until the API lists it. */
function creatingRow(id: string, name: string): ClusterSummary {
  return {
    id, name, state: "Creating", components: [], generation: null, channel: null, region: null, planType: null,
    created: new Date().toISOString(), stageLabel: null,
  };
}

/** The active organization's clusters. */
export function ClustersScreen() {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = app.activeOrg?.deniedPermissions ?? [];
  const polling = usePollInterval(pollWhile);
  const query = clustersQuery(orgId);
  const clusters = useAppQuery({ ...query, refetchInterval: polling.refetchInterval });
  const rows = useOptimisticRows(query.queryKey, clusterRows);
  const [filter, setFilter] = useState("");
  const [creatingHere, setCreating] = useState(false);
  // Asked for by the view (the command palette's "Create cluster in …"), until the dialog closes.
  const createAsked = app.view.kind === "clusters" && app.view.create === true;
  const [deleting, setDeleting] = useState<ClusterSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [waking, setWaking] = useState<ReadonlySet<string>>(new Set());

  const createDenied = deniedReason(denied, "create_clusters");
  const creating = creatingHere || (createAsked && !createDenied);
  const deleteDenied = deniedReason(denied, "delete_clusters");
  // Wake needs no permission of its own in the Console API; a 403 is named when it happens.
  const wakeDenied = null;

  const list = clusters.data;
  const { refresh } = clusters;
  const { restart } = polling;
  const navigate = app.navigate;
  const closeCreate = useCallback(() => {
    setCreating(false);
    if (createAsked) navigate({ kind: "clusters" });
  }, [createAsked, navigate]);
  const { mutateAsync: wakeMutation } = useMutation({ mutationFn: (id: string) => commands.wakeCluster(id) });

  const wake = useCallback(async (c: ClusterSummary) => {
    setWaking((s) => new Set(s).add(c.id));
    setNotice(null);
    try {
      await wakeMutation(c.id);
      restart();
      rows.patch(c.id, { state: "Resuming" });
    } catch (e) {
      setNotice({ kind: "error", title: `Could not wake “${c.name}”`, subtitle: describeError(toAppError(e)).title });
    } finally {
      setWaking((s) => {
        const n = new Set(s);
        n.delete(c.id);
        return n;
      });
    }
  }, [wakeMutation, restart, rows]);

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
    create: () => {
      if (!createDenied) setCreating(true);
    },
  });

  const onCreated = useCallback((id: string, name: string) => {
    closeCreate();
    setNotice({ kind: "success", title: `Creating “${name}”`, subtitle: "Its status follows here; this takes a few minutes." });
    // Load now; polling starts again at 3 s after that load; the row shows at once meanwhile.
    void refresh();
    restart();
    rows.add(creatingRow(id, name));
  }, [closeCreate, refresh, restart, rows]);

  const onOutcomeUnknown = useCallback((name: string) => {
    closeCreate();
    setNotice({
      kind: "warning",
      title: `The outcome of creating “${name}” is unknown`,
      subtitle: "Camunda did not answer. The list was refreshed to show what exists — check it before creating again.",
    });
    void refresh();
  }, [closeCreate, refresh]);

  const onDeleted = useCallback((c: ClusterSummary) => {
    setDeleting(null);
    rows.patch(c.id, null);
    setNotice({ kind: "success", title: `Deleted “${c.name}”` });
    void refresh();
  }, [rows, refresh]);

  return (
    <section aria-labelledby="clusters-title">
      <h1 id="clusters-title" className="skep-page-title">Clusters</h1>
      <SandboxIntro />
      {list && clusters.backgroundError ? (
        <RefreshBanner error={clusters.backgroundError} fetchedAt={list.fetchedAt} retryIn={clusters.retryIn} />
      ) : (
        <LastKnownNote data={list} fetching={clusters.fetching} />
      )}
      <NoticeBanner notice={notice} onClose={() => setNotice(null)} />
      <TableContainer>
        <SearchToolbar
          label="Clusters toolbar"
          filterLabel="Filter clusters"
          placeholder="Filter clusters (Ctrl+F)"
          filter={filter}
          onFilter={setFilter}
          refreshing={clusters.fetching}
          onRefresh={() => void refresh()}
        >
          <Button kind="ghost" onClick={() => navigate({ kind: "all-clients" })}>
            All clients
          </Button>
          <GuardedButton kind="primary" renderIcon={Add} deniedReason={createDenied} onClick={() => setCreating(true)}>
            Create cluster
          </GuardedButton>
        </SearchToolbar>
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
          onClose={closeCreate}
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

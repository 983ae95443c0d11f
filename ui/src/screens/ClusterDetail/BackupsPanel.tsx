import { useEffect, useState } from "react";
import {
  Button,
  InlineNotification,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@carbon/react";
import { Add, Renew } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type BackupList, type BackupView, type ClusterView, type RestoreView } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { deniedReason } from "../../lib/errors";
import { patchData } from "../../lib/optimistic";
import { backupsQuery, restoreQuery } from "../../lib/queries";
import { queryKeys } from "../../lib/queryClient";
import { hhmm, shortDateTime } from "../../lib/time";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";

/** How often a running backup or restore is looked at again. */
const FOLLOW_MS = 2_000;

const RESTORE_WORDS: Record<string, string> = {
  PENDING: "waiting to start",
  VALIDATING: "checking the backup",
  IN_PROGRESS: "restoring",
  COMPLETED: "completed",
  FAILED: "failed",
  ABORTED: "aborted",
};

/** Now, re-read every `ms` (to enable "Create backup" when the 15 minutes are over). */
function useNow(ms: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * A cluster's backups (Enterprise): status per component, create (one per 15 minutes, said
 * before the request fails), delete, and restore behind typing the cluster's name, with the
 * restore's progress followed.
 */
export function BackupsPanel({ cluster }: { cluster: ClusterView }) {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "backups");
  const queryClient = useQueryClient();
  const query = backupsQuery(orgId, cluster.id);
  const running = (l: BackupList) => l.backups.some((b) => b.status === "In progress");
  const list = useAppQuery({ ...query, refetchInterval: (q) => (q.state.data && running(q.state.data) ? FOLLOW_MS : false) });
  const [deleting, setDeleting] = useState<BackupView | null>(null);
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const [followed, setFollowed] = useState<BackupView | null>(null);
  const now = useNow(15_000);

  const create = useAction(() => commands.createBackup(cluster.id), {
    onSuccess: () => void list.refresh(),
  });

  const next = list.data?.nextBackupAt ?? null;
  const tooSoon = next !== null && new Date(next).getTime() > now;
  const createReason =
    denied ?? (tooSoon && next ? `The Console allows one backup every 15 minutes: the next one can be made at ${hhmm(next)}.` : null);

  return (
    <section aria-labelledby="backups-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h2 id="backups-title" className="skep-section-title">
          Backups
        </h2>
        <div className="skep-row">
          <Button kind="ghost" renderIcon={Renew} onClick={() => void list.refresh()}>
            Refresh backups
          </Button>
          <GuardedButton
            kind="primary"
            renderIcon={Add}
            deniedReason={createReason}
            busy={create.busy}
            busyText="Starting…"
            onClick={() => void create.run()}
          >
            Create backup
          </GuardedButton>
        </div>
      </div>
      <p className="skep-muted">
        A backup holds the data of Zeebe, Operate, Tasklist and Optimize. The Console allows one manual backup every 15
        minutes.
        {tooSoon && next ? ` The next one can be made at ${hhmm(next)}.` : ""}
      </p>
      {create.error ? <ErrorNotice error={create.error} countdown={create.countdown} title="Could not create a backup" /> : null}
      {followed ? <RestoreProgress cluster={cluster} backup={followed} onClose={() => setFollowed(null)} /> : null}

      {list.data === null ? (
        list.error ? (
          <ErrorNotice error={list.error} countdown={list.retryIn} onRetry={() => void list.refresh()} title="Could not load the backups" />
        ) : (
          <LoadingRows label="Loading backups" rows={2} />
        )
      ) : list.data.backups.length === 0 ? (
        <p className="skep-muted">This cluster has no backups yet.</p>
      ) : (
        <Table aria-label="Backups" size="md" useZebraStyles={false}>
          <TableHead>
            <TableRow>
              <TableHeader>Name</TableHeader>
              <TableHeader>Started</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Components</TableHeader>
              <TableHeader>Generation</TableHeader>
              <TableHeader>
                <span className="cds--visually-hidden">Actions</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.data.backups.map((b) => (
              <TableRow key={b.id}>
                <TableCell>{b.name}</TableCell>
                <TableCell>{shortDateTime(b.created)}</TableCell>
                <TableCell>{b.status}</TableCell>
                <TableCell>{b.components.map((c) => `${c.component}: ${c.status}`).join(" · ") || "—"}</TableCell>
                <TableCell>{b.generation ?? "—"}</TableCell>
                <TableCell>
                  <div className="skep-row" style={{ justifyContent: "flex-end" }}>
                    <GuardedButton
                      kind="ghost"
                      size="sm"
                      aria-label={`Restore ${b.name}`}
                      deniedReason={denied ?? (b.status === "Complete" ? null : "Only a complete backup can be restored.")}
                      onClick={() => setRestoring(b)}
                    >
                      Restore…
                    </GuardedButton>
                    <GuardedButton
                      kind="danger--ghost"
                      size="sm"
                      aria-label={`Delete ${b.name}`}
                      deniedReason={denied}
                      onClick={() => setDeleting(b)}
                    >
                      Delete
                    </GuardedButton>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {deleting ? (
        <ConfirmDeleteDialog
          subject={deleting.name}
          heading={`Delete backup “${deleting.name}”?`}
          label={`Delete backup ${deleting.name}`}
          confirmText="Delete backup"
          busyText="Deleting…"
          onConfirm={() => commands.deleteBackup(cluster.id, deleting.id)}
          onDone={() => {
            patchData<BackupList>(queryClient, query.queryKey, (l) => ({ ...l, backups: l.backups.filter((b) => b.id !== deleting.id) }));
            setDeleting(null);
          }}
          onClose={() => setDeleting(null)}
        >
          <p>The cluster can no longer be restored to the state of {shortDateTime(deleting.created)}. This cannot be undone.</p>
        </ConfirmDeleteDialog>
      ) : null}
      {restoring ? (
        <ConfirmDeleteDialog
          subject={cluster.name}
          heading={`Restore “${restoring.name}” onto “${cluster.name}”?`}
          label={`Restore backup ${restoring.name}`}
          confirmText="Restore backup"
          busyText="Starting the restore…"
          confirmName={{ id: "restore-confirm-name", name: cluster.name }}
          onConfirm={() => commands.restoreBackup(cluster.id, restoring.id)}
          onDone={(r: RestoreView) => {
            queryClient.setQueryData(queryKeys.restore(orgId, cluster.id, restoring.id), r);
            void queryClient.invalidateQueries({ queryKey: queryKeys.cluster(orgId, cluster.id) });
            setFollowed(restoring);
            setRestoring(null);
          }}
          onClose={() => setRestoring(null)}
        >
          <p>
            Everything on <strong>{cluster.name}</strong> — process instances, variables, incidents, and the data of Operate,
            Tasklist and Optimize — is replaced by the state of {shortDateTime(restoring.created)}. What happened since then is
            lost. The cluster is suspended during the restore and cannot be used until it is Healthy again.
          </p>
        </ConfirmDeleteDialog>
      ) : null}
    </section>
  );
}

/** The progress of the restore of `backup`, followed until it is finished. */
function RestoreProgress({ cluster, backup, onClose }: { cluster: ClusterView; backup: BackupView; onClose: () => void }) {
  const orgId = useApp().activeOrg?.id ?? "";
  const q = restoreQuery(orgId, cluster.id, backup.id);
  const restore = useAppQuery({ ...q, refetchInterval: (s) => (s.state.data && s.state.data.finished ? false : FOLLOW_MS) });
  const r = restore.data;
  const words = r ? (RESTORE_WORDS[r.state] ?? r.state.toLowerCase()) : "starting";
  const done = r?.finished ?? false;
  const kind = !done ? "info" : r?.state === "COMPLETED" ? "success" : "error";
  return (
    <InlineNotification
      kind={kind}
      lowContrast
      role="status"
      hideCloseButton={!done}
      onClose={() => {
        onClose();
        return true;
      }}
      title={`Restore of ${backup.name}: ${words}`}
      subtitle={done ? (r?.state === "COMPLETED" ? `${cluster.name} holds the data of ${shortDateTime(backup.created)}.` : "") : "The cluster is suspended meanwhile and comes back by itself."}
    />
  );
}

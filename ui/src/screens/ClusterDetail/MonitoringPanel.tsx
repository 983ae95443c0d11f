import { useState } from "react";
import { Button, Modal, Stack, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TextInput } from "@carbon/react";
import { Add, Renew } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type ClusterView, type MonitoringClientView, type MonitoringPassword, type MonitoringView } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";
import { CopyValue } from "../../components/CopyValue";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { deniedReason } from "../../lib/errors";
import { patchData } from "../../lib/optimistic";
import { monitoringQuery } from "../../lib/queries";
import { shortDateTime } from "../../lib/time";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";
import { SecretDialog } from "./SecretDialog";
import { monitoringPasswordShown } from "./shownOnce";

/**
 * A cluster's external monitoring (the Cluster Metrics endpoint): activate and deactivate, the
 * endpoint, and its monitoring clients — create, delete, rotate a password. A new password is
 * shown once, in the copy-once dialog.
 */
export function MonitoringPanel({ cluster }: { cluster: ClusterView }) {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "create_clusters");
  const queryClient = useQueryClient();
  const query = monitoringQuery(orgId, cluster.id);
  const monitoring = useAppQuery(query);
  const [creating, setCreating] = useState(false);
  const [deactivating, setDeactivating] = useState(false);
  const [rotating, setRotating] = useState<MonitoringClientView | null>(null);
  const [deleting, setDeleting] = useState<MonitoringClientView | null>(null);
  const [shown, setShown] = useState<MonitoringPassword | null>(null);

  const activate = useAction(() => commands.activateMonitoring(cluster.id), {
    onSuccess: () => void monitoring.refresh(),
    // "Already active": someone else changed it; show what is true now.
    onError: (e) => {
      if (e.kind === "conflict") void monitoring.refresh();
    },
  });

  const m = monitoring.data;
  return (
    <section aria-labelledby="monitoring-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h2 id="monitoring-title" className="skep-section-title">
          External monitoring
        </h2>
        <Button kind="ghost" renderIcon={Renew} onClick={() => void monitoring.refresh()}>
          Refresh monitoring
        </Button>
      </div>
      <p className="skep-muted">
        The Cluster Metrics endpoint serves this cluster&apos;s metrics in Prometheus format to your own monitoring system.
        Scrapers sign in with a monitoring client&apos;s user name and password, from an address the IP allowlist lets in.
      </p>
      {activate.error ? <ErrorNotice error={activate.error} countdown={activate.countdown} title="Could not activate external monitoring" /> : null}

      {m === null ? (
        monitoring.error ? (
          <ErrorNotice
            error={monitoring.error}
            countdown={monitoring.retryIn}
            onRetry={() => void monitoring.refresh()}
            title="Could not load the monitoring"
          />
        ) : (
          <LoadingRows label="Loading the monitoring" rows={2} />
        )
      ) : !m.active ? (
        <Stack gap={5}>
          <p>External monitoring is not active on this cluster.</p>
          <div>
            <GuardedButton
              kind="primary"
              deniedReason={denied}
              busy={activate.busy}
              busyText="Activating…"
              onClick={() => void activate.run()}
            >
              Activate external monitoring
            </GuardedButton>
          </div>
        </Stack>
      ) : (
        <Stack gap={6}>
          <div className="skep-row" style={{ justifyContent: "space-between", alignItems: "flex-start" }}>
            <dl className="skep-kv">
              <dt>Status</dt>
              <dd>Active</dd>
              <dd />
              {m.metricsUrl ? <CopyValue label="Metrics endpoint" value={m.metricsUrl} /> : null}
            </dl>
            <GuardedButton kind="danger--tertiary" deniedReason={denied} onClick={() => setDeactivating(true)}>
              Deactivate…
            </GuardedButton>
          </div>
          <MonitoringClients
            monitoring={m}
            denied={denied}
            onCreate={() => setCreating(true)}
            onRotate={setRotating}
            onDelete={setDeleting}
          />
        </Stack>
      )}

      {creating ? (
        <CreateMonitoringClientDialog
          cluster={cluster}
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            setShown(p);
            void monitoring.refresh();
          }}
        />
      ) : null}
      {shown ? (
        <SecretDialog
          shown={monitoringPasswordShown(shown)}
          onClosed={() => {
            setShown(null);
            void monitoring.refresh();
          }}
        />
      ) : null}
      {rotating ? (
        <ConfirmDeleteDialog
          subject={rotating.username}
          heading={`Rotate the password of “${rotating.username}”?`}
          label={`Rotate password of ${rotating.username}`}
          confirmText="Rotate password"
          busyText="Rotating…"
          onConfirm={() => commands.rotateMonitoringPassword(cluster.id, rotating.id)}
          onDone={(p: MonitoringPassword) => {
            setRotating(null);
            setShown(p);
          }}
          onClose={() => setRotating(null)}
        >
          <p>
            The current password stops working at once: whatever scrapes the metrics as <strong>{rotating.username}</strong>{" "}
            fails until it is given the new one, which is shown once, next.
          </p>
        </ConfirmDeleteDialog>
      ) : null}
      {deleting ? (
        <ConfirmDeleteDialog
          subject={deleting.username}
          heading={`Delete monitoring client “${deleting.username}”?`}
          label={`Delete monitoring client ${deleting.username}`}
          confirmText="Delete monitoring client"
          busyText="Deleting…"
          onConfirm={() => commands.deleteMonitoringClient(cluster.id, deleting.id)}
          onDone={() => {
            patchData<MonitoringView>(queryClient, query.queryKey, (v) => ({
              ...v,
              clients: v.clients.filter((c) => c.id !== deleting.id),
            }));
            setDeleting(null);
          }}
          onClose={() => setDeleting(null)}
        >
          <p>Scrapers signing in as {deleting.username} stop getting this cluster&apos;s metrics. This cannot be undone.</p>
        </ConfirmDeleteDialog>
      ) : null}
      {deactivating ? (
        <ConfirmDeleteDialog
          subject={cluster.name}
          heading={`Deactivate external monitoring of “${cluster.name}”?`}
          label="Deactivate external monitoring"
          confirmText="Deactivate"
          busyText="Deactivating…"
          onConfirm={() => commands.deactivateMonitoring(cluster.id)}
          onDone={() => {
            setDeactivating(false);
            void monitoring.refresh();
          }}
          onClose={() => setDeactivating(false)}
        >
          <p>
            The metrics endpoint stops answering and the monitoring clients are removed with their passwords. Activating again
            later needs new clients.
          </p>
        </ConfirmDeleteDialog>
      ) : null}
    </section>
  );
}

function MonitoringClients({
  monitoring,
  denied,
  onCreate,
  onRotate,
  onDelete,
}: {
  monitoring: MonitoringView;
  denied: string | null;
  onCreate: () => void;
  onRotate: (c: MonitoringClientView) => void;
  onDelete: (c: MonitoringClientView) => void;
}) {
  return (
    <section aria-labelledby="monitoring-clients-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h3 id="monitoring-clients-title" className="skep-section-title">
          Monitoring clients
        </h3>
        <GuardedButton kind="primary" renderIcon={Add} deniedReason={denied} onClick={onCreate}>
          Create monitoring client
        </GuardedButton>
      </div>
      {monitoring.clients.length === 0 ? (
        <p className="skep-muted">No monitoring client yet: create one for each system that scrapes the metrics.</p>
      ) : (
        <Table aria-label="Monitoring clients" size="md" useZebraStyles={false}>
          <TableHead>
            <TableRow>
              <TableHeader>User name</TableHeader>
              <TableHeader>Created</TableHeader>
              <TableHeader>Last used</TableHeader>
              <TableHeader>Created by</TableHeader>
              <TableHeader>
                <span className="cds--visually-hidden">Actions</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {monitoring.clients.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.username}</TableCell>
                <TableCell>{shortDateTime(c.created)}</TableCell>
                <TableCell>{c.lastUsed ? shortDateTime(c.lastUsed) : "Never"}</TableCell>
                <TableCell>{c.createdBy ?? "—"}</TableCell>
                <TableCell>
                  <div className="skep-row" style={{ justifyContent: "flex-end" }}>
                    <GuardedButton
                      kind="ghost"
                      size="sm"
                      aria-label={`Rotate password of ${c.username}`}
                      deniedReason={denied}
                      onClick={() => onRotate(c)}
                    >
                      Rotate password…
                    </GuardedButton>
                    <GuardedButton
                      kind="danger--ghost"
                      size="sm"
                      aria-label={`Delete ${c.username}`}
                      deniedReason={denied}
                      onClick={() => onDelete(c)}
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
    </section>
  );
}

/** A new monitoring client: its user name (the rules are the app's; the first error is shown here). */
function CreateMonitoringClientDialog({
  cluster,
  onClose,
  onCreated,
}: {
  cluster: ClusterView;
  onClose: () => void;
  onCreated: (p: MonitoringPassword) => void;
}) {
  const [username, setUsername] = useState("");
  const trimmed = username.trim();
  const submit = useAction(() => commands.createMonitoringClient(cluster.id, trimmed), { onSuccess: onCreated });
  const blocked = trimmed === "" || submit.busy || submit.countdown !== null;
  return (
    <Modal
      open
      modalHeading={`Create monitoring client for “${cluster.name}”`}
      aria-label="Create monitoring client"
      primaryButtonText="Create monitoring client"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={submit.busy ? "active" : "inactive"}
      loadingDescription="Creating…"
      onRequestClose={() => {
        if (!submit.busy) onClose();
      }}
      onRequestSubmit={() => {
        if (!blocked) void submit.run();
      }}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="sm"
    >
      <Stack gap={6}>
        {submit.error ? <ErrorNotice error={submit.error} countdown={submit.countdown} /> : null}
        <TextInput
          id="create-monitoring-username"
          labelText="User name"
          helperText="What the scraper signs in with; its password is shown once, next."
          value={username}
          autoComplete="off"
          data-modal-primary-focus
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUsername(e.target.value)}
        />
      </Stack>
    </Modal>
  );
}

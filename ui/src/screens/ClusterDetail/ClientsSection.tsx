import { lazy, memo, Suspense, useEffect, useState } from "react";
import {
  Link, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow,
  TableToolbar, TableToolbarContent,
} from "@carbon/react";
import { Add, TrashCan } from "@carbon/icons-react";
import type { ClientView, ClusterView, CreatedClient } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { NoticeBanner, type Notice } from "../../components/NoticeBanner";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { LastKnownNote } from "../../components/LastKnownNote";
import { deniedReason } from "../../lib/errors";
import { useOptimisticRows } from "../../lib/optimistic";
import { clientRows, clientsQuery } from "../../lib/queries";
import type { AppQuery } from "../../lib/useAppQuery";
import { useShortcuts } from "../../lib/useShortcuts";
import { useVirtualRows } from "../../lib/useVirtualRows";
import { SpacerRow } from "../../components/SpacerRow";
import { clientSecretShown } from "./shownOnce";

// The dialogs load when first opened (the tab itself stays light). The copy-once dialog's code is
// fetched as soon as Create client opens, so it is ready before the secret arrives.
const loadSecretDialog = () => import("./SecretDialog");
const SecretDialog = lazy(() => loadSecretDialog().then((m) => ({ default: m.SecretDialog })));
const CreateClientDialog = lazy(() => import("./CreateClientDialog").then((m) => ({ default: m.CreateClientDialog })));
const DeleteClientDialog = lazy(() => import("./DeleteClientDialog").then((m) => ({ default: m.DeleteClientDialog })));


/** The clients of one cluster (`clients`, its query): table, create (with the copy-once secret dialog), delete. */
export function ClientsSection({
  cluster,
  clients: query,
  createRequested = false,
  onCreateRequestHandled,
}: {
  cluster: ClusterView;
  clients: AppQuery<ClientView[]>;
  /** Open Create client now (Ctrl+N on the cluster detail); then `onCreateRequestHandled`. */
  createRequested?: boolean;
  onCreateRequestHandled?: () => void;
}) {
  const app = useApp();
  const denied = app.activeOrg?.deniedPermissions ?? [];
  const rows = useOptimisticRows(clientsQuery(app.activeOrg?.id ?? "", cluster.id).queryKey, clientRows);
  const clients = query.data;
  const error = query.error;
  const load = query.refresh;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedClient | null>(null);
  const [deleting, setDeleting] = useState<ClientView | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const createDenied = deniedReason(denied, "create_clients");
  const deleteDenied = deniedReason(denied, "delete_clients");
  const dialogOpen = creating || created !== null || deleting !== null;

  useShortcuts({ refresh: () => void load() }, !dialogOpen);
  useEffect(() => {
    if (creating) void loadSecretDialog();
  }, [creating]);
  useEffect(() => {
    if (!createRequested) return;
    onCreateRequestHandled?.();
    if (!createDenied && !dialogOpen) setCreating(true);
  }, [createRequested, onCreateRequestHandled, createDenied, dialogOpen]);

  return (
    <section aria-labelledby="clients-title">
      <h2 id="clients-title" className="skep-section-title">Clients</h2>
      {query.backgroundError ? null : <LastKnownNote data={clients} fetching={query.fetching} />}
      <NoticeBanner notice={notice} onClose={() => setNotice(null)} />
      <TableContainer>
        <TableToolbar aria-label="Clients toolbar">
          <TableToolbarContent>
            <GuardedButton
              kind="primary"
              renderIcon={Add}
              deniedReason={createDenied}
              onClick={() => setCreating(true)}
            >
              Create client
            </GuardedButton>
          </TableToolbarContent>
        </TableToolbar>
        {clients ? (
          clients.length === 0 ? (
            <p className="skep-card" role="status">
              This cluster has no clients yet. Create one to connect an application (a job worker, Operate reader, …).
            </p>
          ) : (
            <ClientsTable
              clients={clients}
              deleteDenied={deleteDenied}
              onOpen={(c) => app.navigate({ kind: "client", clusterId: cluster.id, clientId: c.clientId })}
              onDelete={setDeleting}
            />
          )
        ) : error ? (
          <ErrorNotice error={error} countdown={query.retryIn} onRetry={() => void load()} title="Could not load the clients" />
        ) : (
          <LoadingRows label="Loading clients" rows={2} />
        )}
      </TableContainer>
      <Suspense fallback={null}>
        {creating ? (
          <CreateClientDialog
            cluster={cluster}
            onClose={() => setCreating(false)}
            onCreated={(c) => {
              setCreating(false);
              setCreated(c);
              // Shown at once, until the API lists it.
              rows.add({ name: c.name, clientId: c.clientId, permissions: c.permissions });
            }}
            onOutcomeUnknown={(name) => {
              setCreating(false);
              setNotice({
                kind: "warning",
                title: `The outcome of creating “${name}” is unknown`,
                subtitle:
                  "Camunda did not answer. The list was refreshed to show what exists. If the client is there, its secret was not shown: create a new client and delete that one.",
              });
              void load();
            }}
          />
        ) : null}
        {created ? (
          <SecretDialog
            shown={clientSecretShown(created)}
            onClosed={() => {
              setCreated(null);
              void load();
            }}
          />
        ) : null}
        {deleting ? (
          <DeleteClientDialog
            clusterId={cluster.id}
            client={deleting}
            onClose={() => setDeleting(null)}
            onDeleted={(c) => {
              setDeleting(null);
              rows.patch(c.clientId, null);
              setNotice({ kind: "success", title: `Deleted client “${c.name}”` });
              void load();
            }}
          />
        ) : null}
      </Suspense>
    </section>
  );
}

/** Height of one clients row (Carbon's `md` row, fixed by `.skep-vtable`). */
const CLIENT_ROW_HEIGHT = 48;

/** The clients table, rendering only the visible window of rows (a cluster may have many). */
const ClientsTable = memo(function ClientsTable({
  clients,
  deleteDenied,
  onOpen,
  onDelete,
}: {
  clients: readonly ClientView[];
  deleteDenied: string | null;
  onOpen: (c: ClientView) => void;
  onDelete: (c: ClientView) => void;
}) {
  const win = useVirtualRows<HTMLDivElement>(clients.length, CLIENT_ROW_HEIGHT);
  return (
    <div ref={win.ref} className="skep-vscroll" data-testid="clients-scroll">
      <Table aria-label="Clients" aria-rowcount={clients.length + 1} size="md" className="skep-vtable">
        <TableHead>
          <TableRow aria-rowindex={1}>
            <TableHeader>Name</TableHeader>
            <TableHeader>Client ID</TableHeader>
            <TableHeader>Permissions</TableHeader>
            <TableHeader>
              <span className="cds--visually-hidden">Actions</span>
            </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={win.padTop} columns={4} />
          {clients.slice(win.start, win.end).map((c, i) => (
            <TableRow key={c.clientId} aria-rowindex={win.start + i + 2}>
              <TableCell>
                <Link
                  href="#"
                  onClick={(e: React.MouseEvent) => {
                    e.preventDefault();
                    onOpen(c);
                  }}
                >
                  {c.name}
                </Link>
              </TableCell>
              <TableCell>
                <code>{c.clientId}</code>
              </TableCell>
              <TableCell>{c.permissions.length ? c.permissions.join(", ") : "All"}</TableCell>
              <TableCell>
                <GuardedButton
                  kind="ghost"
                  size="sm"
                  renderIcon={TrashCan}
                  deniedReason={deleteDenied}
                  onClick={() => onDelete(c)}
                  aria-label={`Delete client ${c.name}`}
                >
                  Delete
                </GuardedButton>
              </TableCell>
            </TableRow>
          ))}
          <SpacerRow height={win.padBottom} columns={4} />
        </TableBody>
      </Table>
    </div>
  );
});

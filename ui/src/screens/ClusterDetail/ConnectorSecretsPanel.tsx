import { useEffect, useRef, useState } from "react";
import {
  Button,
  Modal,
  PasswordInput,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TextInput,
} from "@carbon/react";
import { Add, Renew } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type AppError, type ClusterView } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { deniedReason } from "../../lib/errors";
import { patchData } from "../../lib/optimistic";
import { connectorSecretsQuery } from "../../lib/queries";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";

/** How long a revealed value stays on screen before it is masked (and dropped) again. */
export const REVEAL_FOR_MS = 30_000;

const MASK = "••••••••••••";

type Editing = { kind: "create" } | { kind: "update"; name: string };

/**
 * A cluster's connector secrets: names in a table, values masked. A value is read from the API
 * only when the user asks to see it, one at a time, and dropped when it is hidden again (by the
 * user, another reveal, leaving the tab, or after REVEAL_FOR_MS).
 */
export function ConnectorSecretsPanel({ cluster }: { cluster: ClusterView }) {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "connector_secrets");
  const queryClient = useQueryClient();
  const query = connectorSecretsQuery(orgId, cluster.id);
  const list = useAppQuery(query);
  const [revealed, setRevealed] = useState<{ name: string; value: string } | null>(null);
  const [revealError, setRevealError] = useState<AppError | null>(null);
  const [revealing, setRevealing] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [note, setNote] = useState("");

  const reveal = useAction((name: string) => commands.revealConnectorSecret(cluster.id, name), {
    onSuccess: (value, name) => {
      setRevealError(null);
      setRevealed({ name, value });
    },
    onError: (e) => setRevealError(e),
  });
  const hide = () => setRevealed(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    if (revealed) timer.current = setTimeout(hide, REVEAL_FOR_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [revealed]);

  const names = list.data;
  const removeName = (name: string) =>
    patchData<string[]>(queryClient, query.queryKey, (ns) => ns.filter((n) => n !== name));
  const addName = (name: string) =>
    patchData<string[]>(queryClient, query.queryKey, (ns) => (ns.includes(name) ? ns : [...ns, name].sort()));

  return (
    <section aria-labelledby="connector-secrets-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h2 id="connector-secrets-title" className="skep-section-title">
          Connector secrets
        </h2>
        <div className="skep-row">
          <Button kind="ghost" renderIcon={Renew} onClick={() => void list.refresh()}>
            Refresh secrets
          </Button>
          <GuardedButton
            kind="primary"
            renderIcon={Add}
            deniedReason={denied}
            onClick={() => {
              setNote("");
              setEditing({ kind: "create" });
            }}
          >
            Create secret
          </GuardedButton>
        </div>
      </div>
      <p className="skep-muted">
        Connectors on this cluster read these as <code>{"{{secrets.NAME}}"}</code>. Values stay hidden until you show one.
      </p>
      {revealError ? <ErrorNotice error={revealError} title="Could not show the value" /> : null}
      <span role="status" className="skep-muted">
        {note}
      </span>
      {names === null ? (
        list.error ? (
          <ErrorNotice
            error={list.error}
            countdown={list.retryIn}
            onRetry={() => void list.refresh()}
            title="Could not load the connector secrets"
          />
        ) : (
          <LoadingRows label="Loading connector secrets" rows={2} />
        )
      ) : names.length === 0 ? (
        <p className="skep-muted">This cluster has no connector secrets yet.</p>
      ) : (
        <Table aria-label="Connector secrets" size="md" useZebraStyles={false}>
          <TableHead>
            <TableRow>
              <TableHeader>Name</TableHeader>
              <TableHeader>Value</TableHeader>
              <TableHeader>
                <span className="cds--visually-hidden">Actions</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {names.map((name) => {
              const shown = revealed?.name === name ? revealed.value : null;
              return (
                <TableRow key={name}>
                  <TableCell>
                    <code>{name}</code>
                  </TableCell>
                  <TableCell>
                    {shown !== null ? (
                      <code className="skep-secret-value" aria-label={`Value of ${name}`}>
                        {shown}
                      </code>
                    ) : (
                      <span aria-label={`Value of ${name} hidden`}>{MASK}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    <div className="skep-row" style={{ justifyContent: "flex-end" }}>
                      {shown !== null ? (
                        <Button kind="ghost" size="sm" aria-label={`Hide value of ${name}`} onClick={hide}>
                          Hide
                        </Button>
                      ) : (
                        <GuardedButton
                          kind="ghost"
                          size="sm"
                          aria-label={`Show value of ${name}`}
                          deniedReason={denied}
                          busy={reveal.busy && revealing === name}
                          busyText="Loading…"
                          onClick={() => {
                            hide();
                            setRevealing(name);
                            void reveal.run(name);
                          }}
                        >
                          Show
                        </GuardedButton>
                      )}
                      <GuardedButton
                        kind="ghost"
                        size="sm"
                        aria-label={`Change value of ${name}`}
                        deniedReason={denied}
                        onClick={() => {
                          setNote("");
                          setEditing({ kind: "update", name });
                        }}
                      >
                        Change value
                      </GuardedButton>
                      <GuardedButton
                        kind="danger--ghost"
                        size="sm"
                        aria-label={`Delete ${name}`}
                        deniedReason={denied}
                        onClick={() => setDeleting(name)}
                      >
                        Delete
                      </GuardedButton>
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      {editing ? (
        <SecretValueDialog
          clusterId={cluster.id}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            if (revealed?.name === name) hide();
            if (editing.kind === "create") addName(name);
            setNote(editing.kind === "create" ? `Secret ${name} created.` : `The value of ${name} was changed.`);
            setEditing(null);
          }}
        />
      ) : null}
      {deleting !== null ? (
        <ConfirmDeleteDialog
          subject={deleting}
          heading={`Delete connector secret “${deleting}”?`}
          label={`Delete connector secret ${deleting}`}
          confirmText="Delete secret"
          busyText="Deleting…"
          onConfirm={() => commands.deleteConnectorSecret(cluster.id, deleting)}
          onDone={() => {
            if (revealed?.name === deleting) hide();
            removeName(deleting);
            setNote(`Secret ${deleting} deleted. Camunda may take a moment to stop using it.`);
            setDeleting(null);
          }}
          onClose={() => setDeleting(null)}
        >
          <p>
            Connectors that read <code>{`{{secrets.${deleting}}}`}</code> on this cluster fail until it is created again. This
            cannot be undone.
          </p>
        </ConfirmDeleteDialog>
      ) : null}
    </section>
  );
}

/** Create a connector secret (name and value) or change one's value. The value lives only here. */
function SecretValueDialog({
  clusterId,
  editing,
  onClose,
  onSaved,
}: {
  clusterId: string;
  editing: Editing;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const creating = editing.kind === "create";
  const [name, setName] = useState(creating ? "" : editing.name);
  const [value, setValue] = useState("");
  const save = useAction(
    (n: string, v: string) =>
      creating ? commands.createConnectorSecret(clusterId, n, v) : commands.updateConnectorSecret(clusterId, n, v),
    { onSuccess: (_r, n) => onSaved(n.trim()) },
  );
  const ready = name.trim() !== "" && value !== "";
  const blocked = !ready || save.busy || save.countdown !== null;
  const label = creating ? "Create connector secret" : `Change value of ${editing.name}`;
  return (
    <Modal
      open
      modalHeading={creating ? "Create connector secret" : `Change the value of “${editing.name}”`}
      aria-label={label}
      primaryButtonText={creating ? "Create secret" : "Save value"}
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={save.busy ? "active" : "inactive"}
      loadingDescription="Saving…"
      onRequestClose={() => {
        if (!save.busy) onClose();
      }}
      onRequestSubmit={() => {
        if (!blocked) void save.run(name, value);
      }}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="sm"
    >
      <Stack gap={5}>
        {creating ? (
          <TextInput
            id="connector-secret-name"
            labelText="Name"
            helperText="Fewer than 50 characters, no spaces; unique on this cluster."
            value={name}
            data-modal-primary-focus
            onChange={(e) => setName(e.target.value)}
          />
        ) : null}
        <PasswordInput
          id="connector-secret-value"
          labelText="Value"
          value={value}
          autoComplete="off"
          hidePasswordLabel="Hide value"
          showPasswordLabel="Show value"
          data-modal-primary-focus={creating ? undefined : true}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setValue(e.target.value)}
        />
        {save.error ? <ErrorNotice error={save.error} countdown={save.countdown} title="Could not save the secret" /> : null}
      </Stack>
    </Modal>
  );
}

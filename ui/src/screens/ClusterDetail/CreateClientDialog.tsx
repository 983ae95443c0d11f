import { useState } from "react";
import { Checkbox, FormGroup, Modal, Stack, TextInput } from "@carbon/react";
import { commands, type ClusterView, type CreatedClient } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/useAction";

export const CLIENT_PERMISSIONS = ["Zeebe", "Operate", "Tasklist", "Optimize", "Secrets"] as const;

export function clientNameError(raw: string): string | null {
  const name = raw.trim();
  if (!name) return "Enter a name for the client.";
  if (name.length > 50) return `Use at most 50 characters (now ${name.length}).`;
  return null;
}

/** Create a client: name + permissions (Zeebe preselected; none checked means all). */
export function CreateClientDialog({
  cluster,
  onClose,
  onCreated,
  onOutcomeUnknown,
}: {
  cluster: ClusterView;
  onClose: () => void;
  onCreated: (c: CreatedClient) => void;
  onOutcomeUnknown: (name: string) => void;
}) {
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [perms, setPerms] = useState<ReadonlySet<string>>(new Set(["Zeebe"]));
  const nameError = clientNameError(name);
  const trimmed = name.trim();

  const submit = useAction(
    () => commands.createClient(cluster.id, { name: trimmed, permissions: CLIENT_PERMISSIONS.filter((p) => perms.has(p)) }),
    {
      onSuccess: (c) => onCreated(c),
      onError: (err) => {
        if (err.kind === "outcome_unknown") onOutcomeUnknown(trimmed);
      },
    },
  );

  const blocked = nameError !== null || submit.busy || submit.countdown !== null;
  return (
    <Modal
      open
      modalHeading={`Create client for “${cluster.name}”`}
      aria-label="Create client"
      primaryButtonText="Create client"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={submit.busy ? "active" : "inactive"}
      loadingDescription="Creating…"
      onRequestClose={() => {
        if (!submit.busy) onClose();
      }}
      onRequestSubmit={() => {
        setTouched(true);
        if (!blocked) void submit.run();
      }}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="sm"
    >
      <Stack gap={6}>
        {submit.error ? <ErrorNotice error={submit.error} countdown={submit.countdown} /> : null}
        <TextInput
          id="create-client-name"
          labelText="Client name"
          value={name}
          data-modal-primary-focus
          invalid={touched && nameError !== null}
          invalidText={nameError ?? undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            setName(e.target.value);
            setTouched(true);
          }}
        />
        <FormGroup legendText="Permissions">
          {CLIENT_PERMISSIONS.map((p) => (
            <Checkbox
              key={p}
              id={`create-client-perm-${p}`}
              labelText={p}
              checked={perms.has(p)}
              onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) =>
                setPerms((s) => {
                  const n = new Set(s);
                  if (checked) n.add(p);
                  else n.delete(p);
                  return n;
                })
              }
            />
          ))}
          <p className="skep-muted" role="status" style={{ marginTop: "0.5rem" }}>
            {perms.size === 0
              ? "No permission checked: the client gets all permissions (Zeebe, Operate, Tasklist, Optimize, Secrets)."
              : "Uncheck all to give the client all permissions."}
          </p>
        </FormGroup>
      </Stack>
    </Modal>
  );
}

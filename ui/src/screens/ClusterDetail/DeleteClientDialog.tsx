import { commands, type ClientView } from "../../api";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";

/** Confirm deleting one client of a cluster. */
export function DeleteClientDialog({
  clusterId,
  client,
  onClose,
  onDeleted,
}: {
  clusterId: string;
  client: ClientView;
  onClose: () => void;
  onDeleted: (c: ClientView) => void;
}) {
  return (
    <ConfirmDeleteDialog
      subject={client.name}
      heading={`Delete client “${client.name}”?`}
      label={`Delete client ${client.name}`}
      confirmText="Delete client"
      busyText="Deleting…"
      onConfirm={() => commands.deleteClient(clusterId, client.clientId)}
      onDone={() => onDeleted(client)}
      onClose={onClose}
    >
      <p>
        Applications using the client <strong>{client.name}</strong> (<code>{client.clientId}</code>) can no longer
        connect. This cannot be undone.
      </p>
    </ConfirmDeleteDialog>
  );
}

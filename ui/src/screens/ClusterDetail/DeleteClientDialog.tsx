import { Modal } from "@carbon/react";
import { deleteClient, type ClientView } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/useAction";

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
  const app = useApp();
  const action = useAction(() => deleteClient(clusterId, client.clientId), {
    onSuccess: () => onDeleted(client),
    onError: (err) => {
      if (err.kind === "forbidden") void app.reloadOrganizations();
    },
  });
  return (
    <Modal
      open
      danger
      modalHeading={`Delete client “${client.name}”?`}
      aria-label={`Delete client ${client.name}`}
      primaryButtonText="Delete client"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={action.busy || action.countdown !== null}
      loadingStatus={action.busy ? "active" : "inactive"}
      loadingDescription="Deleting…"
      onRequestClose={() => {
        if (!action.busy) onClose();
      }}
      onRequestSubmit={() => void action.run()}
      preventCloseOnClickOutside
      size="sm"
    >
      <p>
        Applications using the client <strong>{client.name}</strong> (<code>{client.clientId}</code>) can no longer
        connect. This cannot be undone.
      </p>
      {action.error ? <ErrorNotice error={action.error} countdown={action.countdown} /> : null}
    </Modal>
  );
}

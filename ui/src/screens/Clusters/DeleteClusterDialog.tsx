import { useEffect, useState } from "react";
import { Modal, Stack, TextInput } from "@carbon/react";
import { deleteCluster, listClients, type ClusterSummary } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/useAction";

/** Danger dialog: names what is lost (the cluster and its clients) and asks for the name. */
export function DeleteClusterDialog({
  cluster,
  onClose,
  onDeleted,
}: {
  cluster: ClusterSummary;
  onClose: () => void;
  onDeleted: (c: ClusterSummary) => void;
}) {
  const app = useApp();
  const [typed, setTyped] = useState("");
  const [clientCount, setClientCount] = useState<number | null | "unknown">(null);

  useEffect(() => {
    let live = true;
    listClients(cluster.id)
      .then((c) => live && setClientCount(c.length))
      .catch(() => live && setClientCount("unknown"));
    return () => {
      live = false;
    };
  }, [cluster.id]);

  const action = useAction(() => deleteCluster(cluster.id), {
    onSuccess: () => onDeleted(cluster),
    onError: (err) => {
      if (err.kind === "forbidden") void app.reloadOrganizations();
    },
  });

  const matches = typed.trim() === cluster.name;
  const clientsText =
    clientCount === null
      ? "all its clients (counting…)"
      : clientCount === "unknown"
        ? "all its clients"
        : clientCount === 1
          ? "its 1 client"
          : `all its ${clientCount} clients`;

  return (
    <Modal
      open
      danger
      modalHeading={`Delete cluster “${cluster.name}”?`}
      aria-label={`Delete cluster ${cluster.name}`}
      primaryButtonText="Delete cluster"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={!matches || action.busy || action.countdown !== null}
      loadingStatus={action.busy ? "active" : "inactive"}
      loadingDescription="Deleting…"
      onRequestClose={() => {
        if (!action.busy) onClose();
      }}
      onRequestSubmit={() => {
        if (matches) void action.run();
      }}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="sm"
    >
      <Stack gap={5}>
        <p>
          This deletes the cluster <strong>{cluster.name}</strong> and {clientsText}, with all its process data.
          Applications using its clients stop working. This cannot be undone.
        </p>
        {action.error ? <ErrorNotice error={action.error} countdown={action.countdown} /> : null}
        <TextInput
          id="delete-cluster-confirm"
          labelText={`Type “${cluster.name}” to confirm`}
          value={typed}
          autoComplete="off"
          data-modal-primary-focus
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTyped(e.target.value)}
        />
      </Stack>
    </Modal>
  );
}

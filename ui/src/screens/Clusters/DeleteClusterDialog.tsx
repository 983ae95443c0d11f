import { commands, type ClusterSummary } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";
import { clientsQuery, isLastKnown } from "../../lib/queries";
import { useAppQuery } from "../../lib/useAppQuery";

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
  const orgId = useApp().activeOrg?.id ?? "";
  const clients = useAppQuery(clientsQuery(orgId, cluster.id));
  // A list kept from an earlier fetch is not counted on: the dialog waits for the fresh one.
  const count = clients.data && !isLastKnown(clients.data) ? clients.data.length : undefined;
  const clientsText =
    count === undefined
      ? clients.error || clients.backgroundError ? "all its clients" : "all its clients (counting…)"
      : count === 1
        ? "its 1 client"
        : `all its ${count} clients`;

  return (
    <ConfirmDeleteDialog
      subject={cluster.name}
      heading={`Delete cluster “${cluster.name}”?`}
      label={`Delete cluster ${cluster.name}`}
      confirmText="Delete cluster"
      busyText="Deleting…"
      confirmName={{ id: "delete-cluster-confirm", name: cluster.name }}
      onConfirm={() => commands.deleteCluster(cluster.id)}
      onDone={() => onDeleted(cluster)}
      onClose={onClose}
    >
      <p>
        This deletes the cluster <strong>{cluster.name}</strong> and {clientsText}, with all its process data.
        Applications using its clients stop working. This cannot be undone.
      </p>
    </ConfirmDeleteDialog>
  );
}

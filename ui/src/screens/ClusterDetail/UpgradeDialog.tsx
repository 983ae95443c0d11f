import { Modal } from "@carbon/react";
import { commands, type ClusterView, type UpgradeOffer } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/useAction";

/** Upgrade to the offered generation, saying what the Console says: permanent, restarts, needs Healthy. */
export function UpgradeDialog({
  cluster,
  offer: o,
  onClose,
  onUpgraded,
}: {
  cluster: ClusterView;
  offer: UpgradeOffer;
  onClose: () => void;
  onUpgraded: (o: UpgradeOffer) => void;
}) {
  const upgrade = useAction(() => commands.upgradeCluster(cluster.id), { onSuccess: onUpgraded });
  return (
    <Modal
      open
      modalHeading={`Upgrade “${cluster.name}” to ${o.to}?`}
      aria-label="Upgrade cluster"
      primaryButtonText="Upgrade cluster"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={upgrade.busy || upgrade.countdown !== null}
      loadingStatus={upgrade.busy ? "active" : "inactive"}
      loadingDescription="Starting the upgrade…"
      onRequestClose={() => {
        if (!upgrade.busy) onClose();
      }}
      onRequestSubmit={() => void upgrade.run()}
      preventCloseOnClickOutside
      size="sm"
    >
      <p>
        The upgrade is permanent: the cluster cannot go back to {o.from ?? "its current generation"}. The cluster restarts
        while it is upgraded, so its components are unavailable for a while, and it must be Healthy to start. Skep follows
        it and tells you when it is Healthy again.
      </p>
      {upgrade.error ? <ErrorNotice error={upgrade.error} countdown={upgrade.countdown} title="Could not upgrade" /> : null}
    </Modal>
  );
}

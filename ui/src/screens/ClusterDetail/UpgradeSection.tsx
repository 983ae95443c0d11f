import { useState } from "react";
import { ActionableNotification, Modal } from "@carbon/react";
import { commands, type ClusterView, type UpgradeOffer } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { deniedReason } from "../../lib/errors";
import { upgradeOfferQuery } from "../../lib/queries";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";

/**
 * The offer to upgrade a cluster to the latest generation of its channel (Rust decides from the
 * creation parameters), behind a dialog that says what the Console says: permanent, restarts the
 * cluster, needs Healthy.
 */
export function UpgradeSection({ cluster, onUpgraded }: { cluster: ClusterView; onUpgraded: (o: UpgradeOffer) => void }) {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "create_clusters");
  const offer = useAppQuery(upgradeOfferQuery(orgId, cluster.id, cluster.generation));
  const [confirming, setConfirming] = useState(false);
  const upgrade = useAction(() => commands.upgradeCluster(cluster.id), {
    onSuccess: (done) => {
      setConfirming(false);
      onUpgraded(done);
    },
  });

  const o = offer.data;
  if (!o || cluster.state === "Updating") return null;
  const healthy = cluster.state === "Healthy";
  const reason = denied ?? (healthy ? null : "The cluster must be Healthy to upgrade.");
  return (
    <>
      <ActionableNotification
        kind="info"
        lowContrast
        inline
        hideCloseButton
        title="Upgrade available"
        subtitle={`${o.to} is available for this cluster${o.from ? ` (it runs ${o.from})` : ""}.${reason ? ` ${reason}` : ""}`}
        actionButtonLabel={reason ? "" : "Upgrade…"}
        onActionButtonClick={() => setConfirming(true)}
      />
      {confirming ? (
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
            if (!upgrade.busy) setConfirming(false);
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
      ) : null}
    </>
  );
}

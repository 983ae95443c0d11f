import { lazy, Suspense, useState } from "react";
import { ActionableNotification } from "@carbon/react";
import type { ClusterView, UpgradeOffer } from "../../api";
import { useApp } from "../../app/AppContext";
import { deniedReason } from "../../lib/errors";
import { upgradeOfferQuery } from "../../lib/queries";
import { useAppQuery } from "../../lib/useAppQuery";

// The confirm dialog loads when first opened.
const UpgradeDialog = lazy(() => import("./UpgradeDialog").then((m) => ({ default: m.UpgradeDialog })));

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
        <Suspense fallback={null}>
          <UpgradeDialog
            cluster={cluster}
            offer={o}
            onClose={() => setConfirming(false)}
            onUpgraded={(done) => {
              setConfirming(false);
              onUpgraded(done);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}

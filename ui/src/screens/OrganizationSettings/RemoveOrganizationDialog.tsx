import { Modal } from "@carbon/react";
import { removeOrganization, type Organization } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/useAction";

/** Confirm removing an organization from this computer. */
export function RemoveOrganizationDialog({ org, onClose }: { org: Organization; onClose: () => void }) {
  const app = useApp();
  const action = useAction(() => removeOrganization(org.id), {
    onSuccess: (state) => {
      app.setOrganizations(state);
      app.navigate({ kind: "clusters" });
    },
  });
  return (
    <Modal
      open
      danger
      modalHeading={`Remove “${org.name}” from Skep?`}
      aria-label={`Remove organization ${org.name}`}
      primaryButtonText="Remove organization"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={action.busy}
      loadingStatus={action.busy ? "active" : "inactive"}
      loadingDescription="Removing…"
      onRequestClose={() => {
        if (!action.busy) onClose();
      }}
      onRequestSubmit={() => void action.run()}
      preventCloseOnClickOutside
      size="sm"
    >
      <p>
        The organization's settings and its secret are removed from this computer. Its clusters and clients in Camunda
        are not touched; you can add the organization again with its credentials file.
      </p>
      {action.error ? <ErrorNotice error={action.error} /> : null}
    </Modal>
  );
}

import { commands, type Organization } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";

/** Confirm removing an organization from this computer. */
export function RemoveOrganizationDialog({ org, onClose }: { org: Organization; onClose: () => void }) {
  const app = useApp();
  return (
    <ConfirmDeleteDialog
      subject={org.name}
      heading={`Remove “${org.name}” from Skep?`}
      label={`Remove organization ${org.name}`}
      confirmText="Remove organization"
      busyText="Removing…"
      onConfirm={() => commands.removeOrganization(org.id)}
      onDone={(state) => {
        app.setOrganizations(state);
        app.navigate({ kind: "clusters" });
      }}
      onClose={onClose}
    >
      <p>
        The organization's settings and its secret are removed from this computer. Its clusters and clients in Camunda
        are not touched; you can add the organization again with its credentials file.
      </p>
    </ConfirmDeleteDialog>
  );
}

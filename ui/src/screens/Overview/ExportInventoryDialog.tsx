import { useState } from "react";
import { Checkbox, Modal, RadioButton, RadioButtonGroup, Stack } from "@carbon/react";
import { commands, type InventoryFormat } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useAction } from "../../lib/useAction";

/**
 * Export the inventory: every cluster of every organization, taken now, and optionally each
 * cluster's API clients (names, ids, permissions — never a secret), saved by Rust through the
 * native save dialog. `onSaved` gets the path; a cancelled save dialog leaves this one open.
 */
export function ExportInventoryDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (path: string) => void }) {
  const [format, setFormat] = useState<InventoryFormat>("csv");
  const [withClients, setWithClients] = useState(false);
  const save = useAction(() => commands.saveInventory(format, withClients), {
    onSuccess: (path) => {
      if (path) onSaved(path);
    },
  });
  return (
    <Modal
      open
      modalHeading="Export the inventory"
      aria-label="Export inventory"
      primaryButtonText="Save…"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={save.busy || save.countdown !== null}
      loadingStatus={save.busy ? "active" : "inactive"}
      loadingDescription="Listing every organization…"
      onRequestClose={onClose}
      onRequestSubmit={() => void save.run()}
      shouldSubmitOnEnter
      size="sm"
    >
      <Stack gap={5}>
        <p>
          Every cluster of every organization, listed now with each organization&apos;s own credentials, with the time it
          was taken. The file is readable only by you.
        </p>
        <RadioButtonGroup
          name="inventory-format"
          legendText="Format"
          valueSelected={format}
          onChange={(value) => setFormat(value as InventoryFormat)}
        >
          <RadioButton id="inventory-csv" value="csv" labelText="CSV (a row per cluster, or per client)" />
          <RadioButton id="inventory-json" value="json" labelText="JSON (organizations → clusters → clients)" />
        </RadioButtonGroup>
        <Checkbox
          id="inventory-clients"
          labelText="Include each cluster's API clients (names, client ids and permissions — never a secret)"
          checked={withClients}
          onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) => setWithClients(checked)}
        />
        {save.error ? <ErrorNotice error={save.error} countdown={save.countdown} title="Could not save the inventory" /> : null}
      </Stack>
    </Modal>
  );
}

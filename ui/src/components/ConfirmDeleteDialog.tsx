import { useState, type ReactNode } from "react";
import { Modal, Stack, TextInput } from "@carbon/react";
import { useApp } from "../app/AppContext";
import { ErrorNotice } from "./ErrorNotice";
import { OrgLine } from "./OrgMark";
import { useAction } from "../lib/useAction";

/**
 * The one danger dialog that confirms deleting or removing something: says what is lost, runs the
 * action (busy, its error in the dialog, a rate-limit countdown), closes only when not busy, and
 * with `confirmName` needs that name typed before the action is enabled. It names the organization
 * it acts in (colour, name, production mark); in an organization marked production the `subject`
 * (the name of what is lost) must always be typed.
 */
export function ConfirmDeleteDialog<R>({
  heading,
  label,
  confirmText,
  busyText,
  confirmName,
  subject,
  onConfirm,
  onDone,
  onClose,
  children,
}: {
  heading: string;
  /** The dialog's accessible name. */
  label: string;
  /** The danger button. */
  confirmText: string;
  /** Shown while the action runs, e.g. "Deleting…". */
  busyText: string;
  /** A name to type to confirm: the text field's id and the name. */
  confirmName?: { id: string; name: string };
  /** The name of what is lost: typed to confirm in a production organization. */
  subject: string;
  onConfirm: () => Promise<R>;
  onDone: (result: R) => void;
  onClose: () => void;
  /** What is lost. */
  children: ReactNode;
}) {
  const org = useApp().activeOrg;
  const typeName = confirmName ?? (org?.production ? { id: "confirm-production-name", name: subject } : undefined);
  const [typed, setTyped] = useState("");
  const action = useAction(onConfirm, { onSuccess: (r) => onDone(r) });
  const matches = !typeName || typed.trim() === typeName.name;
  const orgLine = org ? <OrgLine org={org} /> : null;
  const error = action.error ? <ErrorNotice error={action.error} countdown={action.countdown} /> : null;

  return (
    <Modal
      open
      danger
      modalHeading={heading}
      aria-label={label}
      primaryButtonText={confirmText}
      secondaryButtonText="Cancel"
      primaryButtonDisabled={!matches || action.busy || action.countdown !== null}
      loadingStatus={action.busy ? "active" : "inactive"}
      loadingDescription={busyText}
      onRequestClose={() => {
        if (!action.busy) onClose();
      }}
      onRequestSubmit={() => {
        if (matches) void action.run();
      }}
      shouldSubmitOnEnter={typeName !== undefined}
      preventCloseOnClickOutside
      size="sm"
    >
      {typeName ? (
        <Stack gap={5}>
          {orgLine}
          {children}
          {error}
          <TextInput
            id={typeName.id}
            labelText={`Type “${typeName.name}” to confirm`}
            helperText={confirmName ? undefined : `${org?.name ?? "This organization"} is marked production.`}
            value={typed}
            autoComplete="off"
            data-modal-primary-focus
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTyped(e.target.value)}
          />
        </Stack>
      ) : (
        <>
          {orgLine}
          {children}
          {error}
        </>
      )}
    </Modal>
  );
}

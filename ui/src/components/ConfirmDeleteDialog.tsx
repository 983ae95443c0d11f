import { useState, type ReactNode } from "react";
import { Modal, Stack, TextInput } from "@carbon/react";
import { ErrorNotice } from "./ErrorNotice";
import { useAction } from "../lib/useAction";

/**
 * The one danger dialog that confirms deleting or removing something: says what is lost, runs the
 * action (busy, its error in the dialog, a rate-limit countdown), closes only when not busy, and
 * with `confirmName` needs that name typed before the action is enabled.
 */
export function ConfirmDeleteDialog<R>({
  heading,
  label,
  confirmText,
  busyText,
  confirmName,
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
  onConfirm: () => Promise<R>;
  onDone: (result: R) => void;
  onClose: () => void;
  /** What is lost. */
  children: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const action = useAction(onConfirm, { onSuccess: (r) => onDone(r) });
  const matches = !confirmName || typed.trim() === confirmName.name;
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
      shouldSubmitOnEnter={confirmName !== undefined}
      preventCloseOnClickOutside
      size="sm"
    >
      {confirmName ? (
        <Stack gap={5}>
          {children}
          {error}
          <TextInput
            id={confirmName.id}
            labelText={`Type “${confirmName.name}” to confirm`}
            value={typed}
            autoComplete="off"
            data-modal-primary-focus
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTyped(e.target.value)}
          />
        </Stack>
      ) : (
        <>
          {children}
          {error}
        </>
      )}
    </Modal>
  );
}

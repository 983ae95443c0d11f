import { useEffect, useRef, useState } from "react";
import { Button, Checkbox, InlineNotification, Modal, Stack } from "@carbon/react";
import { Copy, Download, View, ViewOff } from "@carbon/icons-react";
import { commands, events, toAppError, type AppError, type CreatedClient, type SaveFormat, type SecretField } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";

const CONFIRM_TEXT = "I have copied or downloaded the secret";
const SAVE_FORMATS: { format: SaveFormat; label: string }[] = [
  { format: "env", label: "Save as .env" },
  { format: "properties", label: "Save as Spring Boot properties" },
  { format: "json", label: "Save as JSON" },
];
const COPIED: Record<SecretField, string> = {
  client_id: "Client ID copied.",
  client_secret: "Client secret copied. The clipboard is cleared after 60 s.",
  env: "Environment variables copied. The clipboard is cleared after 60 s.",
};

/**
 * The copy-once dialog for a new client's secret. It cannot be dismissed (Escape, outside click,
 * close button, window close) until the user confirms they stored the secret.
 */
export function SecretDialog({ created, onClosed }: { created: CreatedClient; onClosed: () => void }) {
  const [revealed, setRevealed] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [warn, setWarn] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const [error, setError] = useState<AppError | null>(null);
  const [closing, setClosing] = useState(false);
  const confirmRef = useRef<HTMLInputElement>(null);
  // The window's close was attempted: once the user confirms and chooses Done, the window closes.
  const closeRequested = useRef(false);

  const askToConfirm = (why: string) => {
    setWarn(why);
    confirmRef.current?.focus();
  };

  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let live = true;
    events.pendingSecretCloseRequested.listen(() => {
      closeRequested.current = true;
      askToConfirm(
        "The window stays open until you confirm that you have copied or downloaded the secret, then choose Done.",
      );
    })
      .then((u) => {
        if (live) unlisten = u;
        else u();
      })
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);

  const copy = async (field: SecretField) => {
    setError(null);
    try {
      await commands.copyPendingSecret(field);
      setStatus(COPIED[field]);
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const save = async (format: SaveFormat) => {
    setError(null);
    try {
      const path = await commands.savePendingSecret(format);
      if (path) setStatus(`Saved to ${path} (readable only by you).`);
    } catch (e) {
      setError(toAppError(e));
    }
  };

  const close = async () => {
    if (!confirmed) {
      askToConfirm("Confirm that you have copied or downloaded the secret before closing.");
      return;
    }
    if (closing) return;
    setClosing(true);
    try {
      await commands.acknowledgePendingSecret();
      onClosed();
      if (closeRequested.current) await commands.closeWindow().catch(() => undefined);
    } catch (e) {
      setError(toAppError(e));
      setClosing(false);
    }
  };

  return (
    <Modal
      open
      modalHeading={`Client “${created.name}” created — copy its secret now`}
      aria-label="Client secret"
      primaryButtonText="Done"
      primaryButtonDisabled={!confirmed || closing}
      closeButtonLabel="Close"
      onRequestSubmit={() => void close()}
      onRequestClose={() => void close()}
      preventCloseOnClickOutside
      size="lg"
    >
      <Stack gap={5}>
        <p>
          This is the only time Camunda shows this client's secret. Copy it or save it to a file now — after this
          dialog closes it is gone and cannot be shown again.
        </p>
        {warn ? <InlineNotification kind="warning" lowContrast hideCloseButton title={warn} role="alert" /> : null}
        {error ? <ErrorNotice error={error} /> : null}
        <dl className="skep-kv">
          <dt>Client ID</dt>
          <dd>{created.clientId}</dd>
          <dd>
            <Button kind="ghost" size="sm" renderIcon={Copy} onClick={() => void copy("client_id")}>
              Copy client ID
            </Button>
          </dd>
          <dt>Client secret</dt>
          <dd className="skep-secret" aria-label={revealed ? undefined : "Client secret (hidden)"}>
            {revealed ? created.clientSecret : "••••••••••••••••••••••••"}
          </dd>
          <dd className="skep-row">
            <Button
              kind="ghost"
              size="sm"
              renderIcon={revealed ? ViewOff : View}
              aria-pressed={revealed}
              onClick={() => setRevealed((r) => !r)}
            >
              {revealed ? "Hide secret" : "Reveal secret"}
            </Button>
            <Button kind="ghost" size="sm" renderIcon={Copy} onClick={() => void copy("client_secret")}>
              Copy client secret
            </Button>
          </dd>
          {created.zeebeAddress ? (
            <>
              <dt>Zeebe address</dt>
              <dd>{created.zeebeAddress}</dd>
              <dd />
            </>
          ) : null}
        </dl>
        <div className="skep-row">
          <Button kind="tertiary" size="sm" renderIcon={Copy} onClick={() => void copy("env")}>
            Copy as environment variables
          </Button>
          {SAVE_FORMATS.map((f) => (
            <Button key={f.format} kind="tertiary" size="sm" renderIcon={Download} onClick={() => void save(f.format)}>
              {f.label}
            </Button>
          ))}
        </div>
        <p role="status" className="skep-muted">
          {status}
        </p>
        <Checkbox
          id="secret-confirm"
          ref={confirmRef}
          labelText={CONFIRM_TEXT}
          checked={confirmed}
          onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) => {
            setConfirmed(checked);
            if (checked) setWarn(null);
          }}
        />
      </Stack>
    </Modal>
  );
}

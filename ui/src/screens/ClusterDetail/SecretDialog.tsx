import { Fragment, useEffect, useRef, useState } from "react";
import { Button, Checkbox, InlineNotification, Modal, Stack } from "@carbon/react";
import { Copy, Download, View, ViewOff } from "@carbon/icons-react";
import {
  commands,
  events,
  toAppError,
  type AppError,
  type SaveFormat,
  type SecretField,
} from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import type { ShownOnce } from "./shownOnce";

const SAVE_LABELS: Record<SaveFormat, string> = {
  env: "Save as .env",
  properties: "Save as Spring Boot properties",
  json: "Save as JSON",
  prometheus: "Save as Prometheus scrape config",
};

/**
 * The copy-once dialog for a secret Camunda shows once. It cannot be dismissed (Escape, outside
 * click, close button, window close) until the user confirms they stored the secret.
 */
export function SecretDialog({ shown, onClosed }: { shown: ShownOnce; onClosed: () => void }) {
  const confirmText = `I have copied or downloaded the ${shown.noun}`;
  const copied: Record<SecretField, string> = {
    id: `${shown.idLabel} copied.`,
    secret: `${shown.secretLabel} copied. The clipboard is cleared after 60 s.`,
    env: "Environment variables copied. The clipboard is cleared after 60 s.",
  };
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
        `The window stays open until you confirm that you have copied or downloaded the ${shown.noun}, then choose Done.`,
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
  }, [shown.noun]);

  const copy = async (field: SecretField) => {
    setError(null);
    try {
      await commands.copyPendingSecret(field);
      setStatus(copied[field]);
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
      askToConfirm(`Confirm that you have copied or downloaded the ${shown.noun} before closing.`);
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
      modalHeading={shown.heading}
      aria-label={shown.label}
      primaryButtonText="Done"
      primaryButtonDisabled={!confirmed || closing}
      closeButtonLabel="Close"
      onRequestSubmit={() => void close()}
      onRequestClose={() => void close()}
      preventCloseOnClickOutside
      size="lg"
    >
      <Stack gap={5}>
        <p>{shown.intro}</p>
        {warn ? <InlineNotification kind="warning" lowContrast hideCloseButton title={warn} role="alert" /> : null}
        {error ? <ErrorNotice error={error} /> : null}
        <dl className="skep-kv">
          <dt>{shown.idLabel}</dt>
          <dd>{shown.id}</dd>
          <dd>
            <Button kind="ghost" size="sm" renderIcon={Copy} onClick={() => void copy("id")}>
              {`Copy ${lowerFirst(shown.idLabel)}`}
            </Button>
          </dd>
          <dt>{shown.secretLabel}</dt>
          <dd className="skep-secret" aria-label={revealed ? undefined : `${shown.secretLabel} (hidden)`}>
            {revealed ? shown.secret : "••••••••••••••••••••••••"}
          </dd>
          <dd className="skep-row">
            <Button
              kind="ghost"
              size="sm"
              renderIcon={revealed ? ViewOff : View}
              aria-pressed={revealed}
              onClick={() => setRevealed((r) => !r)}
            >
              {revealed ? `Hide ${shown.noun}` : `Reveal ${shown.noun}`}
            </Button>
            <Button kind="ghost" size="sm" renderIcon={Copy} onClick={() => void copy("secret")}>
              {`Copy ${lowerFirst(shown.secretLabel)}`}
            </Button>
          </dd>
          {shown.extra.map((e) => (
            <Fragment key={e.label}>
              <dt>{e.label}</dt>
              <dd>{e.value}</dd>
              <dd />
            </Fragment>
          ))}
        </dl>
        <div className="skep-row">
          <Button kind="tertiary" size="sm" renderIcon={Copy} onClick={() => void copy("env")}>
            Copy as environment variables
          </Button>
          {shown.saveFormats.map((format) => (
            <Button key={format} kind="tertiary" size="sm" renderIcon={Download} onClick={() => void save(format)}>
              {SAVE_LABELS[format]}
            </Button>
          ))}
        </div>
        <p role="status" className="skep-muted">
          {status}
        </p>
        <Checkbox
          id="secret-confirm"
          ref={confirmRef}
          labelText={confirmText}
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

/** "Client ID" → "client ID", "User name" → "user name". */
function lowerFirst(label: string) {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

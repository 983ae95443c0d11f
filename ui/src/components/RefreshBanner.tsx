import { Button, InlineNotification } from "@carbon/react";
import { useApp } from "../app/AppContext";
import type { AppError } from "../api";
import { describeError, isOffline } from "../lib/errors";
import { asOf } from "../lib/time";

/** The one banner for background refresh failures: the data shown stays, with its time. */
export function RefreshBanner({ error, fetchedAt, retryIn }: { error: AppError; fetchedAt: string; retryIn: number | null }) {
  const app = useApp();
  const at = asOf(fetchedAt);
  let title: string;
  let subtitle: string;
  if (isOffline(error)) {
    title = `Offline — showing data from ${at}`;
    subtitle = "Skep will try again on the next refresh (Ctrl+R).";
  } else if (error.kind === "rate_limited") {
    title = `Rate limited — showing data from ${at}`;
    subtitle = describeError(error, retryIn).title;
  } else {
    title = `Refresh failed — showing data from ${at}`;
    subtitle = describeError(error).title;
  }
  const settings = error.kind === "invalid_credentials" || error.kind === "unauthorized";
  return (
    <div className="skep-banner">
      <InlineNotification
        kind="warning"
        lowContrast
        hideCloseButton
        title={title}
        subtitle={subtitle}
        role="status"
        style={{ maxWidth: "none" }}
      />
      {settings ? (
        <Button kind="tertiary" size="sm" onClick={() => app.navigate({ kind: "settings" })}>
          Open organization settings
        </Button>
      ) : null}
    </div>
  );
}

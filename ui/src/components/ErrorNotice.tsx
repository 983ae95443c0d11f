import { Button, InlineNotification } from "@carbon/react";
import type { AppError } from "../api";
import { describeError } from "../lib/errors";
import { useApp } from "../app/AppContext";

/** One inline error: cause + next step; a countdown while rate limited; a settings link for bad credentials. */
export function ErrorNotice({
  error,
  countdown = null,
  onRetry,
  title,
  lowContrast = true,
}: {
  error: AppError;
  countdown?: number | null;
  onRetry?: () => void;
  title?: string;
  lowContrast?: boolean;
}) {
  const app = useApp();
  const text = describeError(error, countdown);
  const kind = error.kind === "rate_limited" || error.kind === "outcome_unknown" ? "warning" : "error";
  const showSettings = error.kind === "invalid_credentials" || error.kind === "unauthorized";
  const showRetry = onRetry && error.kind !== "rate_limited" && error.kind !== "forbidden";
  // With a title of its own (the action that failed), the app's words go below it.
  const subtitle = title ? text.title : "";
  return (
    <div className="skep-banner">
      <InlineNotification
        kind={kind}
        lowContrast={lowContrast}
        hideCloseButton
        title={title ?? text.title}
        subtitle={subtitle || undefined}
        style={{ maxWidth: "none" }}
      />
      {showSettings || showRetry ? (
        <div className="skep-row">
          {showSettings ? (
            <Button kind="tertiary" size="sm" onClick={() => app.navigate({ kind: "settings" })}>
              Open organization settings
            </Button>
          ) : null}
          {showRetry ? (
            <Button kind="ghost" size="sm" onClick={onRetry}>
              Try again
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

import { InlineNotification } from "@carbon/react";
import type { AppError } from "../../api";
import { describeError, isOffline } from "../../lib/errors";
import { hhmm } from "../../lib/time";

/** The one banner for background refresh failures: the data shown stays, with its time. */
export function RefreshBanner({ error, fetchedAt, retryIn }: { error: AppError; fetchedAt: string; retryIn: number | null }) {
  const at = hhmm(fetchedAt);
  let title: string;
  let subtitle: string;
  if (isOffline(error)) {
    title = `Offline — showing data from ${at}`;
    subtitle = "Skep will try again on the next refresh (Ctrl+R).";
  } else if (error.kind === "rate_limited") {
    title = `Rate limited — showing data from ${at}`;
    subtitle = `Camunda's login service is rate limiting this network; retrying in ${retryIn ?? error.retryAfterSecs ?? 5} s.`;
  } else {
    title = `Refresh failed — showing data from ${at}`;
    subtitle = describeError(error).title;
  }
  return (
    <InlineNotification
      kind="warning"
      lowContrast
      hideCloseButton
      title={title}
      subtitle={subtitle}
      className="skep-banner"
      role="status"
    />
  );
}

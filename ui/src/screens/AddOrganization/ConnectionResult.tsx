import { InlineNotification } from "@carbon/react";
import type { ConnectionReport } from "../../api";
import { describeError } from "../../lib/errors";

/** The outcome of "Test connection", in plain words. */
export function ConnectionResult({ report }: { report: ConnectionReport }) {
  if (report.ok) {
    const n = report.clusterCount;
    return (
      <InlineNotification
        kind="success"
        lowContrast
        hideCloseButton
        title="Connection works"
        subtitle={n === null ? report.message : `${report.message} ${n === 1 ? "1 cluster" : `${n} clusters`} found.`.trim()}
        style={{ maxWidth: "none" }}
      />
    );
  }
  // The report's message is the app's words for the failure (a rate limit gets its countdown).
  const text = report.error ? describeError({ ...report.error, message: report.message }) : { title: report.message };
  return (
    <InlineNotification
      kind="error"
      lowContrast
      hideCloseButton
      title="Connection failed"
      subtitle={text.title}
      style={{ maxWidth: "none" }}
    />
  );
}

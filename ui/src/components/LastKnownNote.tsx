import { lastKnownAt } from "../lib/queries";
import { asOf } from "../lib/time";

/** "As of 09:14 (the last list Skep fetched) — refreshing…" while `data` is the list kept on disk from an earlier fetch. */
export function LastKnownNote({ data, fetching }: { data: object | null; fetching: boolean }) {
  const at = lastKnownAt(data);
  if (!at) return null;
  return (
    <p className="skep-muted skep-last-known" role="status">
      {`As of ${asOf(at)} (the last list Skep fetched)${fetching ? " — refreshing…" : ""}`}
    </p>
  );
}

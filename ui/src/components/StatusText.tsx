import { memo } from "react";
import type { ComponentStatus } from "../api";
import { toneOf } from "../lib/clusterState";

/**
 * A status as text plus colour. Component statuses (if any) are in a native tooltip and in the
 * accessible description, which stays cheap for tables of thousands of rows.
 */
export const StatusText = memo(function StatusText({
  state,
  components,
}: {
  state: string;
  components?: readonly ComponentStatus[];
}) {
  const detail = components && components.length
    ? components.map((c) => `${c.component}: ${c.status}`).join(", ")
    : undefined;
  return (
    <span className={`skep-status skep-status--${toneOf(state)}`} title={detail} aria-description={detail}>
      <span className="skep-status__dot" aria-hidden="true" />
      <span>{state}</span>
    </span>
  );
});

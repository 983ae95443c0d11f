import { memo } from "react";
import { Tooltip } from "@carbon/react";
import type { ComponentStatus } from "../api";
import { toneOf } from "../lib/clusterState";

/** A status as text plus colour; component statuses (if any) in a tooltip. */
export const StatusText = memo(function StatusText({
  state,
  components,
}: {
  state: string;
  components?: readonly ComponentStatus[];
}) {
  const body = (
    <span className={`skep-status skep-status--${toneOf(state)}`}>
      <span className="skep-status__dot" aria-hidden="true" />
      <span>{state}</span>
    </span>
  );
  if (!components || components.length === 0) return body;
  const label = components.map((c) => `${c.component}: ${c.status}`).join(", ");
  return (
    <Tooltip label={label} align="bottom-start" enterDelayMs={300}>
      <span tabIndex={0} className="skep-status-trigger">
        {body}
      </span>
    </Tooltip>
  );
});

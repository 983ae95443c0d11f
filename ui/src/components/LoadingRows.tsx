import { SkeletonText } from "@carbon/react";

/** A loading skeleton for a table (not itself a table, so nothing waits on the wrong one). */
export function LoadingRows({ label, rows = 5 }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-label={label} aria-busy="true" style={{ padding: "1rem" }}>
      {Array.from({ length: rows }, (_, i) => (
        <SkeletonText key={i} width="100%" />
      ))}
    </div>
  );
}

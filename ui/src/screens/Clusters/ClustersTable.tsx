import { memo, useEffect, useMemo } from "react";
import {
  Table, TableBody, TableCell, TableHead, TableHeader, TableRow,
} from "@carbon/react";
import type { ClusterSummary } from "../../api";
import { StatusText } from "../../components/StatusText";
import { GuardedButton } from "../../components/GuardedButton";
import { shortDateTime } from "../../lib/time";
import { useVirtualRows } from "../../lib/useVirtualRows";
import { SpacerRow } from "../../components/SpacerRow";
import { mark } from "../../lib/marks";
import { sortRows, useSort } from "../../lib/useSort";

/** Height of one row (Carbon's `md` table row, 3rem); `.skep-vtable` fixes it in CSS. */
export const ROW_HEIGHT = 48;

type SortKey = "name" | "state" | "generation" | "channel" | "region" | "planType" | "created";

const COLUMNS: { key: SortKey; header: string }[] = [
  { key: "name", header: "Name" },
  { key: "state", header: "Status" },
  { key: "generation", header: "Generation" },
  { key: "channel", header: "Channel" },
  { key: "region", header: "Region" },
  { key: "planType", header: "Plan" },
  { key: "created", header: "Created" },
];

export type ClusterActions = {
  open: (c: ClusterSummary) => void;
  wake: (c: ClusterSummary) => void;
  remove: (c: ClusterSummary) => void;
  wakeDenied: string | null;
  deleteDenied: string | null;
  waking: ReadonlySet<string>;
};

/** Lower-cased text a filter matches against. */
function haystack(c: ClusterSummary): string {
  return [c.name, c.state, c.generation, c.channel, c.region, c.planType, c.stageLabel, c.id]
    .filter(Boolean)
    .join("\u0000")
    .toLowerCase();
}

type Indexed = { cluster: ClusterSummary; key: string };

/** The search keys, computed once per data change (not per keystroke). */
function indexClusters(clusters: readonly ClusterSummary[]): Indexed[] {
  return clusters.map((cluster) => ({ cluster, key: haystack(cluster) }));
}

function filterIndexed(index: readonly Indexed[], filter: string): ClusterSummary[] {
  const q = filter.trim().toLowerCase();
  if (!q) return index.map((i) => i.cluster);
  const out: ClusterSummary[] = [];
  for (const i of index) if (i.key.includes(q)) out.push(i.cluster);
  return out;
}

export function filterClusters(clusters: readonly ClusterSummary[], filter: string): ClusterSummary[] {
  return filterIndexed(indexClusters(clusters), filter);
}

export const ClustersTable = memo(function ClustersTable({
  clusters,
  filter,
  actions,
}: {
  clusters: readonly ClusterSummary[];
  filter: string;
  actions: ClusterActions;
}) {
  const { sort, headerProps } = useSort<SortKey>({ key: "name", dir: "ASC" });
  // Per data or sort change: search keys and the sorted order. Per keystroke: one pass of
  // `includes` over the sorted keys (filtering keeps the order, so nothing is sorted again).
  const sortedIndex = useMemo(
    () => sortRows(indexClusters(clusters), sort, (i, key) => i.cluster[key] ?? ""),
    [clusters, sort],
  );
  const rows = useMemo(() => filterIndexed(sortedIndex, filter), [sortedIndex, filter]);

  // Bench hook (`make bench`): one User Timing mark per committed table, read over WebDriver.
  useEffect(() => mark("skep:clusters-table", { rows: rows.length }), [rows]);

  const win = useVirtualRows<HTMLDivElement>(rows.length, ROW_HEIGHT);
  const { scrollToTop } = win;
  // A new filter or sort order starts at the first row.
  useEffect(() => scrollToTop(), [filter, sort, scrollToTop]);

  return (
    <>
      <div ref={win.ref} className="skep-vscroll" data-testid="clusters-scroll">
      <Table aria-label="Clusters" aria-rowcount={rows.length + 1} size="md" useZebraStyles={false} className="skep-vtable skep-clusters">
        <TableHead>
          <TableRow aria-rowindex={1}>
            {COLUMNS.map((col) => (
              <TableHeader key={col.key} {...headerProps(col.key)}>
                {col.header}
              </TableHeader>
            ))}
            <TableHeader>
              <span className="cds--visually-hidden">Actions</span>
            </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={win.padTop} columns={COLUMNS.length + 1} />
          {rows.slice(win.start, win.end).map((c, i) => (
            <ClusterRow
              key={c.id}
              cluster={c}
              rowIndex={win.start + i + 2}
              actions={actions}
              waking={actions.waking.has(c.id)}
            />
          ))}
          <SpacerRow height={win.padBottom} columns={COLUMNS.length + 1} />
        </TableBody>
      </Table>
      </div>
      {rows.length === 0 && clusters.length > 0 ? (
        <p className="skep-muted" role="status" style={{ padding: "1rem" }}>
          No cluster matches “{filter}”.
        </p>
      ) : null}
    </>
  );
});

const ClusterRow = memo(function ClusterRow({
  cluster: c,
  rowIndex,
  actions,
  waking,
}: {
  cluster: ClusterSummary;
  rowIndex: number;
  actions: ClusterActions;
  waking: boolean;
}) {
  return (
    <TableRow aria-rowindex={rowIndex}>
      <TableCell className="skep-nowrap" title={c.stageLabel ? `${c.name} · ${c.stageLabel}` : c.name}>
        <a
          href="#"
          className="cds--link"
          onClick={(e) => {
            e.preventDefault();
            actions.open(c);
          }}
        >
          {c.name}
        </a>
        {c.stageLabel ? <span className="skep-muted"> · {c.stageLabel}</span> : null}
      </TableCell>
      <TableCell className="skep-nowrap">
        <span className="skep-row" style={{ flexWrap: "nowrap" }}>
          <StatusText state={c.state} components={c.components} />
          {c.state === "Suspended" ? (
            <GuardedButton
              kind="ghost"
              size="sm"
              aria-label={`Wake ${c.name}`}
              deniedReason={actions.wakeDenied}
              busy={waking}
              busyText="Waking…"
              onClick={() => actions.wake(c)}
            >
              Wake
            </GuardedButton>
          ) : null}
        </span>
      </TableCell>
      <TableCell title={c.generation ?? undefined}>{c.generation ?? "—"}</TableCell>
      <TableCell>{c.channel ?? "—"}</TableCell>
      <TableCell className="skep-ellipsis" title={c.region ?? undefined}>{c.region ?? "—"}</TableCell>
      <TableCell title={c.planType ?? undefined}>{c.planType ?? "—"}</TableCell>
      <TableCell className="skep-nowrap" title={c.created ? shortDateTime(c.created) : undefined}>{shortDateTime(c.created)}</TableCell>
      <TableCell>
        <RowButton
          label={`Delete ${c.name}`}
          deniedReason={actions.deleteDenied}
          onClick={() => actions.remove(c)}
        >
          Delete
        </RowButton>
      </TableCell>
    </TableRow>
  );
});

/** A light ghost button for table rows (thousands of them): Carbon's classes, no extra components. */
function RowButton({
  label,
  deniedReason,
  onClick,
  children,
}: {
  label: string;
  deniedReason: string | null;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      className="cds--btn cds--btn--ghost cds--btn--sm cds--layout--size-sm"
      aria-label={label}
      disabled={deniedReason !== null}
      title={deniedReason ?? undefined}
      aria-description={deniedReason ?? undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

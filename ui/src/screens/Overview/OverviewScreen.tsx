import { lazy, memo, Suspense, useEffect, useMemo, useState } from "react";
import {
  Button, InlineNotification, Tab, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader,
  TableRow, TabList, TabPanel, TabPanels, Tabs,
} from "@carbon/react";
import type { ClusterSummary, OrgClusters } from "../../api";
import { type OverviewTab } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LoadingRows } from "../../components/LoadingRows";
import { RefreshBanner } from "../../components/RefreshBanner";
import { LastKnownNote } from "../../components/LastKnownNote";
import { SearchToolbar } from "../../components/SearchToolbar";
import { SpacerRow } from "../../components/SpacerRow";
import { StatusText } from "../../components/StatusText";
import { overviewQuery } from "../../lib/queries";
import { shortDate, shortDateTime } from "../../lib/time";
import { useAppQuery } from "../../lib/useAppQuery";
import { useShortcuts } from "../../lib/useShortcuts";
import { COLLATOR, sortRows, useSort, type Sort } from "../../lib/useSort";
import { useVirtualRows } from "../../lib/useVirtualRows";
import { FailedOrgRow, keptNote, OrgCell, OrgFailures } from "./shared";
import { useOpenInOrganization } from "../../app/useOpenInOrganization";

const ExportInventoryDialog = lazy(() =>
  import("./ExportInventoryDialog").then((m) => ({ default: m.ExportInventoryDialog })),
);
const OverviewClients = lazy(() => import("./OverviewClients").then((m) => ({ default: m.OverviewClients })));

const TABS: readonly OverviewTab[] = ["Clusters", "API clients"];
const ROW_HEIGHT = 48;

/**
 * One row of the overview: a cluster and the organization it belongs to, or (`cluster: null`)
 * an organization that could not be listed, in its place among the others.
 */
export type OverviewRow = { org: OrgClusters; cluster: ClusterSummary | null };
type ClusterRow = OverviewRow & { cluster: ClusterSummary };

type SortKey = "organization" | "name" | "state" | "generation" | "channel" | "region" | "planType" | "stageLabel" | "created";

const COLUMNS: { key: SortKey; header: string }[] = [
  { key: "organization", header: "Organization" },
  { key: "name", header: "Name" },
  { key: "state", header: "Status" },
  { key: "generation", header: "Generation" },
  { key: "channel", header: "Channel" },
  { key: "region", header: "Region" },
  { key: "planType", header: "Plan" },
  { key: "stageLabel", header: "Stage" },
  { key: "created", header: "Created" },
];

function sortText(r: ClusterRow, key: SortKey): string {
  return key === "organization" ? r.org.organizationName : (r.cluster[key] ?? "");
}

/**
 * The clusters of every organization matching `filter` (organization, name, status, …): unsorted
 * (`NONE`), by organization in the saved order then by name; sorted by a column, ties by name.
 */
export function overviewRows(orgs: readonly OrgClusters[], filter: string, sort?: Sort<SortKey>): OverviewRow[] {
  const q = filter.trim().toLowerCase();
  const rows: ClusterRow[] = [];
  const unsorted: OverviewRow[] = [];
  const failed: OverviewRow[] = [];
  for (const org of orgs) {
    // An organization that could not be listed now shows its last-known clusters when Skep kept them.
    if (org.error && !org.keptAt) {
      if (!q || org.organizationName.toLowerCase().includes(q)) {
        unsorted.push({ org, cluster: null });
        failed.push({ org, cluster: null });
      }
      continue;
    }
    const byName = [...org.clusters].sort((a, b) => COLLATOR.compare(a.name, b.name));
    for (const cluster of byName) {
      const fields = [
        org.organizationName, cluster.name, cluster.state, cluster.generation, cluster.channel, cluster.region,
        cluster.planType, cluster.stageLabel,
      ];
      if (!q || fields.some((f) => f?.toLowerCase().includes(q))) {
        rows.push({ org, cluster });
        unsorted.push({ org, cluster });
      }
    }
  }
  if (!sort || sort.dir === "NONE") return unsorted;
  // Ties keep the name order above; sorting by name breaks its own ties by organization. The
  // organizations that could not be listed come last.
  const byOrg = sort.key === "name" ? sortRows(rows, { key: "organization", dir: "ASC" }, sortText) : rows;
  return [...sortRows(byOrg, sort, sortText), ...failed];
}

/** Every cluster, and every API client, of every organization Skep holds, each organization listed with its own credentials. */
export function OverviewScreen({ initialTab }: { initialTab?: OverviewTab }) {
  const [tab, setTab] = useState(() => Math.max(0, TABS.indexOf(initialTab ?? "Clusters")));
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="skep-page-title">All organizations</h1>
      <Tabs selectedIndex={tab} onChange={({ selectedIndex }: { selectedIndex: number }) => setTab(selectedIndex)}>
        <TabList aria-label="All organizations" contained className="skep-detail-tabs">
          {TABS.map((t) => (
            <Tab key={t}>{t}</Tab>
          ))}
        </TabList>
        <TabPanels>
          <TabPanel>{tab === 0 ? <OverviewClusters /> : null}</TabPanel>
          <TabPanel>
            {tab === 1 ? (
              <Suspense fallback={<LoadingRows label="Loading the clients of every organization" />}>
                <OverviewClients />
              </Suspense>
            ) : null}
          </TabPanel>
        </TabPanels>
      </Tabs>
    </section>
  );
}

function OverviewClusters() {
  const query = useAppQuery(overviewQuery());
  const { data, error, refresh: load } = query;
  const [filter, setFilter] = useState("");
  const { sort, headerProps } = useSort<SortKey>({ key: "organization", dir: "NONE" });
  const { open, error: openError } = useOpenInOrganization();
  const [exporting, setExporting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useShortcuts({ refresh: () => void load() }, !exporting);

  const rows = useMemo(() => (data ? overviewRows(data.organizations, filter, sort) : []), [data, filter, sort]);
  const failed = data?.organizations.filter((o) => o.error) ?? [];
  const total = data?.organizations.reduce((n, o) => n + o.clusters.length, 0) ?? 0;
  const answered = data ? data.organizations.length - failed.length : 0;
  const kept = keptNote(failed);

  return (
    <>
      <p className="skep-muted">
        {data
          ? `${total} ${total === 1 ? "cluster" : "clusters"} in ${answered} of ${data.organizations.length} organizations${kept}, as of ${shortDateTime(data.fetchedAt)}.`
          : "The clusters of every organization, each listed with its own credentials."}
      </p>
      {data && query.backgroundError ? (
        <RefreshBanner error={query.backgroundError} fetchedAt={data.fetchedAt} retryIn={query.retryIn} />
      ) : (
        <LastKnownNote data={data} fetching={query.fetching} />
      )}
      {openError ? <ErrorNotice error={openError} title="Could not open the cluster" /> : null}
      {saved ? (
        <InlineNotification
          kind="success"
          lowContrast
          role="status"
          title="Inventory saved"
          subtitle={saved}
          onClose={() => {
            setSaved(null);
            return false;
          }}
          style={{ maxWidth: "none" }}
        />
      ) : null}
      <OrgFailures orgs={failed} what="clusters" onRetry={() => void load()} />
      <TableContainer>
        <SearchToolbar
          label="All organizations toolbar"
          filterLabel="Filter clusters of every organization"
          placeholder="Filter by organization, cluster, status, region, plan … (Ctrl+F)"
          filter={filter}
          onFilter={setFilter}
          refreshing={query.fetching}
          onRefresh={() => void load()}
        >
          <Button kind="primary" onClick={() => setExporting(true)}>
            Export inventory…
          </Button>
        </SearchToolbar>
        {data ? (
          total === 0 ? (
            <p className="skep-card" role="status">
              {failed.length === data.organizations.length ? "No organization could be listed." : "No organization has a cluster."}
            </p>
          ) : rows.length === 0 ? (
            <p className="skep-muted" role="status" style={{ padding: "1rem" }}>
              No cluster matches “{filter}”.
            </p>
          ) : (
            <OverviewTable
              rows={rows}
              headerProps={headerProps}
              resetKey={`${filter}\u0000${sort.key}\u0000${sort.dir}`}
              onOpen={(organizationId, clusterId) => void open(organizationId, { kind: "cluster", clusterId })}
            />
          )
        ) : error ? (
          <ErrorNotice error={error} countdown={query.retryIn} onRetry={() => void load()} title="Could not list the organizations" />
        ) : (
          <LoadingRows label="Loading the clusters of every organization" />
        )}
      </TableContainer>
      {exporting ? (
        <Suspense fallback={null}>
          <ExportInventoryDialog
            onClose={() => setExporting(false)}
            onSaved={(path) => {
              setExporting(false);
              setSaved(`Saved to ${path} (readable only by you).`);
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}

const OverviewTable = memo(function OverviewTable({
  rows,
  headerProps,
  resetKey,
  onOpen,
}: {
  rows: readonly OverviewRow[];
  headerProps: ReturnType<typeof useSort<SortKey>>["headerProps"];
  /** A new filter or sort order (this key changes) starts at the first row. */
  resetKey: string;
  onOpen: (organizationId: string, clusterId: string) => void;
}) {
  const win = useVirtualRows<HTMLDivElement>(rows.length, ROW_HEIGHT);
  const { scrollToTop } = win;
  useEffect(() => scrollToTop(), [resetKey, scrollToTop]);
  return (
    <div ref={win.ref} className="skep-vscroll" data-testid="overview-scroll">
      <Table aria-label="Clusters of every organization" aria-rowcount={rows.length + 1} size="md" className="skep-vtable skep-overview">
        <TableHead>
          <TableRow aria-rowindex={1}>
            {COLUMNS.map((col) => (
              <TableHeader key={col.key} {...headerProps(col.key)}>
                {col.header}
              </TableHeader>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={win.padTop} columns={COLUMNS.length} />
          {rows.slice(win.start, win.end).map((r, i) => {
            const cluster = r.cluster;
            return cluster === null ? (
              <FailedOrgRow key={`${r.org.organizationId}/`} org={r.org} rowIndex={win.start + i + 2} columns={COLUMNS.length} />
            ) : (
              <TableRow key={`${r.org.organizationId}/${cluster.id}`} aria-rowindex={win.start + i + 2}>
                <TableCell>
                  <OrgCell org={r.org} />
                </TableCell>
                <TableCell>
                  <a
                    href="#"
                    className="cds--link"
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(r.org.organizationId, cluster.id);
                    }}
                  >
                    {cluster.name}
                  </a>
                </TableCell>
                <TableCell>
                  <StatusText state={cluster.state} />
                </TableCell>
                <TableCell title={cluster.generation ?? undefined}>{cluster.generation ?? "—"}</TableCell>
                <TableCell>{cluster.channel ?? "—"}</TableCell>
                <TableCell title={cluster.region ?? undefined}>{cluster.region ?? "—"}</TableCell>
                <TableCell title={cluster.planType ?? undefined}>{cluster.planType ?? "—"}</TableCell>
                <TableCell>{cluster.stageLabel ?? "—"}</TableCell>
                <TableCell title={cluster.created ? shortDateTime(cluster.created) : undefined}>{shortDate(cluster.created)}</TableCell>
              </TableRow>
            );
          })}
          <SpacerRow height={win.padBottom} columns={COLUMNS.length} />
        </TableBody>
      </Table>
    </div>
  );
});

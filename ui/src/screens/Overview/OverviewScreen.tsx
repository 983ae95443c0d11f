import { lazy, memo, Suspense, useMemo, useState } from "react";
import { Button, InlineNotification, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from "@carbon/react";
import { commands, toAppError, type AppError, type ClusterSummary, type OrgClusters } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LoadingRows } from "../../components/LoadingRows";
import { OrgSwatch, ProductionTag } from "../../components/OrgMark";
import { RefreshBanner } from "../../components/RefreshBanner";
import { SearchToolbar } from "../../components/SearchToolbar";
import { SpacerRow } from "../../components/SpacerRow";
import { StatusText } from "../../components/StatusText";
import { overviewQuery } from "../../lib/queries";
import { shortDate, shortDateTime } from "../../lib/time";
import { useAppQuery } from "../../lib/useAppQuery";
import { useShortcuts } from "../../lib/useShortcuts";
import { useVirtualRows } from "../../lib/useVirtualRows";

const ExportInventoryDialog = lazy(() =>
  import("./ExportInventoryDialog").then((m) => ({ default: m.ExportInventoryDialog })),
);

const ROW_HEIGHT = 48;
const COLUMNS = 9;
const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** One row of the overview: a cluster and the organization it belongs to. */
export type OverviewRow = { org: OrgClusters; cluster: ClusterSummary };

/** The clusters of every organization matching `filter` (organization, name, status, …), by organization then name. */
export function overviewRows(orgs: readonly OrgClusters[], filter: string): OverviewRow[] {
  const q = filter.trim().toLowerCase();
  const rows: OverviewRow[] = [];
  for (const org of orgs) {
    const sorted = [...org.clusters].sort((a, b) => COLLATOR.compare(a.name, b.name));
    for (const cluster of sorted) {
      const fields = [
        org.organizationName, cluster.name, cluster.state, cluster.generation, cluster.channel, cluster.region,
        cluster.planType, cluster.stageLabel,
      ];
      if (!q || fields.some((f) => f?.toLowerCase().includes(q))) rows.push({ org, cluster });
    }
  }
  return rows;
}

/** Every cluster of every organization Skep holds, each organization listed with its own credentials. */
export function OverviewScreen() {
  const app = useApp();
  const query = useAppQuery(overviewQuery());
  const { data, error, refresh: load } = query;
  const [filter, setFilter] = useState("");
  const [openError, setOpenError] = useState<AppError | null>(null);
  const [exporting, setExporting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useShortcuts({ refresh: () => void load() }, !exporting);

  const rows = useMemo(() => (data ? overviewRows(data.organizations, filter) : []), [data, filter]);
  const failed = data?.organizations.filter((o) => o.error) ?? [];
  const total = data?.organizations.reduce((n, o) => n + o.clusters.length, 0) ?? 0;
  const answered = data ? data.organizations.length - failed.length : 0;

  const open = async (row: OverviewRow) => {
    setOpenError(null);
    try {
      if (row.org.organizationId !== app.activeOrg?.id) {
        app.setOrganizations(await commands.setActiveOrganization(row.org.organizationId));
      }
      app.navigate({ kind: "cluster", clusterId: row.cluster.id });
    } catch (e) {
      setOpenError(toAppError(e));
    }
  };

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title" className="skep-page-title">All organizations</h1>
      <p className="skep-muted">
        {data
          ? `${total} ${total === 1 ? "cluster" : "clusters"} in ${answered} of ${data.organizations.length} organizations, as of ${shortDateTime(data.fetchedAt)}.`
          : "The clusters of every organization, each listed with its own credentials."}
      </p>
      {data && query.backgroundError ? (
        <RefreshBanner error={query.backgroundError} fetchedAt={data.fetchedAt} retryIn={query.retryIn} />
      ) : null}
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
      {failed.map((o) =>
        o.error ? (
          <div key={o.organizationId} className="skep-banner" role="alert" aria-label={`${o.organizationName} could not be listed`}>
            <ErrorNotice
              error={o.error}
              onRetry={() => void load()}
              title={`The clusters of “${o.organizationName}” could not be listed`}
            />
          </div>
        ) : null,
      )}
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
            <OverviewTable rows={rows} onOpen={(r) => void open(r)} />
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
    </section>
  );
}

const OverviewTable = memo(function OverviewTable({
  rows,
  onOpen,
}: {
  rows: readonly OverviewRow[];
  onOpen: (row: OverviewRow) => void;
}) {
  const win = useVirtualRows<HTMLDivElement>(rows.length, ROW_HEIGHT);
  return (
    <div ref={win.ref} className="skep-vscroll" data-testid="overview-scroll">
      <Table aria-label="Clusters of every organization" aria-rowcount={rows.length + 1} size="md" className="skep-vtable skep-overview">
        <TableHead>
          <TableRow aria-rowindex={1}>
            <TableHeader>Organization</TableHeader>
            <TableHeader>Name</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Generation</TableHeader>
            <TableHeader>Channel</TableHeader>
            <TableHeader>Region</TableHeader>
            <TableHeader>Plan</TableHeader>
            <TableHeader>Stage</TableHeader>
            <TableHeader>Created</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={win.padTop} columns={COLUMNS} />
          {rows.slice(win.start, win.end).map((r, i) => (
            <TableRow key={`${r.org.organizationId}/${r.cluster.id}`} aria-rowindex={win.start + i + 2}>
              <TableCell>
                <span className="skep-org-cell" title={r.org.organizationName}>
                  <OrgSwatch color={r.org.color} />
                  <span className="skep-org-name">{r.org.organizationName}</span>
                  {r.org.production ? <ProductionTag /> : null}
                </span>
              </TableCell>
              <TableCell>
                <a
                  href="#"
                  className="cds--link"
                  onClick={(e) => {
                    e.preventDefault();
                    onOpen(r);
                  }}
                >
                  {r.cluster.name}
                </a>
              </TableCell>
              <TableCell>
                <StatusText state={r.cluster.state} />
              </TableCell>
              <TableCell title={r.cluster.generation ?? undefined}>{r.cluster.generation ?? "—"}</TableCell>
              <TableCell>{r.cluster.channel ?? "—"}</TableCell>
              <TableCell title={r.cluster.region ?? undefined}>
                {r.cluster.region ?? "—"}
              </TableCell>
              <TableCell title={r.cluster.planType ?? undefined}>{r.cluster.planType ?? "—"}</TableCell>
              <TableCell>{r.cluster.stageLabel ?? "—"}</TableCell>
              <TableCell title={r.cluster.created ? shortDateTime(r.cluster.created) : undefined}>{shortDate(r.cluster.created)}</TableCell>
            </TableRow>
          ))}
          <SpacerRow height={win.padBottom} columns={COLUMNS} />
        </TableBody>
      </Table>
    </div>
  );
});

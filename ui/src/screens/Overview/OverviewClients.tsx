import { memo, useEffect, useMemo, useState } from "react";
import { Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from "@carbon/react";
import type { OrgClient, OrgClients } from "../../api";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LoadingRows } from "../../components/LoadingRows";
import { RefreshBanner } from "../../components/RefreshBanner";
import { LastKnownNote } from "../../components/LastKnownNote";
import { SearchToolbar } from "../../components/SearchToolbar";
import { SpacerRow } from "../../components/SpacerRow";
import { overviewClientsQuery } from "../../lib/queries";
import { shortDateTime } from "../../lib/time";
import { useAppQuery } from "../../lib/useAppQuery";
import { useShortcuts } from "../../lib/useShortcuts";
import { COLLATOR, sortRows, useSort, type Sort } from "../../lib/useSort";
import { useVirtualRows } from "../../lib/useVirtualRows";
import { FailedOrgRow, keptNote, OrgCell, OrgFailures } from "./shared";
import { useOpenInOrganization } from "../../app/useOpenInOrganization";

const ROW_HEIGHT = 48;

/** One row: a client, its cluster, and the organization they belong to. */
export type OverviewClientRow = { org: OrgClients; client: OrgClient };
/** A row of the table: a client, or an organization that could not be listed, in its place. */
type TableRowOf = OverviewClientRow | { org: OrgClients; client: null };

type SortKey = "organization" | "name" | "clientId" | "cluster" | "permissions";

const COLUMNS: { key: SortKey; header: string }[] = [
  { key: "organization", header: "Organization" },
  { key: "name", header: "Name" },
  { key: "clientId", header: "Client ID" },
  { key: "cluster", header: "Cluster" },
  { key: "permissions", header: "Permissions" },
];

function permissionsText(c: OrgClient): string {
  return c.permissions.length ? c.permissions.join(", ") : "All";
}

function sortText(r: OverviewClientRow, key: SortKey): string {
  switch (key) {
    case "organization":
      return r.org.organizationName;
    case "name":
      return r.client.name || r.client.clientId;
    case "clientId":
      return r.client.clientId;
    case "cluster":
      return r.client.clusterName || r.client.clusterId;
    default:
      return permissionsText(r.client);
  }
}

/**
 * The clients of every organization matching `filter` (organization, client name, client id,
 * cluster, permissions): unsorted (`NONE`), by organization in the saved order then by client
 * name; sorted by a column, ties in that order.
 */
export function overviewClientRows(orgs: readonly OrgClients[], filter: string, sort?: Sort<SortKey>): TableRowOf[] {
  const q = filter.trim().toLowerCase();
  const rows: OverviewClientRow[] = [];
  const unsorted: TableRowOf[] = [];
  const failed: TableRowOf[] = [];
  for (const org of orgs) {
    // An organization that could not be listed now shows its last-known clients when Skep kept them.
    if (org.error && !org.keptAt) {
      if (!q || org.organizationName.toLowerCase().includes(q)) {
        unsorted.push({ org, client: null });
        failed.push({ org, client: null });
      }
      continue;
    }
    const byName = [...org.clients].sort(
      (a, b) => COLLATOR.compare(a.name, b.name) || COLLATOR.compare(a.clusterName, b.clusterName),
    );
    for (const client of byName) {
      const fields = [org.organizationName, client.name, client.clientId, client.clusterName, client.clusterId, ...client.permissions];
      if (!q || fields.some((f) => f.toLowerCase().includes(q))) {
        rows.push({ org, client });
        unsorted.push({ org, client });
      }
    }
  }
  // The organizations that could not be listed: in their place, or last when sorted.
  return !sort || sort.dir === "NONE" ? unsorted : [...sortRows(rows, sort, sortText), ...failed];
}

/** Which organization and cluster a client id belongs to: every client of every organization. */
export function OverviewClients() {
  const query = useAppQuery(overviewClientsQuery());
  const { data, error, refresh: load } = query;
  const [filter, setFilter] = useState("");
  const { sort, headerProps } = useSort<SortKey>({ key: "organization", dir: "NONE" });
  const { open, error: openError } = useOpenInOrganization();

  useShortcuts({ refresh: () => void load() });

  const rows = useMemo(() => (data ? overviewClientRows(data.organizations, filter, sort) : []), [data, filter, sort]);
  const failedOrgs = data?.organizations.filter((o) => o.error) ?? [];
  const failedClusters = data?.organizations.flatMap((o) => o.failed.map((f) => ({ org: o, failure: f }))) ?? [];
  const total = data?.organizations.reduce((n, o) => n + o.clients.length, 0) ?? 0;
  const clusters = data?.organizations.reduce((n, o) => n + o.clusterCount, 0) ?? 0;
  const answered = data ? data.organizations.length - failedOrgs.length : 0;
  const kept = keptNote(failedOrgs);
  const names = failedClusters.map(({ org, failure }) => `“${failure.clusterName || failure.clusterId}” (${org.organizationName})`);

  return (
    <>
      <p className="skep-muted">
        {data
          ? `${total} ${total === 1 ? "client" : "clients"} in ${clusters} ${clusters === 1 ? "cluster" : "clusters"} of ${answered} of ${data.organizations.length} organizations${kept}, as of ${shortDateTime(data.fetchedAt)}.`
          : "The API clients of every cluster of every organization: find where a client id belongs."}
      </p>
      {data && query.backgroundError ? (
        <RefreshBanner error={query.backgroundError} fetchedAt={data.fetchedAt} retryIn={query.retryIn} />
      ) : (
        <LastKnownNote data={data} fetching={query.fetching} />
      )}
      {openError ? <ErrorNotice error={openError} title="Could not open the client" /> : null}
      <OrgFailures orgs={failedOrgs} what="clients" onRetry={() => void load()} />
      {failedClusters[0] ? (
        <div className="skep-banner" role="alert" aria-label="Clusters whose clients could not be listed">
          <ErrorNotice
            error={failedClusters[0].failure.error}
            onRetry={() => void load()}
            title={`The clients of ${names.length === 1 ? "cluster" : `${names.length} clusters`} ${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""} could not be listed`}
          />
        </div>
      ) : null}
      <TableContainer>
        <SearchToolbar
          label="All clients of every organization toolbar"
          filterLabel="Filter clients of every organization"
          placeholder="Filter by organization, client, client ID or cluster (Ctrl+F)"
          filter={filter}
          onFilter={setFilter}
          refreshing={query.fetching}
          onRefresh={() => void load()}
        />
        {data ? (
          total === 0 ? (
            <p className="skep-card" role="status">
              {failedOrgs.length === data.organizations.length
                ? "No organization could be listed."
                : clusters === 0
                  ? "No organization has a cluster."
                  : "No cluster has an API client yet."}
            </p>
          ) : rows.length === 0 ? (
            <p className="skep-muted" role="status" style={{ padding: "1rem" }}>
              No client matches “{filter}”.
            </p>
          ) : (
            <ClientsTable
              rows={rows}
              headerProps={headerProps}
              resetKey={`${filter}\u0000${sort.key}\u0000${sort.dir}`}
              onClient={(r) =>
                void open(r.org.organizationId, { kind: "client", clusterId: r.client.clusterId, clientId: r.client.clientId })
              }
              onCluster={(r) => void open(r.org.organizationId, { kind: "cluster", clusterId: r.client.clusterId, tab: "API clients" })}
            />
          )
        ) : error ? (
          <ErrorNotice error={error} countdown={query.retryIn} onRetry={() => void load()} title="Could not list the clients" />
        ) : (
          <LoadingRows label="Loading the clients of every organization" />
        )}
      </TableContainer>
    </>
  );
}

const ClientsTable = memo(function ClientsTable({
  rows,
  headerProps,
  resetKey,
  onClient,
  onCluster,
}: {
  rows: readonly TableRowOf[];
  headerProps: ReturnType<typeof useSort<SortKey>>["headerProps"];
  resetKey: string;
  onClient: (r: OverviewClientRow) => void;
  onCluster: (r: OverviewClientRow) => void;
}) {
  const win = useVirtualRows<HTMLDivElement>(rows.length, ROW_HEIGHT);
  const { scrollToTop } = win;
  useEffect(() => scrollToTop(), [resetKey, scrollToTop]);
  return (
    <div ref={win.ref} className="skep-vscroll" data-testid="overview-clients-scroll">
      <Table aria-label="API clients of every organization" aria-rowcount={rows.length + 1} size="md" className="skep-vtable skep-overview skep-overview--clients">
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
          {rows.slice(win.start, win.end).map((r, i) =>
            r.client === null ? (
              <FailedOrgRow key={`${r.org.organizationId}/`} org={r.org} rowIndex={win.start + i + 2} columns={COLUMNS.length} />
            ) : (
              <ClientRow key={`${r.org.organizationId}/${r.client.clusterId}/${r.client.clientId}`} row={r} index={win.start + i + 2} onClient={onClient} onCluster={onCluster} />
            ),
          )}
          <SpacerRow height={win.padBottom} columns={COLUMNS.length} />
        </TableBody>
      </Table>
    </div>
  );
});

function ClientRow({
  row: r,
  index,
  onClient,
  onCluster,
}: {
  row: OverviewClientRow;
  index: number;
  onClient: (r: OverviewClientRow) => void;
  onCluster: (r: OverviewClientRow) => void;
}) {
  return (
    <TableRow aria-rowindex={index}>
      <TableCell>
        <OrgCell org={r.org} />
      </TableCell>
      <TableCell title={r.client.name || r.client.clientId}>
        <a
          href="#"
          className="cds--link"
          onClick={(e) => {
            e.preventDefault();
            onClient(r);
          }}
        >
          {r.client.name || r.client.clientId}
        </a>
      </TableCell>
      <TableCell title={r.client.clientId}>
        <code>{r.client.clientId}</code>
      </TableCell>
      <TableCell title={r.client.clusterName || r.client.clusterId}>
        <a
          href="#"
          className="cds--link"
          onClick={(e) => {
            e.preventDefault();
            onCluster(r);
          }}
        >
          {r.client.clusterName || r.client.clusterId}
        </a>
      </TableCell>
      <TableCell title={permissionsText(r.client)}>{permissionsText(r.client)}</TableCell>
    </TableRow>
  );
}

import { memo, useMemo, useState } from "react";
import { Link, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow } from "@carbon/react";
import { ArrowLeft } from "@carbon/icons-react";
import type { OrgClient } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { LoadingRows } from "../../components/LoadingRows";
import { RefreshBanner } from "../../components/RefreshBanner";
import { LastKnownNote } from "../../components/LastKnownNote";
import { SearchToolbar } from "../../components/SearchToolbar";
import { SpacerRow } from "../../components/SpacerRow";
import { allClientsQuery } from "../../lib/queries";
import { useAppQuery } from "../../lib/useAppQuery";
import { useShortcuts } from "../../lib/useShortcuts";
import { useVirtualRows } from "../../lib/useVirtualRows";

const ROW_HEIGHT = 48;
const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Rows matching `filter` (client name, client id, cluster name, permissions), by client name. */
export function filterOrgClients(clients: readonly OrgClient[], filter: string): OrgClient[] {
  const q = filter.trim().toLowerCase();
  const rows = q
    ? clients.filter((c) =>
        [c.name, c.clientId, c.clusterName, ...c.permissions].some((s) => s.toLowerCase().includes(q)),
      )
    : [...clients];
  return rows.sort((a, b) => COLLATOR.compare(a.name, b.name) || COLLATOR.compare(a.clusterName, b.clusterName));
}

/** Every client of every cluster of the organization: find which cluster a client id belongs to. */
export function AllClientsScreen() {
  const app = useApp();
  const query = useAppQuery(allClientsQuery(app.activeOrg?.id ?? ""));
  const { data, error, refresh: load } = query;
  const [filter, setFilter] = useState("");

  useShortcuts({ refresh: () => void load() });

  const rows = useMemo(() => (data ? filterOrgClients(data.clients, filter) : []), [data, filter]);
  const failedNames = data?.failed.map((f) => f.clusterName || f.clusterId) ?? [];
  const firstFailure = data?.failed[0];

  return (
    <section aria-labelledby="all-clients-title">
      <Link
        href="#"
        renderIcon={ArrowLeft}
        onClick={(e: React.MouseEvent) => {
          e.preventDefault();
          app.navigate({ kind: "clusters" });
        }}
      >
        Back to clusters
      </Link>
      <h1 id="all-clients-title" className="skep-page-title">All clients</h1>
      <p className="skep-muted">
        {data
          ? `${data.clients.length} ${data.clients.length === 1 ? "client" : "clients"} in ${data.clusterCount} ${data.clusterCount === 1 ? "cluster" : "clusters"}.`
          : "The API clients of every cluster of this organization."}
      </p>
      {data && query.backgroundError ? (
        <RefreshBanner error={query.backgroundError} fetchedAt={data.fetchedAt} retryIn={query.retryIn} />
      ) : (
        <LastKnownNote data={data} fetching={query.fetching} />
      )}
      {firstFailure ? (
        <div className="skep-banner" role="alert">
          <ErrorNotice
            error={firstFailure.error}
            onRetry={() => void load()}
            title={`The clients of ${failedNames.length === 1 ? "cluster" : `${failedNames.length} clusters`} ${failedNames.slice(0, 3).map((n) => `“${n}”`).join(", ")}${failedNames.length > 3 ? ", …" : ""} could not be listed`}
          />
        </div>
      ) : null}
      <TableContainer>
        <SearchToolbar
          label="All clients toolbar"
          filterLabel="Filter clients"
          placeholder="Filter by client, client ID or cluster (Ctrl+F)"
          filter={filter}
          onFilter={setFilter}
          refreshing={query.fetching}
          onRefresh={() => void load()}
        />
        {data ? (
          data.clients.length === 0 ? (
            <p className="skep-card" role="status">
              {data.clusterCount === 0 ? "This organization has no clusters." : "No cluster of this organization has a client yet."}
            </p>
          ) : rows.length === 0 ? (
            <p className="skep-muted" role="status" style={{ padding: "1rem" }}>
              No client matches “{filter}”.
            </p>
          ) : (
            <OrgClientsTable
              rows={rows}
              onClient={(c) => app.navigate({ kind: "client", clusterId: c.clusterId, clientId: c.clientId })}
              onCluster={(c) => app.navigate({ kind: "cluster", clusterId: c.clusterId, tab: "API clients" })}
            />
          )
        ) : error ? (
          <ErrorNotice error={error} countdown={query.retryIn} onRetry={() => void load()} title="Could not list the clients" />
        ) : (
          <LoadingRows label="Loading the clients of every cluster" />
        )}
      </TableContainer>
    </section>
  );
}

const OrgClientsTable = memo(function OrgClientsTable({
  rows,
  onClient,
  onCluster,
}: {
  rows: readonly OrgClient[];
  onClient: (c: OrgClient) => void;
  onCluster: (c: OrgClient) => void;
}) {
  const win = useVirtualRows<HTMLDivElement>(rows.length, ROW_HEIGHT);
  return (
    <div ref={win.ref} className="skep-vscroll" data-testid="all-clients-scroll">
      <Table aria-label="All clients" aria-rowcount={rows.length + 1} size="md" className="skep-vtable">
        <TableHead>
          <TableRow aria-rowindex={1}>
            <TableHeader>Name</TableHeader>
            <TableHeader>Client ID</TableHeader>
            <TableHeader>Cluster</TableHeader>
            <TableHeader>Permissions</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          <SpacerRow height={win.padTop} columns={4} />
          {rows.slice(win.start, win.end).map((c, i) => (
            <TableRow key={`${c.clusterId}/${c.clientId}`} aria-rowindex={win.start + i + 2}>
              <TableCell>
                <a
                  href="#"
                  className="cds--link"
                  onClick={(e) => {
                    e.preventDefault();
                    onClient(c);
                  }}
                >
                  {c.name || c.clientId}
                </a>
              </TableCell>
              <TableCell>
                <code>{c.clientId}</code>
              </TableCell>
              <TableCell>
                <a
                  href="#"
                  className="cds--link"
                  onClick={(e) => {
                    e.preventDefault();
                    onCluster(c);
                  }}
                >
                  {c.clusterName || c.clusterId}
                </a>
              </TableCell>
              <TableCell>{c.permissions.length ? c.permissions.join(", ") : "All"}</TableCell>
            </TableRow>
          ))}
          <SpacerRow height={win.padBottom} columns={4} />
        </TableBody>
      </Table>
    </div>
  );
});

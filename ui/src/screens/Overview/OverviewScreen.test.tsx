import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import type { OrgClients, OrgClusters, Overview, OverviewClients } from "../../api";
import { acmeOrg, appError, cluster, clusterList, demoClusters, findCluster, orgsState, sandboxOrg } from "../../test/fixtures";
import { deferred, mockCommands, type Handlers } from "../../test/ipc";

const prodOrg = { ...acmeOrg, id: "prod", name: "Acme Prod", color: "red" as const, production: true };
const stagingOrg = { ...acmeOrg, id: "staging", name: "Acme Staging", color: "teal" as const };

function part(
  org: typeof acmeOrg, clusters = demoClusters, error: OrgClusters["error"] = null, keptAt: string | null = null,
): OrgClusters {
  return {
    organizationId: org.id, organizationName: org.name, color: org.color, production: org.production, clusters, error, keptAt,
  };
}

const overview: Overview = {
  organizations: [
    part(sandboxOrg),
    part(prodOrg, [cluster("p1", "payments-prod", "Healthy", { stageLabel: "prod" })]),
    part(stagingOrg, [], appError("network", { message: "Could not reach Camunda (connection refused)." })),
  ],
  fetchedAt: "2026-12-04T09:14:00Z",
};

function clientsPart(org: typeof acmeOrg, clients: OrgClients["clients"], extra: Partial<OrgClients> = {}): OrgClients {
  return {
    organizationId: org.id, organizationName: org.name, color: org.color, production: org.production,
    clusterCount: new Set(clients.map((c) => c.clusterId)).size, clients, failed: [], error: null, keptAt: null, ...extra,
  };
}

const orgClient = (clusterId: string, clusterName: string, name: string, clientId: string, permissions = ["Zeebe"]) => ({
  clusterId, clusterName, name, clientId, permissions,
});

const overviewClients: OverviewClients = {
  organizations: [
    clientsPart(sandboxOrg, [orgClient("c1", "orders-prod", "worker", "sbx-worker-id")], {
      failed: [{ clusterId: "c2", clusterName: "billing-dev", error: appError("server", { message: "Camunda answered 500." }) }],
      clusterCount: 2,
    }),
    clientsPart(prodOrg, [
      orgClient("p1", "payments-prod", "payments-worker", "PROD-7Q2"),
      orgClient("p1", "payments-prod", "audit", "PROD-AUD", []),
    ]),
    clientsPart(stagingOrg, [], { error: appError("network", { message: "Could not reach Camunda (connection refused)." }), clusterCount: 0 }),
  ],
  fetchedAt: "2026-12-04T09:15:00Z",
};

async function openOverview(over: Partial<Overview> = {}, handlers: Handlers = {}) {
  let state = orgsState(sandboxOrg, [prodOrg, stagingOrg]);
  const calls = mockCommands({
    list_organizations: () => state,
    list_clusters: () => clusterList(),
    list_all_organizations_clusters: () => ({ ...overview, ...over }),
    list_all_organizations_clients: () => overviewClients,
    get_client: (a) => ({
      clusterId: a.clusterId, name: "payments-worker", clientId: a.clientId, zeebeAddress: "p1.bru-2.zeebe.camunda.io:443",
      authorizationServerUrl: "https://login.cloud.camunda.io/oauth/token", credentialsFile: `ZEEBE_CLIENT_ID='${a.clientId}'`,
    }),
    set_active_organization: (a) => {
      state = orgsState(a.id === "prod" ? prodOrg : sandboxOrg, [prodOrg, stagingOrg]);
      return state;
    },
    get_cluster: (a) => (a.clusterId === "p1" ? cluster("p1", "payments-prod", "Healthy") : findCluster(a.clusterId)),
    list_clients: () => [],
    save_inventory: () => "/home/me/skep-inventory.json",
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("link", { name: "orders-prod" });
  await user.click(screen.getByRole("link", { name: "All organizations" }));
  await screen.findByRole("heading", { name: "All organizations" });
  return { calls, user };
}

describe("All organizations", () => {
  it("lists the clusters of every organization and names the one that could not be listed", async () => {
    await openOverview();
    const table = await screen.findByRole("table", { name: "Clusters of every organization" });
    const rows = within(table).getAllByRole("row").slice(1);
    // Every cluster, and Acme Staging's row in its place (the last organization) saying why.
    expect(rows).toHaveLength(demoClusters.length + 2);
    expect(rows.at(-1)).toHaveTextContent(/^Acme Staging\s*Not listed: Could not reach Camunda \(connection refused\)\.$/);
    const prodRow = rows.find((r) => within(r).queryByText("payments-prod"))!;
    expect(within(prodRow).getByText("Acme Prod")).toBeInTheDocument();
    expect(within(prodRow).getByText("Production")).toBeInTheDocument();
    expect(within(prodRow).getByText("prod")).toBeInTheDocument();
    const alert = screen.getByRole("alert", { name: "Acme Staging could not be listed" });
    expect(within(alert).getByText(/connection refused/)).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`${demoClusters.length + 1} clusters in 2 of 3 organizations`))).toBeInTheDocument();
  });

  it("shows every organization's kept clusters at once, dated by the oldest, then the fresh overview", async () => {
    const fresh = deferred<Overview>();
    const kept: Overview = {
      organizations: [part(prodOrg, [cluster("p-old", "kept-payments", "Healthy")])],
      fetchedAt: "2026-11-27T10:42:00",
    };
    await openOverview({}, { last_known_overview: () => kept, list_all_organizations_clusters: () => fresh.promise });
    const table = await screen.findByRole("table", { name: "Clusters of every organization" });
    expect(within(table).getByText("kept-payments")).toBeInTheDocument();
    expect(screen.getByText("As of 2026-11-27 10:42 (the last list Skep fetched) — refreshing…")).toBeInTheDocument();
    fresh.resolve(overview);
    expect(await within(table).findByText("payments-prod")).toBeInTheDocument();
    expect(within(table).queryByText("kept-payments")).not.toBeInTheDocument();
    expect(screen.queryByText(/the last list Skep fetched/)).not.toBeInTheDocument();
  });

  it("shows the kept clusters of an organization that could not be refreshed, dated, with the others fresh", async () => {
    const offline = appError("network", { message: "Could not reach Camunda (connection refused)." });
    await openOverview({
      organizations: [
        part(sandboxOrg),
        part(stagingOrg, [cluster("s-old", "kept-staging", "Healthy")], offline, "2026-11-27T10:42:00"),
      ],
    });
    const table = await screen.findByRole("table", { name: "Clusters of every organization" });
    const rows = within(table).getAllByRole("row").slice(1);
    // Its kept cluster is a row like the others, not a "Not listed" row.
    expect(rows).toHaveLength(demoClusters.length + 1);
    expect(within(table).getByText("kept-staging")).toBeInTheDocument();
    expect(within(table).queryByText(/Not listed/)).not.toBeInTheDocument();
    expect(screen.getByText(new RegExp(`${demoClusters.length + 1} clusters in 1 of 2 organizations \\(and 1 as last listed\\)`))).toBeInTheDocument();
    const alert = screen.getByRole("alert", { name: "Acme Staging could not be refreshed" });
    expect(alert).toHaveTextContent(/The clusters of “Acme Staging” could not be refreshed — showing them as of 2026-11-27 10:42/);
    expect(within(alert).getByText(/connection refused/)).toBeInTheDocument();
  });

  it("shows the kept clients of an organization that could not be refreshed", async () => {
    const { user } = await openOverview({}, {
      list_all_organizations_clients: () => ({
        ...overviewClients,
        organizations: [
          clientsPart(sandboxOrg, [orgClient("c1", "orders-prod", "worker", "sbx-worker-id")]),
          clientsPart(stagingOrg, [orgClient("s1", "staging-1", "kept-worker", "STG-KEPT")], {
            error: appError("network"), keptAt: "2026-11-27T10:42:00",
          }),
        ],
      }),
    });
    await user.click(screen.getByRole("tab", { name: "API clients" }));
    expect(await screen.findByText("STG-KEPT")).toBeInTheDocument();
    expect(screen.queryByText(/Not listed/)).not.toBeInTheDocument();
    expect(screen.getByRole("alert", { name: "Acme Staging could not be refreshed" })).toHaveTextContent(
      /The clients of “Acme Staging” could not be refreshed — showing them as of 2026-11-27 10:42/,
    );
  });

  it("offline: every organization's kept clients with the offline banner", async () => {
    const { user } = await openOverview({}, {
      last_known_overview_clients: () => ({ ...overviewClients, fetchedAt: "2026-11-27T10:42:00" }),
      list_all_organizations_clients: async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw appError("network");
      },
    });
    await user.click(screen.getByRole("tab", { name: "API clients" }));
    expect(await screen.findByText("Offline — showing data from 2026-11-27 10:42")).toBeInTheDocument();
    expect(screen.getByText("PROD-7Q2")).toBeInTheDocument();
    expect(screen.queryByText(/Could not list the clients/)).not.toBeInTheDocument();
  });

  it("filters across organizations", async () => {
    const { user } = await openOverview();
    await user.type(screen.getByRole("searchbox", { name: "Filter clusters of every organization" }), "acme prod");
    const table = screen.getByRole("table", { name: "Clusters of every organization" });
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    expect(within(table).getByText("payments-prod")).toBeInTheDocument();
  });

  it("opens a cluster of another organization by switching to it first", async () => {
    const { calls, user } = await openOverview();
    await user.click(await screen.findByRole("link", { name: "payments-prod" }));
    await screen.findByRole("heading", { name: "payments-prod" });
    const order = calls.map((c) => c.cmd).filter((c) => c === "set_active_organization" || c === "get_cluster");
    expect(order[0]).toBe("set_active_organization");
    expect(calls.find((c) => c.cmd === "set_active_organization")?.args).toEqual({ id: "prod" });
    expect(calls.some((c) => c.cmd === "get_cluster" && c.args.clusterId === "p1")).toBe(true);
    expect(screen.getByRole("banner")).toHaveClass("skep-header--red");
  });

  it("exports the inventory as JSON with the clients through the save dialog", async () => {
    const { calls, user } = await openOverview();
    await user.click(screen.getByRole("button", { name: "Export inventory…" }));
    const dialog = await screen.findByRole("dialog", { name: "Export inventory" });
    await user.click(within(dialog).getByRole("radio", { name: /^JSON/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /API clients/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save…" }));
    expect(await screen.findByText("Saved to /home/me/skep-inventory.json (readable only by you).")).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Export inventory" })).not.toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "save_inventory")?.args).toEqual({ format: "json", withClients: true });
  });

  it("keeps the export dialog open when the save dialog is cancelled", async () => {
    const { user } = await openOverview({}, { save_inventory: () => null });
    await user.click(screen.getByRole("button", { name: "Export inventory…" }));
    const dialog = await screen.findByRole("dialog", { name: "Export inventory" });
    await user.click(within(dialog).getByRole("button", { name: "Save…" }));
    await waitFor(() => expect(within(dialog).getByRole("button", { name: "Save…" })).toBeEnabled());
    expect(screen.getByRole("dialog", { name: "Export inventory" })).toBeInTheDocument();
    expect(screen.queryByText(/Saved to/)).not.toBeInTheDocument();
  });
  it("sorts by a column, then the other way, then back to the organizations' order", async () => {
    const { user } = await openOverview();
    const table = await screen.findByRole("table", { name: "Clusters of every organization" });
    const cells = () => within(table).getAllByRole("row").slice(1).map((r) => within(r).getAllByRole("cell")[1]?.textContent);
    // The organization that could not be listed stays last in every order.
    const names = () => {
      const all = cells();
      expect(all.at(-1)).toMatch(/^Not listed:/);
      return all.slice(0, -1);
    };
    const unsorted = names();
    expect(unsorted.at(-1)).toBe("payments-prod");
    const header = () => within(table).getByRole("columnheader", { name: /Name/ });
    await user.click(within(header()).getByRole("button"));
    const ascending = [...unsorted].sort((a, b) => a!.localeCompare(b!, undefined, { numeric: true, sensitivity: "base" }));
    expect(names()).toEqual(ascending);
    expect(header()).toHaveAttribute("aria-sort", "ascending");
    await user.click(within(header()).getByRole("button"));
    expect(names()).toEqual([...ascending].reverse());
    expect(header()).toHaveAttribute("aria-sort", "descending");
    await user.click(within(header()).getByRole("button"));
    expect(names()).toEqual(unsorted);
    // By organization: Acme Prod before Sandbox.
    await user.click(within(within(table).getByRole("columnheader", { name: /Organization/ })).getByRole("button"));
    expect(names()[0]).toBe("payments-prod");
  });

  it("finds which organization and cluster a client id belongs to, and opens it there", async () => {
    const { calls, user } = await openOverview();
    await user.click(screen.getByRole("tab", { name: "API clients" }));
    const table = await screen.findByRole("table", { name: "API clients of every organization" });
    // Three clients, and Acme Staging's row saying why it is not listed.
    expect(within(table).getAllByRole("row")).toHaveLength(5);
    expect(within(table).getAllByRole("row").at(-1)).toHaveTextContent(/^Acme Staging\s*Not listed: Could not reach Camunda/);
    expect(screen.getByText(/3 clients in 3 clusters of 2 of 3 organizations/)).toBeInTheDocument();
    expect(screen.getByRole("alert", { name: "Acme Staging could not be listed" })).toHaveTextContent(/connection refused/);
    expect(screen.getByRole("alert", { name: "Clusters whose clients could not be listed" })).toHaveTextContent(
      /The clients of cluster “billing-dev” \(Sandbox\) could not be listed/,
    );
    await user.type(screen.getByRole("searchbox", { name: "Filter clients of every organization" }), "prod-7q");
    await waitFor(() => expect(within(table).getAllByRole("row")).toHaveLength(2));
    const row = within(table).getAllByRole("row")[1]!;
    expect(within(row).getByText("Acme Prod")).toBeInTheDocument();
    expect(within(row).getByText("Production")).toBeInTheDocument();
    expect(within(row).getByRole("link", { name: "payments-prod" })).toBeInTheDocument();
    await user.click(within(row).getByRole("link", { name: "payments-worker" }));
    await screen.findByRole("heading", { name: "Client “payments-worker”" });
    const order = calls.map((c) => c.cmd).filter((c) => c === "set_active_organization" || c === "get_client");
    expect(order).toEqual(["set_active_organization", "get_client"]);
    expect(calls.find((c) => c.cmd === "set_active_organization")?.args).toEqual({ id: "prod" });
    expect(calls.find((c) => c.cmd === "get_client")?.args).toEqual({ clusterId: "p1", clientId: "PROD-7Q2" });
    expect(screen.getByRole("banner")).toHaveClass("skep-header--red");
  });

  it("asks for the clients only when their tab opens", async () => {
    const { calls, user } = await openOverview();
    await screen.findByRole("table", { name: "Clusters of every organization" });
    expect(calls.some((c) => c.cmd === "list_all_organizations_clients")).toBe(false);
    await user.click(screen.getByRole("tab", { name: "API clients" }));
    await screen.findByRole("table", { name: "API clients of every organization" });
    expect(calls.filter((c) => c.cmd === "list_all_organizations_clients")).toHaveLength(1);
  });
});

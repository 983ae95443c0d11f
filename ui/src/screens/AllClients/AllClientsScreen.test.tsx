import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import type { AllClients, OrgClient } from "../../api";
import { appError, clusterList, orgsState } from "../../test/fixtures";
import { deferred, mockCommands } from "../../test/ipc";
import { filterOrgClients } from "./AllClientsScreen";

const row = (clusterId: string, clusterName: string, name: string, clientId: string, permissions: string[] = []): OrgClient => ({
  clusterId, clusterName, name, clientId, permissions,
});

const all = (over: Partial<AllClients> = {}): AllClients => ({
  organizationId: "sandbox",
  clusterCount: 2,
  clients: [
    row("c-1", "orders-prod", "worker", "id-worker-1", ["Zeebe"]),
    row("c-2", "payments-staging", "worker", "id-worker-2", ["Zeebe"]),
    row("c-2", "payments-staging", "operate-reader", "id-reader", ["Operate"]),
  ],
  failed: [],
  fetchedAt: "2026-11-27T10:42:00Z",
  ...over,
});

async function openAllClients() {
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("table", { name: "Clusters" });
  await user.click(screen.getByRole("button", { name: "All clients" }));
  return user;
}

describe("All clients", () => {
  it("lists every client with its cluster, filters, and opens a client or its cluster", async () => {
    const calls = mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      list_all_clients: () => all(),
      get_cluster: () => { throw appError("not_found"); },
    });
    const user = await openAllClients();
    const table = await screen.findByRole("table", { name: "All clients" });
    expect(screen.getByText("3 clients in 2 clusters.")).toBeInTheDocument();
    expect(within(table).getAllByRole("link", { name: "worker" })).toHaveLength(2);
    // Filter by client id: the cluster it belongs to is on the same row.
    await user.type(screen.getByRole("searchbox", { name: "Filter clients" }), "id-worker-2");
    await waitFor(() => expect(within(table).getAllByRole("link", { name: "worker" })).toHaveLength(1));
    const r = within(table).getByText("id-worker-2").closest("tr")!;
    expect(within(r).getByRole("link", { name: "payments-staging" })).toBeInTheDocument();
    await user.click(within(r).getByRole("link", { name: "payments-staging" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "get_cluster" && c.args.clusterId === "c-2")).toBe(true));
  });

  it("names the clusters whose clients could not be listed and still shows the others", async () => {
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      list_all_clients: () =>
        all({
          clients: [row("c-2", "payments-staging", "worker", "id-worker-2")],
          failed: [{ clusterId: "c-1", clusterName: "orders-prod", error: appError("server", { message: "Camunda answered 500." }) }],
        }),
    });
    await openAllClients();
    expect(await screen.findByText(/The clients of cluster “orders-prod” could not be listed/)).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "All clients" });
    expect(within(table).getByRole("link", { name: "worker" })).toBeInTheDocument();
  });

  it("shows the error when nothing could be listed, and retries", async () => {
    let fail = true;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      list_all_clients: () => {
        if (fail) throw appError("network", { message: "Camunda could not be reached." });
        return all();
      },
    });
    const user = await openAllClients();
    const retry = await screen.findByRole("button", { name: /try again|retry/i });
    fail = false;
    await user.click(retry);
    expect(await screen.findByRole("table", { name: "All clients" })).toBeInTheDocument();
  });

  it("keeps the clients and shows the refresh banner when a refresh fails, then recovers", async () => {
    let fail = false;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      list_all_clients: () => {
        if (fail) throw appError("network");
        return all({ fetchedAt: "2026-11-27T10:42:00" });
      },
    });
    const user = await openAllClients();
    const table = await screen.findByRole("table", { name: "All clients" });
    fail = true;
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Offline — showing data from 2026-11-27 10:42")).toBeInTheDocument();
    expect(within(table).getAllByRole("link", { name: "worker" })).toHaveLength(2);
    expect(screen.getByText("3 clients in 2 clusters.")).toBeInTheDocument();
    fail = false;
    await user.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(screen.queryByText(/showing data from/)).not.toBeInTheDocument());
  });

  it("shows the clients kept from the last listing at once, dated, then the fresh ones", async () => {
    const fresh = deferred<AllClients>();
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      last_known_all_clients: () => all({ clients: [row("c-1", "orders-prod", "kept-worker", "id-kept")], fetchedAt: "2026-11-27T10:42:00" }),
      list_all_clients: () => fresh.promise,
    });
    await openAllClients();
    expect(await screen.findByText("id-kept")).toBeInTheDocument();
    expect(screen.getByText("As of 2026-11-27 10:42 (the last list Skep fetched) — refreshing…")).toBeInTheDocument();
    fresh.resolve(all());
    expect(await screen.findByText("id-reader")).toBeInTheDocument();
    expect(screen.queryByText("id-kept")).not.toBeInTheDocument();
    expect(screen.queryByText(/the last list Skep fetched/)).not.toBeInTheDocument();
  });

  it("filters by name, client id, cluster or permission, sorted by name", () => {
    const rows = all().clients;
    expect(filterOrgClients(rows, "").map((c) => c.clientId)).toEqual(["id-reader", "id-worker-1", "id-worker-2"]);
    expect(filterOrgClients(rows, "ORDERS").map((c) => c.clientId)).toEqual(["id-worker-1"]);
    expect(filterOrgClients(rows, "operate").map((c) => c.clientId)).toEqual(["id-reader"]);
    expect(filterOrgClients(rows, "nothing-like-this")).toEqual([]);
  });
});

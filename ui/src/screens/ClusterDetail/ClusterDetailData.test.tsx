import { screen, waitFor, within } from "@testing-library/react";
import type { ClientView } from "../../api";
import { appError, clients, cluster, sandboxOrg } from "../../test/fixtures";
import { deferred } from "../../test/ipc";
import { createWorker9, created, openOrdersProd } from "./testSupport";

const banner = () => screen.queryAllByText(/showing data from \d\d:\d\d$/);

describe("Cluster detail data", () => {
  it("counts down in the banner when a refresh is rate limited, keeps the data, then retries", async () => {
    let n = 0;
    const { user } = await openOrdersProd({
      get_cluster: () => {
        n += 1;
        if (n === 2) throw appError("rate_limited", { retryAfterSecs: 1 });
        return cluster("c1", "orders-prod", "Healthy");
      },
    });
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText(/^Rate limited — showing data from \d\d:\d\d$/)).toBeInTheDocument();
    expect(screen.getByText(/Retrying in 1 s\./)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "orders-prod" })).toBeInTheDocument();
    await waitFor(() => expect(n).toBe(3), { timeout: 3000 });
    await waitFor(() => expect(banner()).toHaveLength(0));
  });

  it("keeps the clients with one banner when their refresh fails", async () => {
    let fail = false;
    const { user } = await openOrdersProd({
      list_clients: () => {
        if (fail) throw appError("network");
        return clients;
      },
    }, sandboxOrg, "API clients");
    const table = await screen.findByRole("table", { name: "Clients" });
    fail = true;
    await user.keyboard("{Control>}r{/Control}");
    expect(await screen.findByText(/^Offline — showing data from \d\d:\d\d$/)).toBeInTheDocument();
    expect(within(table).getByRole("link", { name: "worker-1" })).toBeInTheDocument();
    expect(banner()).toHaveLength(1);
    fail = false;
    await user.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(banner()).toHaveLength(0));
  });

  it("shows a created client at once and keeps it until the API lists it", async () => {
    const { calls, user } = await openOrdersProd({
      create_client: () => created,
      acknowledge_pending_secret: () => null,
      list_clients: () => clients, // never lists it (yet)
    });
    const dialog = await createWorker9(user);
    await user.click(within(dialog).getByRole("checkbox", { name: "I have copied or downloaded the secret" }));
    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    // Closing the secret dialog loads the clients again; the API does not list it yet.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_clients").length).toBeGreaterThanOrEqual(2));
    const table = screen.getByRole("table", { name: "Clients" });
    expect(within(table).getByRole("link", { name: "worker-9" })).toBeInTheDocument();
    expect(within(table).getByRole("link", { name: "worker-1" })).toBeInTheDocument();
  });

  it("shows the cluster's last-known clients at once while the fresh ones load, then the fresh ones", async () => {
    const fresh = deferred<ClientView[]>();
    await openOrdersProd({
      last_known_clients: (a) => ({
        clusterId: a.clusterId,
        clients: [{ name: "kept-worker", clientId: "kept-id", permissions: ["Zeebe"] }],
        fetchedAt: "2026-11-27T10:42:00",
      }),
      list_clients: () => fresh.promise,
    }, sandboxOrg, "API clients");
    const table = await screen.findByRole("table", { name: "Clients" });
    expect(within(table).getByRole("link", { name: "kept-worker" })).toBeInTheDocument();
    expect(screen.getByText("As of 2026-11-27 10:42 (the last list Skep fetched) — refreshing…")).toBeInTheDocument();
    fresh.resolve(clients);
    expect(await within(table).findByRole("link", { name: "worker-1" })).toBeInTheDocument();
    expect(within(table).queryByRole("link", { name: "kept-worker" })).not.toBeInTheDocument();
    expect(screen.queryByText(/the last list Skep fetched/)).not.toBeInTheDocument();
  });

  it("offline: the last-known clients with the offline banner dated by them, not an error", async () => {
    await openOrdersProd({
      last_known_clients: (a) => ({ clusterId: a.clusterId, clients, fetchedAt: "2026-11-27T10:42:00" }),
      list_clients: async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw appError("network");
      },
    }, sandboxOrg, "API clients");
    expect(await screen.findByText("Offline — showing data from 2026-11-27 10:42")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "worker-1" })).toBeInTheDocument();
    expect(screen.queryByText(/Could not load the clients/)).not.toBeInTheDocument();
  });

  it("ignores another cluster's kept clients", async () => {
    const fresh = deferred<ClientView[]>();
    await openOrdersProd({
      last_known_clients: () => ({ clusterId: "c-other", clients, fetchedAt: "2026-11-27T10:42:00" }),
      list_clients: () => fresh.promise,
    }, sandboxOrg, "API clients");
    expect(await screen.findByRole("status", { name: "Loading clients" })).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole("link", { name: "worker-1" })).not.toBeInTheDocument();
    fresh.resolve([]);
  });
});

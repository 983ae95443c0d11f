import { screen, waitFor, within } from "@testing-library/react";
import { appError, clients, cluster, sandboxOrg } from "../../test/fixtures";
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
});

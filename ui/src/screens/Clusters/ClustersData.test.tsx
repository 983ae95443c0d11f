import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import { appError, cluster, clusterList, demoClusters, orgsState, params, sandboxOrg } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";

const rowOf = (name: string) => screen.getByRole("link", { name }).closest("tr")!;

describe("Clusters data", () => {
  it("reads the organizations again after a 403 while listing, and disables what was denied", async () => {
    let denied = false;
    const calls = mockCommands({
      list_organizations: () => orgsState(denied ? { ...sandboxOrg, deniedPermissions: ["create_clusters"] } : sandboxOrg),
      list_clusters: () => {
        denied = true;
        throw appError("forbidden", { permission: "get_clusters" });
      },
    });
    render(<App />);
    expect(await screen.findByText(/lacks the “Get clusters” permission/)).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_organizations")).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole("button", { name: "Create cluster" })).toBeDisabled());
    expect(calls.filter((c) => c.cmd === "list_clusters")).toHaveLength(1); // no blind retry
  });

  it("shows a created cluster at once and keeps it until the API lists it", async () => {
    let listed = false;
    const calls = mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () =>
        clusterList(listed ? [...demoClusters, cluster("new-id", "billing-dev", "Creating", { region: "Iowa" })] : demoClusters),
      cluster_parameters: () => params,
      create_cluster: () => "new-id",
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    await user.click(screen.getByRole("button", { name: "Create cluster" }));
    const dialog = await screen.findByRole("dialog", { name: "Create cluster" });
    await within(dialog).findByRole("combobox", { name: "Channel" });
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "billing-dev{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(rowOf("billing-dev")).getByText("Creating")).toBeInTheDocument();
    // The list loaded after the create does not have it yet: it stays, also after another refresh.
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_clusters").length).toBeGreaterThanOrEqual(2));
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "list_clusters").length).toBeGreaterThanOrEqual(3));
    expect(screen.getAllByRole("link", { name: "billing-dev" })).toHaveLength(1);
    // Listed: the API's row replaces it (once).
    listed = true;
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await within(rowOf("billing-dev")).findByText("Iowa")).toBeInTheDocument();
    expect(screen.getAllByRole("link", { name: "billing-dev" })).toHaveLength(1);
  });

  it("polls 3 s after a wake, then backs off", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let woke = false;
      const calls = mockCommands({
        list_organizations: () => orgsState(),
        list_clusters: () => clusterList([cluster("c4", "legacy-batch", woke ? "Resuming" : "Suspended")]),
        wake_cluster: () => {
          woke = true;
          return null;
        },
      });
      const listed = () => calls.filter((c) => c.cmd === "list_clusters").length;
      render(<App />);
      await screen.findByRole("link", { name: "legacy-batch" });
      await act(async () => vi.advanceTimersByTimeAsync(60_000));
      expect(listed()).toBe(1); // nothing transitional: no polling
      await act(async () => screen.getByRole("button", { name: "Wake legacy-batch" }).click());
      expect(await within(rowOf("legacy-batch")).findByText("Resuming")).toBeInTheDocument();
      // Margins of ≥ 0.5 s: real time also moves these fake timers (shouldAdvanceTime), and a
      // busy machine can stall a test for a few hundred ms.
      await act(async () => vi.advanceTimersByTimeAsync(2000));
      expect(listed()).toBe(1);
      await act(async () => vi.advanceTimersByTimeAsync(1500));
      await waitFor(() => expect(listed()).toBe(2));
      // The next one 4.5 s after that one (which ran at 3 s): at 7.5 s.
      await act(async () => vi.advanceTimersByTimeAsync(3000));
      expect(listed()).toBe(2);
      await act(async () => vi.advanceTimersByTimeAsync(1500));
      await waitFor(() => expect(listed()).toBe(3));
    } finally {
      vi.useRealTimers();
    }
  });
});

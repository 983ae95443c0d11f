import { render, screen, waitFor, within, act } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import { appError, cluster, clusterList, demoClusters, orgsState, sandboxOrg } from "../../test/fixtures";
import { deferred, mockCommands } from "../../test/ipc";
import type { ClusterList } from "../../api";

function renderApp() {
  const user = userEvent.setup();
  render(<App />);
  return user;
}

describe("Clusters screen", () => {
  it("shows the active organization's clusters with status as text", async () => {
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
    });
    renderApp();
    const table = await screen.findByRole("table", { name: "Clusters" });
    for (const c of demoClusters) expect(within(table).getByRole("link", { name: c.name })).toBeInTheDocument();
    const row = within(table).getByRole("link", { name: "fraud-detection" }).closest("tr")!;
    expect(within(row).getByText("Unhealthy")).toBeInTheDocument();
    // Sandbox is clearly marked in the header
    expect(screen.getByText("Sandbox", { selector: ".cds--tag, .cds--tag *" })).toBeInTheDocument();
  });

  it("on first run explains the Sandbox and offers adding an organization", async () => {
    mockCommands({ list_organizations: () => orgsState(sandboxOrg, []), list_clusters: () => clusterList() });
    const user = renderApp();
    const note = await screen.findByRole("note", { name: "About the Sandbox" });
    expect(note).toHaveTextContent(/Nothing leaves this computer/);
    await user.click(within(note).getByRole("button", { name: "Add your organization" }));
    expect(await screen.findByRole("heading", { name: "Add your organization" })).toBeInTheDocument();
  });

  it("shows a loading skeleton, then an empty state", async () => {
    let resolve!: (v: ClusterList) => void;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => new Promise<ClusterList>((r) => (resolve = r)),
    });
    renderApp();
    expect(await screen.findByLabelText("Loading clusters")).toBeInTheDocument();
    await act(async () => resolve(clusterList([])));
    expect(await screen.findByText("No clusters yet")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create your first cluster" })).toBeInTheDocument();
  });

  it("filters as you type and focuses the filter with Ctrl+F", async () => {
    mockCommands({ list_organizations: () => orgsState(), list_clusters: () => clusterList() });
    const user = renderApp();
    const table = await screen.findByRole("table", { name: "Clusters" });
    await user.keyboard("{Control>}f{/Control}");
    const filter = screen.getByRole("searchbox", { name: "Filter clusters" });
    expect(filter).toHaveFocus();
    await user.keyboard("pay");
    await waitFor(() => expect(within(table).queryByRole("link", { name: "orders-prod" })).not.toBeInTheDocument());
    expect(within(table).getByRole("link", { name: "payments-staging" })).toBeInTheDocument();
    await user.clear(filter);
    await user.type(filter, "zzz");
    expect(await screen.findByText(/No cluster matches/)).toBeInTheDocument();
  });

  it("sorts by a column when its header is clicked", async () => {
    mockCommands({ list_organizations: () => orgsState(), list_clusters: () => clusterList() });
    const user = renderApp();
    const table = await screen.findByRole("table", { name: "Clusters" });
    const names = () => within(table).getAllByRole("link").map((a) => a.textContent);
    expect(names()[0]).toBe("analytics-dev");
    await user.click(within(table).getByRole("button", { name: /^Name/ }));
    expect(names()[0]).toBe("payments-staging");
    await user.click(within(table).getByRole("button", { name: /^Status/ }));
    expect(names()[0]).toBe("analytics-dev"); // Creating first
  });

  it("refreshes on the Refresh button and on Ctrl+R", async () => {
    const calls = mockCommands({ list_organizations: () => orgsState(), list_clusters: () => clusterList() });
    const user = renderApp();
    await screen.findByRole("table", { name: "Clusters" });
    const count = () => calls.filter((c) => c.cmd === "list_clusters").length;
    expect(count()).toBe(1);
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(count()).toBe(2));
    await user.keyboard("{Control>}r{/Control}");
    await waitFor(() => expect(count()).toBe(3));
  });

  it("names the missing permission when listing is forbidden", async () => {
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => {
        throw appError("forbidden", { permission: "get_clusters" });
      },
    });
    renderApp();
    expect(await screen.findByText(/lacks the “Get clusters” permission/)).toBeInTheDocument();
  });

  it("sends invalid credentials to organization settings", async () => {
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => {
        throw appError("invalid_credentials");
      },
    });
    const user = renderApp();
    expect(await screen.findByText(/invalid_credentials from backend/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Open organization settings" }));
    expect(await screen.findByRole("heading", { name: "Organization settings" })).toBeInTheDocument();
  });

  it("counts down when rate limited, then retries by itself", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let n = 0;
      mockCommands({
        list_organizations: () => orgsState(),
        list_clusters: () => {
          n += 1;
          if (n === 1) throw appError("rate_limited", { retryAfterSecs: 2 });
          return clusterList();
        },
      });
      render(<App />);
      expect(await screen.findByText("rate_limited from backend Retrying in 2 s.")).toBeInTheDocument();
      await act(async () => vi.advanceTimersByTime(1000));
      expect(screen.getByText(/Retrying in 1 s\./)).toBeInTheDocument();
      await act(async () => vi.advanceTimersByTime(1100));
      expect(await screen.findByRole("link", { name: "orders-prod" })).toBeInTheDocument();
      expect(n).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the data and shows the offline banner when a background refresh fails", async () => {
    let fail = false;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => {
        if (fail) throw appError("network");
        return clusterList(demoClusters, "2026-11-27T10:42:00");
      },
    });
    const user = renderApp();
    await screen.findByRole("link", { name: "orders-prod" });
    fail = true;
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText("Offline — showing data from 2026-11-27 10:42")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "orders-prod" })).toBeInTheDocument();
    // a second failure does not stack a second message
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    await waitFor(() => expect(screen.getAllByText(/Offline — showing data from/)).toHaveLength(1));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("shows the last-known list at once while the fresh one loads, then the fresh one", async () => {
    const fresh = deferred<ClusterList>();
    const kept = { ...clusterList([cluster("c-old", "kept-from-last-run", "Healthy")], "2026-11-27T10:42:00"), organizationId: "sandbox" };
    mockCommands({
      list_organizations: () => orgsState(),
      last_known_clusters: () => kept,
      list_clusters: () => fresh.promise,
    });
    renderApp();
    expect(await screen.findByRole("link", { name: "kept-from-last-run" })).toBeInTheDocument();
    expect(screen.getByText("As of 2026-11-27 10:42 (the last list Skep fetched) — refreshing…")).toBeInTheDocument();
    fresh.resolve(clusterList());
    expect(await screen.findByRole("link", { name: "orders-prod" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "kept-from-last-run" })).not.toBeInTheDocument();
    expect(screen.queryByText(/the last list Skep fetched/)).not.toBeInTheDocument();
  });

  it("offline at start: the last-known list with the offline banner, not an error", async () => {
    mockCommands({
      list_organizations: () => orgsState(),
      last_known_clusters: () => clusterList(demoClusters, "2026-11-27T10:42:00"),
      list_clusters: async () => {
        await new Promise((r) => setTimeout(r, 20));
        throw appError("network");
      },
    });
    renderApp();
    expect(await screen.findByText("Offline — showing data from 2026-11-27 10:42")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "orders-prod" })).toBeInTheDocument();
    expect(screen.queryByText(/Could not list/)).not.toBeInTheDocument();
  });

  it("does not show another organization's last-known list", async () => {
    const fresh = deferred<ClusterList>();
    mockCommands({
      list_organizations: () => orgsState(),
      last_known_clusters: () => ({ ...clusterList([cluster("c-x", "someone-elses", "Healthy")]), organizationId: "other-org" }),
      list_clusters: () => fresh.promise,
    });
    renderApp();
    await screen.findByRole("heading", { name: "Clusters" });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole("link", { name: "someone-elses" })).not.toBeInTheDocument();
    fresh.resolve(clusterList());
    expect(await screen.findByRole("link", { name: "orders-prod" })).toBeInTheDocument();
  });

  it("polls while a cluster is Creating, backing off, and stops when settled", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let n = 0;
      mockCommands({
        list_organizations: () => orgsState(),
        list_clusters: () => {
          n += 1;
          const state = n >= 3 ? "Healthy" : "Creating";
          return clusterList([cluster("c3", "analytics-dev", state)]);
        },
      });
      render(<App />);
      await screen.findByRole("link", { name: "analytics-dev" });
      await act(async () => {}); // let the polling effect start
      expect(n).toBe(1);
      await act(async () => vi.advanceTimersByTimeAsync(3000));
      await waitFor(() => expect(n).toBe(2));
      await act(async () => {});
      await act(async () => vi.advanceTimersByTimeAsync(3000));
      expect(n).toBe(2); // the second delay is longer (4.5 s)
      await act(async () => vi.advanceTimersByTimeAsync(1600));
      await waitFor(() => expect(n).toBe(3));
      expect(await screen.findByText("Healthy")).toBeInTheDocument();
      await act(async () => vi.advanceTimersByTimeAsync(60000));
      expect(n).toBe(3); // settled: no more polling
    } finally {
      vi.useRealTimers();
    }
  });

  it("disables Create cluster with the reason when the permission was seen missing", async () => {
    mockCommands({
      list_organizations: () => orgsState({ ...sandboxOrg, deniedPermissions: ["create_clusters"] }),
      list_clusters: () => clusterList(),
    });
    renderApp();
    const button = await screen.findByRole("button", { name: "Create cluster" });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/lacks the “Create clusters” permission/);
  });
});

describe("Clusters screen background errors", () => {
  it("keeps the data when credentials stop working, with a way to settings", async () => {
    let fail = false;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => {
        if (fail) throw appError("invalid_credentials");
        return clusterList(demoClusters, "2026-11-27T10:42:00");
      },
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    fail = true;
    await user.keyboard("{Control>}r{/Control}");
    expect(await screen.findByText("Refresh failed — showing data from 2026-11-27 10:42")).toBeInTheDocument();
    expect(screen.getByText(/invalid_credentials from backend/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Open organization settings" }));
    expect(await screen.findByRole("heading", { name: "Organization settings" })).toBeInTheDocument();
  });

  it("counts down in the banner when a refresh is rate limited, then retries", async () => {
    let n = 0;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => {
        n += 1;
        if (n === 2) throw appError("rate_limited", { retryAfterSecs: 1 });
        return clusterList(demoClusters, "2026-11-27T10:42:00");
      },
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    await user.click(screen.getByRole("button", { name: "Refresh" }));
    expect(await screen.findByText(/Retrying in 1 s\./)).toBeInTheDocument();
    await waitFor(() => expect(n).toBe(3), { timeout: 3000 });
    await waitFor(() => expect(screen.queryByText(/Rate limited — showing data/)).not.toBeInTheDocument());
  });
});

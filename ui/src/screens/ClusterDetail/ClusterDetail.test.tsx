import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import { appError, clients, cluster, clusterList, orgsState, sandboxOrg } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";
import { createWorker9, created, openOrdersProd } from "./testSupport";

describe("Cluster detail", () => {
  it("shows status per component, opens links in the browser, copies the Zeebe address", async () => {
    const { calls, user } = await openOrdersProd();
    const components = screen.getByRole("table", { name: "Component status" });
    expect(within(components).getByText("Zeebe")).toBeInTheDocument();
    expect(within(components).getByText("Operate")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Open Operate" }));
    await waitFor(() =>
      expect(calls.filter((c) => c.cmd === "open_link")).toEqual([
        { cmd: "open_link", args: { url: "https://bru-2.operate.camunda.io/c1" } },
      ]),
    );
    expect(screen.getByRole("button", { name: "Open Console" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Copy Zeebe address" }));
    expect(await navigator.clipboard.readText()).toBe("orders.bru-2.zeebe.camunda.io:443");
  });

  it("says when Camunda updates the cluster automatically", async () => {
    await openOrdersProd({ get_cluster: () => cluster("c1", "orders-prod", "Healthy", { autoUpdate: true }) });
    expect(await screen.findByText(/updates automatically/)).toBeInTheDocument();
  });

  it("lists the cluster's clients", async () => {
    await openOrdersProd({}, sandboxOrg, "API clients");
    const table = await screen.findByRole("table", { name: "Clients" });
    expect(within(table).getByRole("link", { name: "worker-1" })).toBeInTheDocument();
    expect(within(table).getByText("operate-reader-id")).toBeInTheDocument();
    expect(within(table).getByText("Operate, Tasklist")).toBeInTheDocument();
  });

  it("renders only the visible window of a cluster with 1,000 clients", async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      name: `client-${String(i + 1).padStart(4, "0")}`, clientId: `id-${i + 1}`, permissions: ["Zeebe"],
    }));
    await openOrdersProd({ list_clients: () => many }, sandboxOrg, "API clients");
    const table = await screen.findByRole("table", { name: "Clients" });
    const names = () => within(table).queryAllByRole("link").map((a) => a.textContent);
    expect(names()[0]).toBe("client-0001");
    expect(names().length).toBeLessThan(60);
    expect(names()).not.toContain("client-1000");
    expect(table).toHaveAttribute("aria-rowcount", "1001");
    const box = screen.getByTestId("clients-scroll");
    Object.defineProperty(box, "clientHeight", { configurable: true, value: 480 });
    box.scrollTop = 990 * 48;
    fireEvent.scroll(box);
    expect(names()).toContain("client-1000");
    expect(names()).not.toContain("client-0001");
    expect(within(table).getByRole("button", { name: "Delete client client-1000" })).toBeInTheDocument();
  });

  it("shows the app's words for a 412 (the cluster is not ready)", async () => {
    await openOrdersProd({
      list_clients: () => {
        throw appError("not_ready", { status: 412 });
      },
    }, sandboxOrg, "API clients");
    expect(await screen.findByText("not_ready from backend")).toBeInTheDocument();
  });

  it("polls a Creating cluster until it is Healthy", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let n = 0;
      await openOrdersProd({
        get_cluster: () => {
          n += 1;
          return cluster("c1", "orders-prod", n >= 2 ? "Healthy" : "Creating");
        },
      });
      expect(screen.getAllByText("Creating").length).toBeGreaterThan(0);
      await vi.advanceTimersByTimeAsync(3100);
      await waitFor(() => expect(screen.queryAllByText("Creating")).toHaveLength(0));
    } finally {
      vi.useRealTimers();
    }
  });

  it("creates a client with Zeebe preselected and explains that none means all", async () => {
    const { calls, user } = await openOrdersProd({ create_client: () => created, acknowledge_pending_secret: () => null }, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("button", { name: "Create client" }));
    const dialog = await screen.findByRole("dialog", { name: "Create client" });
    expect(within(dialog).getByRole("checkbox", { name: "Zeebe" })).toBeChecked();
    expect(within(dialog).getByRole("checkbox", { name: "Operate" })).not.toBeChecked();
    await user.click(within(dialog).getByRole("checkbox", { name: "Zeebe" }));
    expect(within(dialog).getByText(/No permission checked: the client gets all permissions/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("checkbox", { name: "Operate" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Tasklist" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Client name" }), " reader ");
    await user.click(within(dialog).getByRole("button", { name: "Create client" }));
    await screen.findByRole("dialog", { name: "Client secret" });
    expect(calls.filter((c) => c.cmd === "create_client")).toEqual([
      { cmd: "create_client", args: { clusterId: "c1", input: { name: "reader", permissions: ["Operate", "Tasklist"] } } },
    ]);
  });

  it("on outcome unknown refreshes the clients and never creates twice", async () => {
    const { calls, user } = await openOrdersProd({
      create_client: () => {
        throw appError("outcome_unknown");
      },
    }, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("button", { name: "Create client" }));
    const dialog = await screen.findByRole("dialog", { name: "Create client" });
    await user.type(within(dialog).getByRole("textbox", { name: "Client name" }), "maybe");
    await user.click(within(dialog).getByRole("button", { name: "Create client" }));
    expect(await screen.findByText("The outcome of creating “maybe” is unknown")).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "create_client")).toHaveLength(1);
    expect(calls.filter((c) => c.cmd === "list_clients").length).toBeGreaterThanOrEqual(2);
  });

  it("shows the 412 of a not-ready cluster in the create dialog", async () => {
    const { user } = await openOrdersProd({
      create_client: () => {
        throw appError("not_ready");
      },
    });
    await createWorker9(user).catch(() => null);
    const dialog = screen.getByRole("dialog", { name: "Create client" });
    expect(await within(dialog).findByText(/not_ready from backend/)).toBeInTheDocument();
  });

  it("deletes a client after confirmation", async () => {
    let deleted = false;
    const { calls, user } = await openOrdersProd({
      delete_client: () => {
        deleted = true;
        return null;
      },
      list_clients: () => (deleted ? clients.slice(1) : clients),
    }, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("button", { name: "Delete client worker-1" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete client worker-1" });
    await user.click(within(dialog).getByRole("button", { name: "Delete client" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "delete_client")).toEqual([
      { cmd: "delete_client", args: { clusterId: "c1", clientId: "worker-1-id" } },
    ]);
    expect(screen.queryByRole("link", { name: "worker-1" })).not.toBeInTheDocument();
  });

  it("in an organization marked production, names it and asks for the client's name before deleting", async () => {
    const prod = { ...sandboxOrg, name: "Acme Prod", color: "red" as const, production: true };
    const { calls, user } = await openOrdersProd({ delete_client: () => null }, prod, "API clients");
    await user.click(await screen.findByRole("button", { name: "Delete client worker-1" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete client worker-1" });
    expect(within(dialog).getByText("Acme Prod")).toBeInTheDocument();
    expect(within(dialog).getByText("Production")).toBeInTheDocument();
    const confirm = within(dialog).getByRole("button", { name: "Delete client" });
    expect(confirm).toBeDisabled();
    const typed = within(dialog).getByRole("textbox", { name: "Type “worker-1” to confirm" });
    expect(typed).toHaveAccessibleDescription("Acme Prod is marked production.");
    await user.type(typed, "worker-");
    expect(confirm).toBeDisabled();
    await user.type(typed, "1{Enter}");
    await waitFor(() => expect(calls.filter((c) => c.cmd === "delete_client")).toHaveLength(1));
  });

  it("names the organization in a destructive dialog without asking to type where it is not production", async () => {
    const { user } = await openOrdersProd({}, sandboxOrg, "API clients");
    await user.click(await screen.findByRole("button", { name: "Delete client worker-1" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete client worker-1" });
    expect(within(dialog).getByText("Sandbox")).toBeInTheDocument();
    expect(within(dialog).queryByRole("textbox")).not.toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Delete client" })).toBeEnabled();
  });

  it("disables client actions the organization lacks, with the reason", async () => {
    await openOrdersProd({}, { ...sandboxOrg, deniedPermissions: ["create_clients", "delete_clients"] }, "API clients");
    const create = await screen.findByRole("button", { name: "Create client" });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription(/lacks the “Create Zeebe clients” permission/);
    await screen.findByRole("table", { name: "Clients" });
    expect(screen.getByRole("button", { name: "Delete client worker-1" })).toBeDisabled();
  });

  it("deletes the cluster from its detail page", async () => {
    const { calls, user } = await openOrdersProd({ delete_cluster: () => null });
    await user.click(screen.getByRole("button", { name: "Delete cluster" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete cluster orders-prod" });
    await user.type(within(dialog).getByRole("textbox"), "orders-prod");
    await user.click(within(dialog).getByRole("button", { name: "Delete cluster" }));
    expect(await screen.findByRole("heading", { name: "Clusters" })).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "delete_cluster")).toBe(true);
  });
});

describe("Cluster detail refresh", () => {
  it("keeps the data with the offline banner when a refresh fails (Ctrl+R)", async () => {
    let fail = false;
    const { user } = await openOrdersProd({
      get_cluster: () => {
        if (fail) throw appError("timeout");
        return cluster("c1", "orders-prod", "Healthy");
      },
    });
    fail = true;
    await user.keyboard("{Control>}r{/Control}");
    expect(await screen.findByText(/^Offline — showing data from \d\d:\d\d$/)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "orders-prod" })).toBeInTheDocument();
  });
});

describe("Cluster detail wake", () => {
  it("offers Wake for a Suspended cluster and follows Resuming", async () => {
    let woke = false;
    const calls = mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      get_cluster: () => cluster("c4", "legacy-batch", woke ? "Resuming" : "Suspended"),
      list_clients: () => [],
      wake_cluster: () => {
        woke = true;
        return null;
      },
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole("link", { name: "legacy-batch" }));
    await user.click(await screen.findByRole("button", { name: "Wake" }));
    expect(await screen.findByText("Resuming")).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "wake_cluster")).toEqual([{ cmd: "wake_cluster", args: { clusterId: "c4" } }]);
    expect(screen.queryByRole("button", { name: "Wake" })).not.toBeInTheDocument();
  });
});

describe("Cluster detail keyboard", () => {
  it("Ctrl+N opens Create client; Escape closes it", async () => {
    const { user } = await openOrdersProd();
    // From the Overview: the API clients tab opens with the dialog.
    await user.keyboard("{Control>}n{/Control}");
    expect(await screen.findByRole("dialog", { name: "Create client" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "API clients" })).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });
});

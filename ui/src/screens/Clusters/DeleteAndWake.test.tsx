import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import { appError, clients, cluster, clusterList, demoClusters, orgsState, sandboxOrg } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";

async function start(handlers: Parameters<typeof mockCommands>[0], org = sandboxOrg) {
  const calls = mockCommands({
    list_organizations: () => orgsState(org),
    list_clusters: () => clusterList(),
    list_clients: () => clients,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("link", { name: "orders-prod" });
  return { calls, user };
}

async function openDelete(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(screen.getByRole("button", { name: `Delete ${name}` }));
  return screen.findByRole("dialog", { name: `Delete cluster ${name}` });
}

describe("Delete cluster", () => {
  it("names the client count and needs the typed name", async () => {
    const { calls, user } = await start({ delete_cluster: () => null });
    const dialog = await openDelete(user, "orders-prod");
    expect(await within(dialog).findByText(/and all its 2 clients/)).toBeInTheDocument();
    const del = within(dialog).getByRole("button", { name: "Delete cluster" });
    expect(del).toBeDisabled();
    const input = within(dialog).getByRole("textbox", { name: "Type “orders-prod” to confirm" });
    await user.type(input, "orders-pro");
    expect(del).toBeDisabled();
    await user.type(input, "d");
    expect(del).toBeEnabled();
    await user.click(del);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "delete_cluster")).toEqual([{ cmd: "delete_cluster", args: { clusterId: "c1" } }]);
    expect(await screen.findByText("Deleted “orders-prod”")).toBeInTheDocument();
  });

  it("shows the error in the dialog and keeps it open", async () => {
    const { user } = await start({
      delete_cluster: () => {
        throw appError("server", { status: 500 });
      },
    });
    const dialog = await openDelete(user, "payments-staging");
    await user.type(within(dialog).getByRole("textbox"), "payments-staging");
    await user.click(within(dialog).getByRole("button", { name: "Delete cluster" }));
    expect(await within(dialog).findByText(/server from backend/)).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Delete cluster payments-staging" })).toBeInTheDocument();
  });

  it("is disabled with the reason when Delete clusters was denied", async () => {
    const { user } = await start({}, { ...sandboxOrg, deniedPermissions: ["delete_clusters"] });
    const button = screen.getByRole("button", { name: "Delete orders-prod" });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/lacks the “Delete clusters” permission/);
    await user.click(button);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});

describe("Wake", () => {
  it("is offered for Suspended clusters only and follows Resuming", async () => {
    let woke = false;
    const { calls, user } = await start({
      wake_cluster: () => {
        woke = true;
        return null;
      },
      list_clusters: () =>
        clusterList(demoClusters.map((c) => (c.id === "c4" && woke ? cluster("c4", "legacy-batch", "Resuming") : c))),
    });
    expect(screen.getAllByRole("button", { name: /^Wake / })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Wake legacy-batch" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "wake_cluster" && c.args.clusterId === "c4")).toBe(true));
    const row = screen.getByRole("link", { name: "legacy-batch" }).closest("tr")!;
    expect(await within(row).findByText("Resuming")).toBeInTheDocument();
  });

  it("names the missing permission when waking is forbidden", async () => {
    const { user } = await start({
      wake_cluster: () => {
        throw appError("forbidden", { permission: "create_clusters" });
      },
    });
    await user.click(screen.getByRole("button", { name: "Wake legacy-batch" }));
    expect(await screen.findByText("Could not wake “legacy-batch”")).toBeInTheDocument();
    expect(screen.getByText(/lacks the “Create clusters” permission/)).toBeInTheDocument();
  });
});

import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "./App";
import { forgetChoices } from "../lib/palette";
import { acmeOrg, appError, cluster, clients, clusterList, findCluster, orgsState, params, sandboxOrg } from "../test/fixtures";
import { mockCommands, type Handlers } from "../test/ipc";

const SECRET = "s3cr3t-never-in-the-palette";

async function start(handlers: Handlers = {}) {
  let active = "sandbox";
  const calls = mockCommands({
    list_organizations: () => orgsState(),
    list_clusters: () => (active === "acme" ? { ...clusterList([cluster("a1", "acme-prod", "Healthy")]), organizationId: "acme" } : clusterList()),
    set_active_organization: (a) => {
      active = a.id;
      return orgsState(a.id === "acme" ? acmeOrg : sandboxOrg);
    },
    get_cluster: (a) => findCluster(a.clusterId),
    list_clients: () => clients,
    cluster_parameters: () => params,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("link", { name: "orders-prod" });
  return { calls, user };
}

async function openPalette(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard("{Control>}k{/Control}");
  const dialog = await screen.findByRole("dialog", { name: "Command palette" });
  const input = within(dialog).getByRole("combobox", { name: /Search organizations, clusters/ });
  await waitFor(() => expect(input).toHaveFocus());
  return { dialog, input, list: within(dialog).getByRole("listbox", { name: "Results" }) };
}

/** The option aria-activedescendant points at. */
function activeOption(input: HTMLElement): HTMLElement {
  const id = input.getAttribute("aria-activedescendant");
  expect(id).toBeTruthy();
  const el = document.getElementById(id!);
  expect(el).not.toBeNull();
  return el!;
}

afterEach(() => forgetChoices());

describe("Command palette", () => {
  it("opens with Ctrl+K from a text field, matches as you type with highlight, walks with the arrows, Enter opens the cluster", async () => {
    const { calls, user } = await start();
    const filter = screen.getByRole("searchbox", { name: "Filter clusters" });
    await user.click(filter);
    const { input, list } = await openPalette(user);
    expect(input).toHaveAttribute("aria-controls", list.id);
    expect(input).toHaveAttribute("aria-expanded", "true");
    // Nothing typed: grouped, the first option selected.
    expect(within(list).getByRole("group", { name: "Actions" })).toBeInTheDocument();
    expect(within(list).getByRole("group", { name: "Organizations" })).toBeInTheDocument();
    expect(within(list).getByRole("group", { name: "Clusters" })).toBeInTheDocument();
    const options = within(list).getAllByRole("option");
    expect(activeOption(input)).toBe(options[0]);
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    const listsBefore = calls.filter((c) => c.cmd === "list_clusters").length;

    await user.type(input, "frd");
    const first = activeOption(input);
    expect(first).toHaveTextContent("fraud-detection");
    expect([...first.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["fr", "d"]);
    // Down, Up, End, Home move the selection, the focus stays in the field.
    await user.keyboard("{ArrowDown}");
    expect(activeOption(input)).not.toBe(first);
    expect(activeOption(input)).toHaveAttribute("aria-selected", "true");
    await user.keyboard("{ArrowUp}");
    expect(activeOption(input)).toBe(first);
    await user.keyboard("{End}");
    const all = within(list).getAllByRole("option");
    expect(activeOption(input)).toBe(all[all.length - 1]);
    await user.keyboard("{Home}");
    expect(activeOption(input)).toBe(first);
    expect(input).toHaveFocus();
    // Typing asked nothing of the app (the list was the screen's).
    expect(calls.filter((c) => c.cmd === "list_clusters").length).toBe(listsBefore);

    await user.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { name: "fraud-detection" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
  });

  it("Escape closes it and gives the focus back; Ctrl+K again closes it too", async () => {
    const { user } = await start();
    const filter = screen.getByRole("searchbox", { name: "Filter clusters" });
    await user.click(filter);
    await openPalette(user);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
    expect(filter).toHaveFocus();

    await openPalette(user);
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
    expect(filter).toHaveFocus();
    // The header's button opens it as well (and the focus comes back to it).
    const button = screen.getByRole("button", { name: "Command palette (Ctrl+K)" });
    await user.click(button);
    await screen.findByRole("dialog", { name: "Command palette" });
    await user.keyboard("{Escape}");
    expect(button).toHaveFocus();
  });

  it("switches the organization", async () => {
    const { calls, user } = await start();
    const { input } = await openPalette(user);
    await user.type(input, "acme");
    expect(activeOption(input)).toHaveTextContent("Acme Corp");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("link", { name: "acme-prod" })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "set_active_organization")?.args).toEqual({ id: "acme" });
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
  });

  it("Create cluster in another organization switches to it, then opens the create dialog", async () => {
    const { calls, user } = await start();
    const { input } = await openPalette(user);
    await user.type(input, "create acme");
    expect(activeOption(input)).toHaveTextContent("Create cluster in Acme Corp…");
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Create cluster" });
    expect(calls.find((c) => c.cmd === "set_active_organization")?.args).toEqual({ id: "acme" });
    expect(await screen.findByRole("link", { name: "acme-prod" })).toBeInTheDocument();
    // Closing it leaves the clusters screen as it was.
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Create cluster" })).not.toBeInTheDocument());
  });

  it("keeps a failed switch in the palette", async () => {
    const { user } = await start({
      set_active_organization: () => {
        throw appError("keychain_unavailable", { message: "The keychain is locked" });
      },
    });
    const { dialog, input } = await openPalette(user);
    await user.type(input, "acme");
    await user.keyboard("{Enter}");
    expect(await within(dialog).findByText("Could not switch the organization")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "orders-prod" })).toBeInTheDocument();
  });

  it("navigates to a screen (Members)", async () => {
    const { user } = await start({ list_members: () => [] });
    const { input } = await openPalette(user);
    await user.type(input, "members");
    expect(activeOption(input)).toHaveTextContent("Go to Members");
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { name: "Members" })).toBeInTheDocument();
  });

  it("opens a service of a cluster (Operate) through the app, from the cluster's links", async () => {
    const { calls, user } = await start({ open_link: () => null });
    const { input } = await openPalette(user);
    await user.type(input, "operate orders");
    expect(activeOption(input)).toHaveTextContent("Open Operate of orders-prod");
    await user.keyboard("{Enter}");
    await waitFor(() => expect(calls.find((c) => c.cmd === "open_link")?.args).toEqual({ url: "https://bru-2.operate.camunda.io/c1" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument());
  });

  it("finds the clients the app holds, without asking for more, and shows no secret", async () => {
    const { calls, user } = await start({
      list_clients: () => [...clients, { name: "billing", clientId: "billing-id", permissions: ["Zeebe"] }],
      get_client: (a) => ({
        clusterId: a.clusterId, name: "billing", clientId: a.clientId, zeebeAddress: "c1.bru-2.zeebe.camunda.io:443",
        authorizationServerUrl: "https://login.cloud.camunda.io/oauth/token", credentialsFile: "ZEEBE_CLIENT_ID=billing-id",
      }),
    });
    await user.click(screen.getByRole("link", { name: "orders-prod" }));
    await screen.findByRole("heading", { name: "orders-prod" });
    await user.click(screen.getByRole("tab", { name: "API clients" }));
    await screen.findByText("billing-id");
    const before = calls.length;
    const { dialog, input } = await openPalette(user);
    await user.type(input, "billing");
    expect(activeOption(input)).toHaveTextContent("billing");
    expect(activeOption(input)).toHaveTextContent("orders-prod");
    // The cluster list was loaded once when the palette opened (the detail does not hold it; the
    // last-known list is read from disk meanwhile); nothing per keystroke.
    const made = calls.slice(before).map((c) => c.cmd);
    expect(made.filter((c) => c !== "list_clusters" && c !== "last_known_clusters")).toEqual([]);
    expect(made.filter((c) => c === "list_clusters").length).toBeLessThanOrEqual(1);
    for (const text of [SECRET, sandboxOrg.tokenUrl, acmeOrg.clientId]) expect(dialog.textContent).not.toContain(text);
    await user.keyboard("{Enter}");
    await waitFor(() => expect(calls.at(-1)).toEqual({ cmd: "get_client", args: { clusterId: "c1", clientId: "billing-id" } }));
  });

  it("does not open over another dialog", async () => {
    const { user } = await start();
    await user.click(screen.getByRole("button", { name: "Create cluster" }));
    await screen.findByRole("dialog", { name: "Create cluster" });
    await user.keyboard("{Control>}k{/Control}");
    expect(screen.queryByRole("dialog", { name: "Command palette" })).not.toBeInTheDocument();
  });
});

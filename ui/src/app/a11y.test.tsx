import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "./App";
import { clients, clusterList, findCluster, orgsState, params, sandboxOrg } from "../test/fixtures";
import { mockCommands } from "../test/ipc";
import { created } from "../screens/ClusterDetail/testSupport";

const ROLES = ["button", "link", "textbox", "searchbox", "checkbox", "combobox", "tab", "dialog", "table"] as const;

/** Every control in the document has an accessible name. */
function expectAllNamed() {
  for (const role of ROLES) {
    const unnamed = screen.queryAllByRole(role, { name: /^\s*$/ });
    expect(unnamed.map((e) => `${role}: ${e.outerHTML.slice(0, 120)}`)).toEqual([]);
  }
}

describe("accessible names", () => {
  it("every control of the main screens and dialogs has one", async () => {
    mockCommands({
      list_organizations: () => orgsState(sandboxOrg, []),
      list_clusters: () => clusterList(),
      get_cluster: (a) => findCluster(a.clusterId),
      list_clients: () => clients,
      cluster_parameters: () => params,
      create_client: () => created,
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    expectAllNamed();

    await user.click(screen.getByRole("button", { name: "Create cluster" }));
    const create = await screen.findByRole("dialog", { name: "Create cluster" });
    await within(create).findByRole("combobox", { name: "Channel" });
    expectAllNamed();
    await user.keyboard("{Escape}");

    await user.click(screen.getByRole("button", { name: "Delete orders-prod" }));
    await screen.findByRole("dialog", { name: "Delete cluster orders-prod" });
    expectAllNamed();
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    await user.click(screen.getByRole("link", { name: "orders-prod" }));
    await user.click(await screen.findByRole("tab", { name: "API clients" }));
    await screen.findByRole("table", { name: "Clients" });
    expectAllNamed();

    await user.click(screen.getByRole("button", { name: "Create client" }));
    const dialog = await screen.findByRole("dialog", { name: "Create client" });
    expectAllNamed();
    await user.type(within(dialog).getByRole("textbox", { name: "Client name" }), "w{Enter}");
    await screen.findByRole("dialog", { name: "Client secret" });
    expectAllNamed();
  });

  it("every control of the add-organization screen has one", async () => {
    mockCommands({ list_organizations: () => orgsState(sandboxOrg, []), list_clusters: () => clusterList() });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    const tab = await screen.findByRole("tab", { name: "Enter the credentials" }); // the screen loads on first use
    expectAllNamed();
    await user.click(tab);
    expectAllNamed();
  });
});

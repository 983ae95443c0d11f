import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import type { CreatedClient } from "../../api";
import { clients, clusterList, findCluster, orgsState, sandboxOrg } from "../../test/fixtures";
import { mockCommands, type Handlers } from "../../test/ipc";

export const SECRET = "s3cr3t-OsutXDCP-very-secret";

export const created: CreatedClient = {
  clusterId: "c1", name: "worker-9", clientId: "worker-9-id", clientSecret: SECRET, permissions: ["Zeebe"],
  zeebeAddress: "c1.bru-2.zeebe.camunda.io:443",
  saveFormats: ["env", "properties", "json"],
};

/** Starts the app on the clusters screen and opens the detail of "orders-prod". */
export async function openOrdersProd(handlers: Handlers = {}, org = sandboxOrg, tab?: "API clients") {
  const calls = mockCommands({
    list_organizations: () => orgsState(org),
    list_clusters: () => clusterList(),
    get_cluster: (a) => findCluster(a.clusterId),
    list_clients: () => clients,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await user.click(await screen.findByRole("link", { name: "orders-prod" }));
  await screen.findByRole("heading", { name: "orders-prod" });
  if (tab) await user.click(screen.getByRole("tab", { name: tab }));
  return { calls, user };
}

/** Shows the cluster's API clients tab (the clients table). */
export async function openClientsTab(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("tab", { name: "API clients" }));
  return screen.findByRole("region", { name: "Clients" });
}

/** Opens the create-client dialog, creates "worker-9" and returns the secret dialog. */
export async function createWorker9(user: ReturnType<typeof userEvent.setup>) {
  if (!screen.queryByRole("button", { name: "Create client" })) await openClientsTab(user);
  await user.click(await screen.findByRole("button", { name: "Create client" }));
  const dialog = await screen.findByRole("dialog", { name: "Create client" });
  await user.type(within(dialog).getByRole("textbox", { name: "Client name" }), "worker-9");
  await user.click(within(dialog).getByRole("button", { name: "Create client" }));
  return screen.findByRole("dialog", { name: "Client secret" });
}

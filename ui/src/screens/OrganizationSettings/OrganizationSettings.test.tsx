import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import type { OrganizationsState } from "../../api";
import { acmeOrg, appError, clusterList, orgsState, sandboxOrg } from "../../test/fixtures";
import { mockCommands, type Handlers } from "../../test/ipc";

async function openSettings(handlers: Handlers = {}, org = acmeOrg) {
  let state: OrganizationsState = orgsState(org);
  const calls = mockCommands({
    list_organizations: () => state,
    list_clusters: () => clusterList(),
    rename_organization: (a) => {
      state = orgsState({ ...org, name: a.name });
      return state.organizations.find((o) => o.id === org.id) ?? org;
    },
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("link", { name: "orders-prod" });
  await user.click(screen.getByRole("button", { name: "Organization settings" }));
  await screen.findByRole("heading", { name: "Organization settings" });
  return { calls, user };
}

describe("Organization settings", () => {
  it("renames the organization", async () => {
    const { calls, user } = await openSettings();
    const name = screen.getByRole("textbox", { name: "Organization name" });
    await user.clear(name);
    await user.type(name, "Acme EU");
    await user.click(screen.getByRole("button", { name: "Rename" }));
    expect(await screen.findByText("Organization renamed.")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "rename_organization")?.args).toEqual({ id: "acme", name: "Acme EU" });
  });

  it("tests the connection and names a missing permission", async () => {
    const { user } = await openSettings({
      test_organization: () => ({
        ok: false, message: "The credentials work, but the API client lacks the “Get clusters” permission.", clusterCount: null,
        error: appError("forbidden", { permission: "get_clusters" }),
      }),
    });
    await user.click(screen.getByRole("button", { name: "Test connection" }));
    expect(await screen.findByText("Connection failed")).toBeInTheDocument();
    expect(screen.getByText(/lacks the “Get clusters” permission/)).toBeInTheDocument();
  });

  it("edits credentials, keeping the stored secret when left empty and nothing it was entered for changes", async () => {
    const { calls, user } = await openSettings({ update_organization: () => acmeOrg });
    await user.click(screen.getByRole("button", { name: "Edit credentials" }));
    const name = screen.getAllByRole("textbox", { name: "Organization name" }).at(-1)!;
    await user.clear(name);
    await user.type(name, "Acme EU");
    await user.click(screen.getByRole("button", { name: "Save credentials" }));
    expect(await screen.findByText("Credentials saved.")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "update_organization")?.args).toEqual({
      id: "acme",
      input: {
        name: "Acme EU", clientId: acmeOrg.clientId, clientSecret: null, tokenUrl: acmeOrg.tokenUrl,
        apiBaseUrl: acmeOrg.apiBaseUrl, audience: acmeOrg.audience, sessionOnly: false, color: "blue", production: false,
      },
    });
  });

  it("marks the organization with a colour and as production; the header shows both", async () => {
    let state = orgsState(acmeOrg);
    const { calls, user } = await openSettings({
      list_organizations: () => state,
      update_organization: (a) => {
        const input = a.input as { color: "red"; production: boolean };
        const next = { ...acmeOrg, color: input.color, production: input.production };
        state = orgsState(next);
        return next;
      },
    });
    const save = screen.getByRole("button", { name: "Save colour and production" });
    expect(save).toBeDisabled();
    await user.click(screen.getByRole("radio", { name: "Red" }));
    await user.click(screen.getByRole("checkbox", { name: /^Production/ }));
    await user.click(save);
    expect(await screen.findByText("Saved: marked production.")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "update_organization")?.args).toEqual({
      id: "acme",
      input: {
        name: "Acme Corp", clientId: acmeOrg.clientId, clientSecret: null, tokenUrl: acmeOrg.tokenUrl,
        apiBaseUrl: acmeOrg.apiBaseUrl, audience: acmeOrg.audience, sessionOnly: false, color: "red", production: true,
      },
    });
    const banner = screen.getByRole("banner");
    expect(banner).toHaveClass("skep-header--red");
    expect(within(banner).getAllByText("Production").length).toBeGreaterThan(0);
  });

  it("asks for the secret again when the client id or a URL changes", async () => {
    const { calls, user } = await openSettings({ update_organization: () => acmeOrg });
    await user.click(screen.getByRole("button", { name: "Edit credentials" }));
    const id = screen.getAllByRole("textbox", { name: "Client ID" })[0]!;
    await user.clear(id);
    await user.type(id, "acme-admin-2");
    expect(screen.getByText("Enter the client secret.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save credentials" })).toBeDisabled();
    await user.type(screen.getByLabelText("Client secret"), "new-secret");
    await user.click(screen.getByRole("button", { name: "Save credentials" }));
    expect(await screen.findByText("Credentials saved.")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "update_organization")?.args).toEqual({
      id: "acme",
      input: {
        name: "Acme Corp", clientId: "acme-admin-2", clientSecret: "new-secret", tokenUrl: acmeOrg.tokenUrl,
        apiBaseUrl: acmeOrg.apiBaseUrl, audience: acmeOrg.audience, sessionOnly: false, color: "blue", production: false,
      },
    });
  });

  it("lists the permissions the organization was seen to lack", async () => {
    await openSettings({}, { ...acmeOrg, deniedPermissions: ["delete_clusters", "create_clients"] });
    expect(screen.getByText("Delete clusters, Create Zeebe clients")).toBeInTheDocument();
  });

  it("removes the organization after confirmation", async () => {
    const { calls, user } = await openSettings({
      remove_organization: () => orgsState(sandboxOrg, []),
    });
    await user.click(screen.getByRole("button", { name: "Remove organization" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove organization Acme Corp" });
    await user.click(within(dialog).getByRole("button", { name: "Remove organization" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "remove_organization")).toBe(true));
    expect(await screen.findByRole("heading", { name: "Clusters" })).toBeInTheDocument();
  });

  it("does not offer editing the built-in sandbox", async () => {
    await openSettings({}, sandboxOrg);
    expect(screen.getByText(/The sandbox is built in/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Remove organization" })).not.toBeInTheDocument();
  });
});

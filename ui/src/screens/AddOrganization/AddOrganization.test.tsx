import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import type { OrganizationInput } from "../../api";
import { acmeOrg, appError, clusterList, orgsState, sandboxOrg } from "../../test/fixtures";
import { mockCommands, type Handlers } from "../../test/ipc";

// First start: the Sandbox is active, and its note offers to add an organization.
function start(handlers: Handlers = {}, keychainAvailable = true) {
  let active = "sandbox";
  const calls = mockCommands({
    list_organizations: () => ({ ...orgsState(sandboxOrg, []), keychainAvailable }),
    set_active_organization: (a) => {
      active = a.id;
      return orgsState(active === "acme" ? acmeOrg : sandboxOrg);
    },
    list_clusters: () => clusterList(),
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  return { calls, user };
}

async function fillManual(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole("button", { name: "Add your organization" }));
  await user.click(await screen.findByRole("tab", { name: "Enter the credentials" }));
  const panel = screen.getByRole("tabpanel", { name: "Enter the credentials" });
  await user.type(within(panel).getByRole("textbox", { name: "Organization name" }), "Acme Corp");
  await user.type(within(panel).getByRole("textbox", { name: "Client ID" }), "acme-admin");
  await user.type(within(panel).getByLabelText("Client secret"), "top-secret");
  return panel;
}

describe("Add organization", () => {
  it("tests the connection and says what failed in plain words", async () => {
    const { calls, user } = start({
      test_connection: () => ({
        ok: false, message: "Login failed.", clusterCount: null,
        error: appError("rate_limited", { retryAfterSecs: 30 }),
      }),
    });
    const panel = await fillManual(user);
    await user.click(within(panel).getByRole("button", { name: "Test connection" }));
    expect(await within(panel).findByText("Connection failed")).toBeInTheDocument();
    expect(within(panel).getByText("Login failed. Retrying in 30 s.")).toBeInTheDocument();
    const input = calls.find((c) => c.cmd === "test_connection")?.args.input as OrganizationInput;
    expect(input).toMatchObject({
      name: "Acme Corp", clientId: "acme-admin", clientSecret: "top-secret",
      tokenUrl: "https://login.cloud.camunda.io/oauth/token", apiBaseUrl: "https://api.cloud.camunda.io",
      audience: "api.cloud.camunda.io", sessionOnly: false,
    });
  });

  it("reports a working connection with the cluster count, then saves and opens the organization", async () => {
    const { calls, user } = start({
      test_connection: () => ({ ok: true, message: "Connected.", clusterCount: 5, error: null }),
      add_organization: () => acmeOrg,
    });
    const panel = await fillManual(user);
    await user.click(within(panel).getByRole("button", { name: "Test connection" }));
    expect(await within(panel).findByText("Connection works")).toBeInTheDocument();
    expect(within(panel).getByText(/5 clusters found/)).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Save organization" }));
    expect(await screen.findByRole("link", { name: "orders-prod" })).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "add_organization")).toHaveLength(1);
    expect(calls.find((c) => c.cmd === "set_active_organization")?.args).toEqual({ id: "acme" });
  });

  it("validates the fields before testing", async () => {
    const { calls, user } = start();
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    await user.click(await screen.findByRole("tab", { name: "Enter the credentials" }));
    const panel = screen.getByRole("tabpanel", { name: "Enter the credentials" });
    await user.click(within(panel).getByRole("button", { name: "Test connection" }));
    expect(within(panel).getByText("Enter the client id.")).toBeInTheDocument();
    expect(within(panel).getByText("Enter the client secret.")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "test_connection")).toBe(false);
  });

  it("previews a pasted credentials file and imports it", async () => {
    const text = "CAMUNDA_CONSOLE_CLIENT_ID='acme-admin'\nCAMUNDA_CONSOLE_CLIENT_SECRET='x'\n";
    const { calls, user } = start({
      preview_credentials: () => ({
        clientId: "acme-admin", hasSecret: true, tokenUrl: null, apiBaseUrl: null, audience: null, missing: [],
      }),
      import_organization: () => acmeOrg,
    });
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    const area = screen.getByRole("textbox", { name: "Credentials file" });
    await user.click(area);
    await user.paste(text);
    expect(await screen.findByText("Credentials found")).toBeInTheDocument();
    expect(screen.getByText(/Client ID: acme-admin\. Secret found\./)).toBeInTheDocument();
    // Marked when added: colour and production.
    await user.click(screen.getAllByRole("radio", { name: "Magenta" })[0]!);
    await user.click(screen.getAllByRole("checkbox", { name: /^Production/ })[0]!);
    await user.click(screen.getAllByRole("button", { name: "Save organization" })[0]!);
    await screen.findByRole("link", { name: "orders-prod" });
    expect(calls.find((c) => c.cmd === "import_organization")?.args).toEqual({
      name: null, text, sessionOnly: false, marks: { color: "magenta", production: true },
    });
  });

  it("tests a pasted credentials file before saving it", async () => {
    const text = "CAMUNDA_CONSOLE_CLIENT_ID='acme-admin'\nCAMUNDA_CONSOLE_CLIENT_SECRET='x'\n";
    const { calls, user } = start({
      preview_credentials: () => ({
        clientId: "acme-admin", hasSecret: true, tokenUrl: null, apiBaseUrl: null, audience: null, missing: [],
      }),
      test_credentials: () => ({
        ok: false, message: "The client id or secret is wrong.", clusterCount: null,
        error: appError("invalid_credentials", { message: "The client id or secret is wrong." }),
      }),
    });
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    await user.click(screen.getByRole("textbox", { name: "Credentials file" }));
    await user.paste(text);
    await screen.findByText("Credentials found");
    await user.click(screen.getAllByRole("button", { name: "Test connection" })[0]!);
    expect(await screen.findByText("Connection failed")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "test_credentials")?.args).toEqual({ text });
    expect(calls.some((c) => c.cmd === "import_organization")).toBe(false);
  });

  it("says what is missing from a pasted file and does not save it", async () => {
    const { user } = start({
      preview_credentials: () => ({
        clientId: "acme-admin", hasSecret: false, tokenUrl: null, apiBaseUrl: null, audience: null,
        missing: ["CAMUNDA_CONSOLE_CLIENT_SECRET"],
      }),
    });
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    await user.click(screen.getByRole("textbox", { name: "Credentials file" }));
    await user.paste("CAMUNDA_CONSOLE_CLIENT_ID='acme-admin'");
    expect(await screen.findByText("Some credentials are missing")).toBeInTheDocument();
    expect(screen.getByText(/Missing: CAMUNDA_CONSOLE_CLIENT_SECRET/)).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Save organization" })[0]).toBeDisabled();
  });

  it("says when pasted text is not a credentials file", async () => {
    const { user } = start({
      preview_credentials: () => {
        throw appError("invalid_input", { message: "No CAMUNDA_CONSOLE_CLIENT_ID line found." });
      },
    });
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    await user.click(screen.getByRole("textbox", { name: "Credentials file" }));
    await user.paste("hello");
    expect(await screen.findByText("Not a credentials file")).toBeInTheDocument();
    expect(screen.getByText("No CAMUNDA_CONSOLE_CLIENT_ID line found.")).toBeInTheDocument();
  });

  it("opens a credentials file through the app's file dialog", async () => {
    const { calls, user } = start({ import_organization: () => acmeOrg });
    await user.click(await screen.findByRole("button", { name: "Add your organization" }));
    await user.click(screen.getByRole("button", { name: "Open credentials file…" }));
    await screen.findByRole("link", { name: "orders-prod" });
    expect(calls.find((c) => c.cmd === "import_organization")?.args).toEqual({ name: null, text: null, sessionOnly: false, marks: { color: null, production: false } });
  });

  it("keeps secrets for the session only when the keychain is unavailable", async () => {
    const { calls, user } = start({ add_organization: () => acmeOrg }, false);
    const panel = await fillManual(user);
    expect(screen.getByText("The system keychain is not available")).toBeInTheDocument();
    expect(within(panel).getByRole("checkbox", { name: /session only/ })).toBeChecked();
    await user.click(within(panel).getByRole("button", { name: "Save organization" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "add_organization")).toBe(true));
    expect((calls.find((c) => c.cmd === "add_organization")?.args.input as OrganizationInput).sessionOnly).toBe(true);
  });

  it("explains a keychain failure on save", async () => {
    const { user } = start({
      add_organization: () => {
        throw appError("keychain_unavailable", { message: "The system keychain is not available (no secret service)." });
      },
    });
    const panel = await fillManual(user);
    await user.click(within(panel).getByRole("button", { name: "Save organization" }));
    expect(await within(panel).findByText(/The system keychain is not available/)).toBeInTheDocument();
  });
});

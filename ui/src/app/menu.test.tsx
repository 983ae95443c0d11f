import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import type { MenuAction } from "../api";
import { App } from "./App";
import { clusterList, orgsState } from "../test/fixtures";
import { mockCommands, type Handlers } from "../test/ipc";

const DIAGNOSTICS = "Skep 0.1.0 (commit 0123456789ab)\nOS: Linux\n";

async function openApp(extra: Handlers = {}) {
  const calls = mockCommands({
    list_organizations: () => orgsState(),
    list_clusters: () => clusterList(),
    last_known_clusters: () => null,
    about_skep: () => ({ name: "Skep", version: "0.1.0", commit: "0123456789ab", license: "Apache-2.0", description: "Manage Camunda 8 SaaS" }),
    copy_diagnostics: () => DIAGNOSTICS,
    open_log_folder: () => null,
    open_link: () => null,
    ...extra,
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("link", { name: "orders-prod" });
  return { calls, user };
}

/** The menu bar's item, as the app sends it (the `menu-action` event). */
async function choose(action: MenuAction) {
  await act(async () => {
    await emit("menu-action", action);
  });
}

describe("menu bar", () => {
  it("View → All organizations, All clients and File → Add organization… navigate there", async () => {
    await openApp();
    await choose("allOrganizations");
    expect(await screen.findByRole("heading", { name: "All organizations" })).toBeInTheDocument();
    await choose("allClients");
    expect(await screen.findByRole("heading", { name: "All clients" })).toBeInTheDocument();
    await choose("addOrganization");
    expect(await screen.findByRole("heading", { name: "Add your organization" })).toBeInTheDocument();
  });

  it("View → Refresh refreshes the screen shown, as Ctrl+R does", async () => {
    const { calls } = await openApp();
    const listed = () => calls.filter((c) => c.cmd === "list_clusters").length;
    const before = listed();
    await choose("refresh");
    await waitFor(() => expect(listed()).toBe(before + 1));
  });

  it("Help → Copy diagnostics copies through the app and says so", async () => {
    const { calls } = await openApp();
    await choose("copyDiagnostics");
    expect(await screen.findByText("Diagnostics copied")).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "copy_diagnostics")).toHaveLength(1);
  });

  it("Help → Open log folder and Documentation go through the app; a failure is shown", async () => {
    const { calls } = await openApp({
      open_log_folder: () => {
        throw { kind: "io", message: "Could not open the log folder: no file manager", permission: null, retryAfterSecs: null, status: null };
      },
    });
    await choose("documentation");
    await waitFor(() => expect(calls.find((c) => c.cmd === "open_link")?.args.url).toMatch(/^https:\/\/docs\.camunda\.io\//));
    await choose("openLogFolder");
    expect(await screen.findByText("Could not open the log folder")).toBeInTheDocument();
    expect(screen.getByText(/no file manager/)).toBeInTheDocument();
  });

  it("Help → About Skep shows version, commit and licence in a dialog", async () => {
    const { user } = await openApp();
    await choose("about");
    const dialog = await screen.findByRole("dialog", { name: "About Skep" });
    expect(await within(dialog).findByText("0.1.0")).toBeInTheDocument();
    expect(within(dialog).getByText("0123456789ab")).toBeInTheDocument();
    expect(within(dialog).getByText("Apache-2.0")).toBeInTheDocument();
    // Focus starts on the footer's Close: Escape closes at once (no tooltip to dismiss first).
    await waitFor(() => expect(document.activeElement?.closest(".cds--modal-footer")).not.toBeNull());
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "About Skep" })).not.toBeInTheDocument());
  });

  it("File → Switch organization… opens the header's organization menu", async () => {
    await openApp();
    const button = () => document.querySelector<HTMLAnchorElement>('a[aria-haspopup="menu"][aria-label^="Organization:"]');
    expect(button()?.getAttribute("aria-expanded")).toBe("false");
    await choose("switchOrganization");
    await waitFor(() => expect(button()?.getAttribute("aria-expanded")).toBe("true"));
    await waitFor(() => expect(document.activeElement?.textContent).toContain("Sandbox"));
  });

  it("does not change the screen while a dialog is open", async () => {
    await openApp();
    await choose("about");
    await screen.findByRole("dialog", { name: "About Skep" });
    await choose("allOrganizations");
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole("heading", { name: "All organizations" })).not.toBeInTheDocument();
  });
});

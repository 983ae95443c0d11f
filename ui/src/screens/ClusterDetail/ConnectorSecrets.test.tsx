import { act, screen, waitFor, within } from "@testing-library/react";
import { appError, sandboxOrg } from "../../test/fixtures";
import type { Handlers } from "../../test/ipc";
import { REVEAL_FOR_MS } from "./ConnectorSecretsPanel";
import { openOrdersProd } from "./testSupport";

/** A sandbox-like store of one cluster's connector secrets. */
function store(initial: Record<string, string> = { DB_PASSWORD: "pw-0451", SLACK_TOKEN: "xoxb-0451" }) {
  const secrets = new Map(Object.entries(initial));
  const handlers = {
    list_connector_secrets: () => [...secrets.keys()].sort(),
    reveal_connector_secret: (a: { clusterId: string; name: string }) => {
      const v = secrets.get(a.name);
      if (v === undefined) throw appError("not_found", { message: `There is no connector secret “${a.name}”.` });
      return v;
    },
    create_connector_secret: (a: { clusterId: string; name: string; value: string }) => {
      if (secrets.has(a.name.trim())) throw appError("conflict", { message: `A connector secret named “${a.name}” already exists on this cluster.` });
      secrets.set(a.name.trim(), a.value);
      return null;
    },
    update_connector_secret: (a: { clusterId: string; name: string; value: string }) => {
      secrets.set(a.name, a.value);
      return null;
    },
    delete_connector_secret: (a: { clusterId: string; name: string }) => {
      secrets.delete(a.name);
      return null;
    },
  } satisfies Handlers;
  return { handlers, secrets };
}

async function openTab(handlers: Handlers, org = sandboxOrg) {
  const started = await openOrdersProd(handlers, org);
  await started.user.click(screen.getByRole("tab", { name: "Connector secrets" }));
  const panel = await screen.findByRole("region", { name: "Connector secrets" });
  await within(panel).findByRole("table", { name: "Connector secrets" });
  return { ...started, panel };
}

describe("Connector secrets tab", () => {
  afterEach(() => vi.useRealTimers());

  it("lists names with values masked; one value is shown at a time, on request", async () => {
    const s = store();
    const { user, panel, calls } = await openTab(s.handlers);
    expect(within(panel).getByText("DB_PASSWORD")).toBeInTheDocument();
    expect(within(panel).queryByText("pw-0451")).not.toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "reveal_connector_secret")).toBe(false);

    await user.click(within(panel).getByRole("button", { name: "Show value of DB_PASSWORD" }));
    expect(await within(panel).findByText("pw-0451")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Show value of SLACK_TOKEN" }));
    expect(await within(panel).findByText("xoxb-0451")).toBeInTheDocument();
    expect(within(panel).queryByText("pw-0451")).not.toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Hide value of SLACK_TOKEN" }));
    expect(within(panel).queryByText("xoxb-0451")).not.toBeInTheDocument();
  });

  it("masks a shown value again by itself after a while", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user, panel } = await openTab(store().handlers);
    await user.click(within(panel).getByRole("button", { name: "Show value of DB_PASSWORD" }));
    expect(await within(panel).findByText("pw-0451")).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(REVEAL_FOR_MS + 10);
    });
    expect(within(panel).queryByText("pw-0451")).not.toBeInTheDocument();
  });

  it("creates a secret; a taken name is said in the dialog, which keeps what was typed", async () => {
    const s = store();
    const { user, panel } = await openTab(s.handlers);
    await user.click(within(panel).getByRole("button", { name: "Create secret" }));
    let dialog = await screen.findByRole("dialog", { name: "Create connector secret" });
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "SLACK_TOKEN");
    await user.type(within(dialog).getByLabelText("Value"), "new-value-1");
    await user.click(within(dialog).getByRole("button", { name: "Create secret" }));
    expect(await within(dialog).findByText(/already exists on this cluster/)).toBeInTheDocument();
    expect(within(dialog).getByRole("textbox", { name: "Name" })).toHaveValue("SLACK_TOKEN");

    await user.clear(within(dialog).getByRole("textbox", { name: "Name" }));
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "GITHUB_TOKEN");
    await user.click(within(dialog).getByRole("button", { name: "Create secret" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Create connector secret" })).not.toBeInTheDocument());
    expect(await within(panel).findByText("GITHUB_TOKEN")).toBeInTheDocument();
    expect(within(panel).getByText("Secret GITHUB_TOKEN created.")).toBeInTheDocument();
    expect(s.secrets.get("GITHUB_TOKEN")).toBe("new-value-1");
    expect(within(panel).queryByText("new-value-1")).not.toBeInTheDocument();

    // Change a value: the dialog asks for the value only.
    await user.click(within(panel).getByRole("button", { name: "Change value of DB_PASSWORD" }));
    dialog = await screen.findByRole("dialog", { name: "Change value of DB_PASSWORD" });
    expect(within(dialog).queryByRole("textbox", { name: "Name" })).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Value"), "pw-2");
    await user.click(within(dialog).getByRole("button", { name: "Save value" }));
    expect(await within(panel).findByText("The value of DB_PASSWORD was changed.")).toBeInTheDocument();
    expect(s.secrets.get("DB_PASSWORD")).toBe("pw-2");
  });

  it("deletes after confirmation; the row goes at once", async () => {
    const s = store();
    const { user, panel, calls } = await openTab(s.handlers);
    await user.click(within(panel).getByRole("button", { name: "Delete SLACK_TOKEN" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete connector secret SLACK_TOKEN" });
    expect(calls.some((c) => c.cmd === "delete_connector_secret")).toBe(false);
    await user.click(within(dialog).getByRole("button", { name: "Delete secret" }));
    await waitFor(() => expect(within(panel).queryByText("SLACK_TOKEN")).not.toBeInTheDocument());
    expect(within(panel).getByText(/Secret SLACK_TOKEN deleted/)).toBeInTheDocument();
    expect(s.secrets.has("SLACK_TOKEN")).toBe(false);
  });

  it("without the permission every change is disabled with the reason", async () => {
    const { panel } = await openTab(store().handlers, { ...sandboxOrg, deniedPermissions: ["connector_secrets"] });
    for (const name of ["Create secret", "Show value of DB_PASSWORD", "Delete DB_PASSWORD", "Change value of DB_PASSWORD"]) {
      const b = within(panel).getByRole("button", { name });
      expect(b).toBeDisabled();
      expect(b).toHaveAccessibleDescription(/Connector Secrets/);
    }
  });
});

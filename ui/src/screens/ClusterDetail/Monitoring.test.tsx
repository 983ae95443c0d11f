import { screen, waitFor, within } from "@testing-library/react";
import type { MonitoringPassword, MonitoringView } from "../../api";
import { appError, sandboxOrg } from "../../test/fixtures";
import type { Handlers } from "../../test/ipc";
import { openOrdersProd } from "./testSupport";

const URL = "https://bru-2.metrics.camunda.io/c1/metrics";
const PASSWORD = "pw-0e1c9d7a-shown-once-only";

function store(active = false) {
  const view: MonitoringView = { active, metricsUrl: active ? URL : null, clients: [] };
  let n = 0;
  const password = (id: string, username: string, rotated: boolean): MonitoringPassword => ({
    clusterId: "c1", clientId: id, username, password: `${PASSWORD}-${++n}`, metricsUrl: URL, rotated,
    saveFormats: ["env", "json", "prometheus"],
  });
  const handlers = {
    get_monitoring: () => structuredClone(view),
    activate_monitoring: () => {
      view.active = true;
      view.metricsUrl = URL;
      return null;
    },
    deactivate_monitoring: () => {
      Object.assign(view, { active: false, metricsUrl: null, clients: [] });
      return null;
    },
    create_monitoring_client: (a: { clusterId: string; username: string }) => {
      if (a.username === "taken") throw appError("conflict", { message: "Camunda did not create “taken”." });
      const id = `m${view.clients.length + 1}`;
      view.clients.push({ id, username: a.username, created: "2026-12-04T09:00:00Z", lastUsed: null, createdBy: "Sandbox Admin" });
      return password(id, a.username, false);
    },
    rotate_monitoring_password: (a: { clusterId: string; clientId: string }) =>
      password(a.clientId, view.clients.find((c) => c.id === a.clientId)?.username ?? "?", true),
    delete_monitoring_client: (a: { clusterId: string; clientId: string }) => {
      view.clients = view.clients.filter((c) => c.id !== a.clientId);
      return null;
    },
    copy_pending_secret: () => null,
    save_pending_secret: (a: { format: string }) => `/home/me/prometheus.${a.format}`,
    acknowledge_pending_secret: () => null,
  } satisfies Handlers;
  return { handlers, view };
}

async function openTab(handlers: Handlers, org = sandboxOrg) {
  const started = await openOrdersProd(handlers, org);
  await started.user.click(screen.getByRole("tab", { name: "Monitoring" }));
  const panel = await screen.findByRole("region", { name: "External monitoring" });
  return { ...started, panel };
}

async function confirmStored(user: Awaited<ReturnType<typeof openTab>>["user"], dialog: HTMLElement) {
  await user.click(within(dialog).getByRole("checkbox", { name: "I have copied or downloaded the password" }));
  await user.click(within(dialog).getByRole("button", { name: "Done" }));
  await waitFor(() => expect(screen.queryByRole("dialog", { name: "Monitoring password" })).not.toBeInTheDocument());
}

describe("Monitoring tab", () => {
  it("activates, then shows the endpoint and creates a client whose password is shown once", async () => {
    const { user, panel, calls } = await openTab(store().handlers);
    expect(await within(panel).findByText("External monitoring is not active on this cluster.")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Activate external monitoring" }));
    expect(await within(panel).findByText(URL)).toBeInTheDocument();

    await user.click(within(panel).getByRole("button", { name: "Create monitoring client" }));
    const create = await screen.findByRole("dialog", { name: "Create monitoring client" });
    await user.type(within(create).getByRole("textbox", { name: "User name" }), "taken{Enter}");
    expect(await within(create).findByText("Camunda did not create “taken”.")).toBeInTheDocument();
    const field = within(create).getByRole("textbox", { name: "User name" });
    await user.clear(field);
    await user.type(field, "grafana{Enter}");

    const dialog = await screen.findByRole("dialog", { name: "Monitoring password" });
    expect(within(dialog).getByText("Monitoring client “grafana” created — copy its password now")).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(PASSWORD);
    await user.click(within(dialog).getByRole("button", { name: "Reveal password" }));
    expect(within(dialog).getByText(`${PASSWORD}-1`)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Copy password" }));
    await user.click(within(dialog).getByRole("button", { name: "Copy user name" }));
    expect(within(dialog).queryByRole("button", { name: "Save as Spring Boot properties" })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Save as Prometheus scrape config" }));
    expect(await within(dialog).findByText(/Saved to \/home\/me\/prometheus\.prometheus/)).toBeInTheDocument();
    // Escape does not close it before the confirmation.
    await user.keyboard("{Escape}");
    expect(screen.getByRole("dialog", { name: "Monitoring password" })).toBeInTheDocument();
    await confirmStored(user, dialog);
    expect(calls.filter((c) => c.cmd === "copy_pending_secret").map((c) => c.args.field)).toEqual(["secret", "id"]);
    expect(calls.filter((c) => c.cmd === "acknowledge_pending_secret")).toHaveLength(1);
    expect(await within(panel).findByRole("table", { name: "Monitoring clients" })).toBeInTheDocument();
    expect(document.body.textContent).not.toContain(PASSWORD);
  });

  it("rotates a password after saying the old one stops working, and shows the new one once", async () => {
    const s = store(true);
    s.view.clients.push({ id: "m1", username: "prom", created: "2026-12-01T09:00:00Z", lastUsed: null, createdBy: null });
    const { user, panel } = await openTab(s.handlers);
    await user.click(await within(panel).findByRole("button", { name: "Rotate password of prom" }));
    const confirm = await screen.findByRole("dialog", { name: "Rotate password of prom" });
    expect(within(confirm).getByText(/stops working at once/)).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Rotate password" }));
    const dialog = await screen.findByRole("dialog", { name: "Monitoring password" });
    expect(within(dialog).getByText("New password for “prom” — copy it now")).toBeInTheDocument();
    expect(within(dialog).getByText(/previous password has stopped working/)).toBeInTheDocument();
    await confirmStored(user, dialog);
  });

  it("deletes a client and deactivates after confirmation", async () => {
    const s = store(true);
    s.view.clients.push({ id: "m1", username: "prom", created: "2026-12-01T09:00:00Z", lastUsed: "2026-12-03T09:00:00Z", createdBy: "Ada" });
    const { user, panel } = await openTab(s.handlers);
    await user.click(await within(panel).findByRole("button", { name: "Delete prom" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete monitoring client prom" });
    await user.click(within(dialog).getByRole("button", { name: "Delete monitoring client" }));
    expect(await within(panel).findByText(/No monitoring client yet/)).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Deactivate…" }));
    const off = await screen.findByRole("dialog", { name: "Deactivate external monitoring" });
    expect(within(off).getByText(/stops answering/)).toBeInTheDocument();
    await user.click(within(off).getByRole("button", { name: "Deactivate" }));
    expect(await within(panel).findByText("External monitoring is not active on this cluster.")).toBeInTheDocument();
  });

  it("is disabled with the reason without the Create clusters permission", async () => {
    const s = store(true);
    s.view.clients.push({ id: "m1", username: "prom", created: null, lastUsed: null, createdBy: null });
    const { panel } = await openTab(s.handlers, { ...sandboxOrg, deniedPermissions: ["create_clusters"] });
    await within(panel).findByRole("table", { name: "Monitoring clients" });
    for (const name of ["Create monitoring client", "Rotate password of prom", "Delete prom", "Deactivate…"]) {
      expect(within(panel).getByRole("button", { name })).toBeDisabled();
      expect(within(panel).getByRole("button", { name })).toHaveAccessibleDescription(/Create clusters/);
    }
  });
});

import { screen, waitFor, within } from "@testing-library/react";
import type { BackupList, BackupView, RestoreView } from "../../api";
import { sandboxOrg } from "../../test/fixtures";
import type { Handlers } from "../../test/ipc";
import { openOrdersProd } from "./testSupport";

const nightly: BackupView = {
  id: "b1", name: "orders-prod-nightly", created: "2026-12-01T02:00:00Z", completed: "2026-12-01T02:12:00Z",
  status: "Complete", generation: "Camunda 8.7.6",
  components: ["Zeebe", "Operate", "Tasklist", "Optimize"].map((component) => ({ component, status: "Complete" })),
};

function store() {
  const list: BackupList = { backups: [nightly], nextBackupAt: null };
  let restore: RestoreView | null = null;
  let restorePolls = 0;
  const handlers = {
    list_backups: () => structuredClone(list),
    create_backup: () => {
      const b: BackupView = { ...nightly, id: "b2", name: "orders-prod-manual-2", created: new Date().toISOString(), completed: null, status: "In progress" };
      list.backups.unshift(b);
      list.nextBackupAt = new Date(Date.now() + 15 * 60_000).toISOString();
      return b;
    },
    delete_backup: (a: { clusterId: string; backupId: string }) => {
      list.backups = list.backups.filter((b) => b.id !== a.backupId);
      return null;
    },
    restore_backup: (a: { clusterId: string; backupId: string }) => {
      restore = { id: "r1", backupId: a.backupId, state: "PENDING", started: "2026-12-03T10:00:00Z", completed: null, finished: false };
      return restore;
    },
    get_restore: () => {
      restorePolls += 1;
      if (restore && restorePolls >= 2) restore = { ...restore, state: "COMPLETED", completed: "2026-12-03T10:05:00Z", finished: true };
      return restore;
    },
  } satisfies Handlers;
  return { handlers, list };
}

async function openTab(handlers: Handlers, org = sandboxOrg) {
  const started = await openOrdersProd(handlers, org);
  await started.user.click(screen.getByRole("tab", { name: "Backups" }));
  const panel = await screen.findByRole("region", { name: "Backups" });
  await within(panel).findByRole("table", { name: "Backups" });
  return { ...started, panel };
}

describe("Backups tab", () => {
  it("lists status per component and says the 15-minute rule before a second backup fails", async () => {
    const s = store();
    const { user, panel, calls } = await openTab(s.handlers);
    expect(within(panel).getByText("Zeebe: Complete · Operate: Complete · Tasklist: Complete · Optimize: Complete")).toBeInTheDocument();
    expect(within(panel).getByText(/one manual backup every 15/)).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Create backup" }));
    expect(await within(panel).findByText("orders-prod-manual-2")).toBeInTheDocument();
    const create = within(panel).getByRole("button", { name: "Create backup" });
    await waitFor(() => expect(create).toBeDisabled());
    expect(create).toHaveAccessibleDescription(/one backup every 15 minutes: the next one can be made at \d\d:\d\d/);
    expect(calls.filter((c) => c.cmd === "create_backup")).toHaveLength(1);
    // An incomplete backup cannot be restored.
    expect(within(panel).getByRole("button", { name: "Restore orders-prod-manual-2" })).toBeDisabled();
  });

  it("restores only after the cluster's name is typed, then follows the restore to the end", async () => {
    const s = store();
    const { user, panel, calls } = await openTab(s.handlers);
    await user.click(within(panel).getByRole("button", { name: "Restore orders-prod-nightly" }));
    const dialog = await screen.findByRole("dialog", { name: "Restore backup orders-prod-nightly" });
    expect(within(dialog).getByText(/is replaced by the state of/)).toBeInTheDocument();
    const confirm = within(dialog).getByRole("button", { name: "Restore backup" });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox", { name: "Type “orders-prod” to confirm" }), "orders-pro");
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox", { name: "Type “orders-prod” to confirm" }), "d");
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Restore backup orders-prod-nightly" })).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "restore_backup")).toHaveLength(1);
    expect(await within(panel).findByText("Restore of orders-prod-nightly: completed", {}, { timeout: 8000 })).toBeInTheDocument();
  });

  it("deletes after confirmation; without the permission everything says why", async () => {
    const s = store();
    const { user, panel } = await openTab(s.handlers);
    await user.click(within(panel).getByRole("button", { name: "Delete orders-prod-nightly" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete backup orders-prod-nightly" });
    await user.click(within(dialog).getByRole("button", { name: "Delete backup" }));
    expect(await within(panel).findByText("This cluster has no backups yet.")).toBeInTheDocument();
  });

  it("is disabled with the reason when the API client lacks the Backups permission", async () => {
    const { panel } = await openTab(store().handlers, { ...sandboxOrg, deniedPermissions: ["backups"] });
    for (const name of ["Create backup", "Restore orders-prod-nightly", "Delete orders-prod-nightly"]) {
      expect(within(panel).getByRole("button", { name })).toBeDisabled();
      expect(within(panel).getByRole("button", { name })).toHaveAccessibleDescription(/Backups/);
    }
  });
});

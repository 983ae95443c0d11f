import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { ClusterView, UpdateClusterInput } from "../../api";
import { appError, clusterList, demoClusters, sandboxOrg } from "../../test/fixtures";
import { deferred, type Handlers } from "../../test/ipc";
import { openOrdersProd } from "./testSupport";

/** A sandbox-like cluster store: `update_cluster` changes what `get_cluster` and `list_clusters` return. */
function store(over: Partial<ClusterView> = {}) {
  const clusters: ClusterView[] = demoClusters.map((c) =>
    c.id === "c1" ? { ...c, description: "Order intake", ...over } : { ...c },
  );
  const find = (id: string) => {
    const c = clusters.find((x) => x.id === id);
    if (!c) throw appError("not_found");
    return c;
  };
  const handlers = {
    list_clusters: () => clusterList(clusters.map((c) => ({ ...c }))),
    get_cluster: (a: { clusterId: string }) => ({ ...find(a.clusterId) }),
    update_cluster: (a: { clusterId: string; input: UpdateClusterInput }) => {
      const c = find(a.clusterId);
      if (a.input.name !== null) c.name = a.input.name;
      if (a.input.description !== null) c.description = a.input.description || null;
      if (a.input.stageLabel !== null) c.stageLabel = a.input.stageLabel;
      if (a.input.hardwarePackages != null) c.hardwarePackages = a.input.hardwarePackages;
      return null;
    },
  } satisfies Handlers;
  return { handlers };
}

async function openEdit(handlers: Handlers = store().handlers) {
  const started = await openOrdersProd(handlers);
  await started.user.click(screen.getByRole("button", { name: "Edit cluster" }));
  const dialog = await screen.findByRole("dialog", { name: "Edit cluster" });
  return { ...started, dialog };
}

const field = (dialog: HTMLElement) => ({
  name: within(dialog).getByRole("textbox", { name: "Cluster name" }) as HTMLInputElement,
  description: within(dialog).getByRole("textbox", { name: /Description/ }) as HTMLTextAreaElement,
  stage: within(dialog).getByRole("combobox", { name: /Stage label/ }) as HTMLSelectElement,
  save: within(dialog).getByRole("button", { name: "Save changes" }),
});

describe("Edit cluster", () => {
  it("opens prefilled with the cluster's name, description and stage label; Save waits for a change", async () => {
    const { dialog, user } = await openEdit();
    const f = field(dialog);
    expect(f.name).toHaveValue("orders-prod");
    expect(f.description).toHaveValue("Order intake");
    expect(f.stage).toHaveValue("prod");
    expect(within(dialog).getByText("12/150")).toBeInTheDocument();
    expect(f.save).toBeDisabled();
    // A label can be changed, not removed: "None" is offered only while there is none.
    expect(within(f.stage).getByRole("option", { name: "None" })).toBeDisabled();
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("validates the name and the description before anything is sent", async () => {
    const { calls, dialog, user } = await openEdit();
    const f = field(dialog);
    await user.clear(f.name);
    expect(within(dialog).getByText("Enter a name for the cluster.")).toBeInTheDocument();
    expect(f.save).toBeDisabled();
    await user.type(f.name, "x".repeat(51));
    expect(within(dialog).getByText("Use at most 50 characters (now 51).")).toBeInTheDocument();
    await user.clear(f.name);
    await user.type(f.name, "orders-eu");
    expect(f.save).toBeEnabled();
    // The counter stops typing at 150; a longer text (pasted, set) is refused too.
    fireEvent.change(f.description, { target: { value: "d".repeat(151) } });
    expect(within(dialog).getByText("Use at most 150 characters (now 151).")).toBeInTheDocument();
    expect(f.save).toBeDisabled();
    await user.type(f.name, "{Enter}");
    expect(calls.some((c) => c.cmd === "update_cluster")).toBe(false);
    expect(screen.getByRole("dialog", { name: "Edit cluster" })).toBeInTheDocument();
  });

  it("sends exactly the changed fields, and the detail and the clusters list show the new values", async () => {
    const { calls, dialog, user } = await openEdit();
    const f = field(dialog);
    await user.clear(f.name);
    await user.type(f.name, "orders-eu");
    await user.selectOptions(f.stage, "stage");
    expect(f.save).toBeEnabled();
    await user.click(f.save);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "update_cluster")).toEqual([
      { cmd: "update_cluster", args: { clusterId: "c1", input: { name: "orders-eu", description: null, stageLabel: "stage", hardwarePackages: null } } },
    ]);
    expect(screen.getByRole("heading", { name: "orders-eu" })).toBeInTheDocument();
    expect(screen.getByText(/· stage/)).toBeInTheDocument();
    expect(screen.getByText("Order intake")).toBeInTheDocument();

    await user.click(screen.getByRole("link", { name: "Back to clusters" }));
    const link = await screen.findByRole("link", { name: "orders-eu" });
    expect(link.closest("td")).toHaveTextContent("orders-eu · stage");
    expect(screen.queryByRole("link", { name: "orders-prod" })).not.toBeInTheDocument();
  });

  it("changes only the description with Enter, shows busy while saving, and clears it with an empty text", async () => {
    const saving = deferred<null>();
    const s = store();
    const { calls, dialog, user } = await openEdit({
      ...s.handlers,
      update_cluster: async (a) => {
        await saving.promise;
        return s.handlers.update_cluster(a);
      },
    });
    const f = field(dialog);
    await user.clear(f.description);
    await user.type(f.description, "{Enter}");
    expect(await within(dialog).findByText("Saving…")).toBeInTheDocument();
    expect(f.save).toBeDisabled();
    saving.resolve(null);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "update_cluster").map((c) => c.args.input)).toEqual([
      { name: null, description: "", stageLabel: null, hardwarePackages: null },
    ]);
    expect(screen.queryByText("Order intake")).not.toBeInTheDocument();
  });

  it("keeps the dialog and the edits with the app's message when saving fails", async () => {
    const { dialog, user } = await openEdit({
      ...store().handlers,
      update_cluster: () => {
        throw appError("server", { status: 500 });
      },
    });
    const f = field(dialog);
    await user.clear(f.name);
    await user.type(f.name, "orders-eu");
    await user.click(f.save);
    expect(await within(dialog).findByText(/server from backend/)).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Edit cluster" })).toBeInTheDocument();
    expect(f.name).toHaveValue("orders-eu");
    expect(screen.getByRole("heading", { name: "orders-prod" })).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("is disabled with the reason when Create clusters (which editing needs) was denied", async () => {
    const { user } = await openOrdersProd(store().handlers, { ...sandboxOrg, deniedPermissions: ["create_clusters"] });
    const button = screen.getByRole("button", { name: "Edit cluster" });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/lacks the “Create clusters” permission/);
    await user.click(button);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("changes the hardware packages of an Advanced-plan cluster, and offers none on other plans", async () => {
    const { calls, dialog, user } = await openEdit(store({ planType: "Advanced", hardwarePackages: 1 }).handlers);
    const packages = within(dialog).getByRole("spinbutton", { name: "Hardware packages" });
    await user.clear(packages);
    await user.type(packages, "9");
    expect(field(dialog).save).toBeDisabled();
    expect(within(dialog).getByText("Enter a whole number from 1 to 8.")).toBeInTheDocument();
    await user.clear(packages);
    await user.type(packages, "3");
    await user.click(field(dialog).save);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "update_cluster").map((c) => c.args.input)).toEqual([
      { name: null, description: null, stageLabel: null, hardwarePackages: 3 },
    ]);
    expect(await screen.findByText(/Advanced · 3 hardware packages/)).toBeInTheDocument();
  });

  it("offers no hardware packages outside the Advanced plans", async () => {
    const { dialog } = await openEdit(store({ planType: "Professional" }).handlers);
    expect(within(dialog).queryByRole("spinbutton", { name: "Hardware packages" })).not.toBeInTheDocument();
  });
});

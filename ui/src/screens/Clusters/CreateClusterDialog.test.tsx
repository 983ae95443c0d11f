import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import { appError, clusterList, demoClusters, orgsState, params } from "../../test/fixtures";
import { deferred, mockCommands } from "../../test/ipc";
import { clusterNameError } from "./validation";

async function openDialog(handlers: Parameters<typeof mockCommands>[0]) {
  const calls = mockCommands({
    list_organizations: () => orgsState(),
    list_clusters: () => clusterList(),
    cluster_parameters: () => params,
    ...handlers,
  });
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("link", { name: "orders-prod" });
  await user.click(screen.getByRole("button", { name: "Create cluster" }));
  const dialog = await screen.findByRole("dialog", { name: "Create cluster" });
  await within(dialog).findByRole("combobox", { name: "Channel" });
  return { calls, user, dialog };
}

describe("Create cluster dialog", () => {
  it("validates the name: required, at most 50 characters, trimmed", () => {
    expect(clusterNameError("")).toMatch(/Enter a name/);
    expect(clusterNameError("   ")).toMatch(/Enter a name/);
    expect(clusterNameError("a".repeat(50))).toBeNull();
    expect(clusterNameError(` ${"a".repeat(50)} `)).toBeNull();
    expect(clusterNameError("a".repeat(51))).toMatch(/at most 50/);
  });

  it("builds channel → generations (default preselected) → region by provider → plan, and creates", async () => {
    const { calls, user, dialog } = await openDialog({ create_cluster: () => "new-id" });
    const channel = within(dialog).getByRole("combobox", { name: "Channel" });
    const generation = within(dialog).getByRole("combobox", { name: "Generation" });
    expect(channel).toHaveValue("ch-stable");
    expect(generation).toHaveValue("gen-87");
    expect(within(generation).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Camunda 8.6", "Camunda 8.7 (default)",
    ]);
    await user.selectOptions(channel, "ch-alpha");
    expect(generation).toHaveValue("gen-a2");
    expect(within(generation).getAllByRole("option")).toHaveLength(2);
    const region = within(dialog).getByRole("combobox", { name: "Region" });
    const groups = within(region).getAllByRole("group");
    expect(groups.map((g) => g.getAttribute("label"))).toEqual(["GCP", "AWS"]);
    expect(within(groups[0]!).getAllByRole("option")).toHaveLength(2);
    await user.selectOptions(region, "reg-aws-us");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Plan" }), "plan-prod");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Stage label (optional)" }), "prod");

    const create = within(dialog).getByRole("button", { name: "Create cluster" });
    expect(create).toBeDisabled(); // no name yet
    const name = within(dialog).getByRole("textbox", { name: "Cluster name" });
    await user.type(name, "x".repeat(51));
    expect(within(dialog).getByText(/at most 50 characters/)).toBeInTheDocument();
    expect(create).toBeDisabled();
    await user.clear(name);
    expect(within(dialog).getByText(/Enter a name/)).toBeInTheDocument();
    await user.type(name, "  billing-dev  ");
    expect(create).toBeEnabled();
    await user.click(create);

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const createCalls = calls.filter((c) => c.cmd === "create_cluster");
    expect(createCalls).toEqual([
      {
        cmd: "create_cluster",
        args: {
          input: {
            name: "billing-dev", channelId: "ch-alpha", generationId: "gen-a2", regionId: "reg-aws-us",
            planTypeId: "plan-prod", stageLabel: "prod", description: null, autoUpdate: null, backupRegionId: null,
            customerManagedKeys: false,
          },
        },
      },
    ]);
    // it appears at once as Creating
    const row = (await screen.findByRole("link", { name: "billing-dev" })).closest("tr")!;
    expect(within(row).getByText("Creating")).toBeInTheDocument();
  });

  it("sends a description and the auto-update choice, offered on the Stable channel only", async () => {
    const { calls, user, dialog } = await openDialog({ create_cluster: () => "new-id" });
    const auto = within(dialog).getByRole("checkbox", { name: "Update automatically to new patch releases" });
    expect(auto).toBeChecked();
    await user.click(auto);
    const description = within(dialog).getByRole("textbox", { name: /Description/ });
    // The counter stops typing at 150 characters.
    await user.type(description, "x".repeat(151));
    expect(description).toHaveValue("x".repeat(150));
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "billing");
    const create = within(dialog).getByRole("button", { name: "Create cluster" });
    await user.clear(description);
    await user.type(description, "  EU billing  ");
    await user.click(create);
    await waitFor(() => expect(calls.some((c) => c.cmd === "create_cluster")).toBe(true));
    const input = (calls.find((c) => c.cmd === "create_cluster")!.args as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ channelId: "ch-stable", description: "EU billing", autoUpdate: false });
  });

  it("offers the backup regions of the chosen region only, and sends the choice", async () => {
    const { calls, user, dialog } = await openDialog({ create_cluster: () => "new-id" });
    const backup = within(dialog).getByRole("combobox", { name: "Backup region (optional)" });
    expect(backup).toHaveValue("");
    expect(within(backup).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "The Console's default", "Belgium (same region)", "Netherlands",
    ]);
    await user.selectOptions(backup, "europe-west4");
    // Another region without a choice: the field goes, and nothing is sent for it.
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Region" }), "reg-aws-us");
    expect(within(dialog).queryByRole("combobox", { name: "Backup region (optional)" })).not.toBeInTheDocument();
    // An AWS region offers customer-managed keys; a GCP one does not (and nothing is sent for it).
    await user.click(within(dialog).getByRole("checkbox", { name: "Encrypt with my own keys (AWS KMS)" }));
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Region" }), "reg-gcp-be");
    expect(within(dialog).queryByRole("checkbox", { name: "Encrypt with my own keys (AWS KMS)" })).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Backup region (optional)" }), "europe-west4");
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "billing");
    await user.click(within(dialog).getByRole("button", { name: "Create cluster" }));
    await waitFor(() => expect(calls.some((c) => c.cmd === "create_cluster")).toBe(true));
    const input = (calls.find((c) => c.cmd === "create_cluster")!.args as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ regionId: "reg-gcp-be", backupRegionId: "europe-west4", customerManagedKeys: false });
  });

  it("does not offer auto-update off the Stable channel", async () => {
    const { user, dialog } = await openDialog({});
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Channel" }), "ch-alpha");
    expect(within(dialog).queryByRole("checkbox", { name: /Update automatically/ })).not.toBeInTheDocument();
  });

  it("shows progress and ignores a double submit", async () => {
    const pending = deferred<string>();
    const { calls, user, dialog } = await openDialog({ create_cluster: () => pending.promise });
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "twice");
    const create = within(dialog).getByRole("button", { name: "Create cluster" });
    await user.click(create);
    expect(within(dialog).getByText("Creating…")).toBeInTheDocument();
    await user.keyboard("{Enter}");
    await user.click(create);
    expect(calls.filter((c) => c.cmd === "create_cluster")).toHaveLength(1);
    await act(async () => pending.resolve("id-2"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === "create_cluster")).toHaveLength(1);
  });

  it("submits with Enter and closes with Escape", async () => {
    const { calls, user, dialog } = await openDialog({ create_cluster: () => "id-3" });
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "by-enter{Enter}");
    await waitFor(() => expect(calls.some((c) => c.cmd === "create_cluster")).toBe(true));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await user.keyboard("{Control>}n{/Control}");
    await screen.findByRole("dialog", { name: "Create cluster" });
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("on outcome unknown refreshes and never creates again", async () => {
    let listed = 0;
    const { calls, user, dialog } = await openDialog({
      create_cluster: () => {
        throw appError("outcome_unknown");
      },
      list_clusters: () => {
        listed += 1;
        return clusterList(listed > 1 ? [...demoClusters, { ...demoClusters[0]!, id: "maybe", name: "maybe-made" }] : demoClusters);
      },
    });
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "maybe-made");
    await user.click(within(dialog).getByRole("button", { name: "Create cluster" }));
    expect(await screen.findByText(/The outcome of creating “maybe-made” is unknown/)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "maybe-made" })).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "create_cluster")).toHaveLength(1);
  });

  it("names the missing permission and records it (the button becomes disabled)", async () => {
    let denied = false;
    const { user, dialog } = await openDialog({
      list_organizations: () => {
        const s = orgsState();
        if (denied) s.organizations[0]!.deniedPermissions = ["create_clusters"];
        return s;
      },
      create_cluster: () => {
        denied = true;
        throw appError("forbidden", { permission: "create_clusters" });
      },
    });
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "nope");
    await user.click(within(dialog).getByRole("button", { name: "Create cluster" }));
    expect(await within(dialog).findByText(/lacks the “Create clusters” permission/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Create cluster" })).toBeDisabled());
  });

  it("counts down when rate limited and retries by itself", async () => {
    let n = 0;
    const { calls, user, dialog } = await openDialog({
      create_cluster: () => {
        n += 1;
        if (n === 1) throw appError("rate_limited", { retryAfterSecs: 2 });
        return "id-rl";
      },
    });
    await user.type(within(dialog).getByRole("textbox", { name: "Cluster name" }), "limited");
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      await user.click(within(dialog).getByRole("button", { name: "Create cluster" }));
      expect(await within(dialog).findByText(/Retrying in 2 s\./)).toBeInTheDocument();
      expect(within(dialog).getByRole("button", { name: "Create cluster" })).toBeDisabled();
      await act(async () => vi.advanceTimersByTime(1000));
      expect(within(dialog).getByText(/Retrying in 1 s\./)).toBeInTheDocument();
      await act(async () => vi.advanceTimersByTime(1100));
      await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
      expect(calls.filter((c) => c.cmd === "create_cluster")).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("explains when the options cannot be loaded, and tries again", async () => {
    let n = 0;
    mockCommands({
      list_organizations: () => orgsState(),
      list_clusters: () => clusterList(),
      cluster_parameters: () => {
        n += 1;
        if (n === 1) throw appError("network");
        return params;
      },
    });
    const user = userEvent.setup();
    render(<App />);
    await user.click(await screen.findByRole("button", { name: "Create cluster" }));
    const dialog = await screen.findByRole("dialog", { name: "Create cluster" });
    expect(await within(dialog).findByText("Could not load the cluster options")).toBeInTheDocument();
    expect(within(dialog).getByText(/network from backend/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Try again" }));
    expect(await within(dialog).findByRole("combobox", { name: "Channel" })).toBeInTheDocument();
  });
});

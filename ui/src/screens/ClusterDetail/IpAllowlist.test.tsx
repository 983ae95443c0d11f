import { screen, waitFor, within } from "@testing-library/react";
import type { IpAllowlistEntry } from "../../api";
import { appError, findCluster, sandboxOrg } from "../../test/fixtures";
import type { Handlers } from "../../test/ipc";
import { openOrdersProd } from "./testSupport";

const WEB_MODELER = ["34.89.0.0/16", "35.198.137.7"];

/**
 * A stand-in for Rust's check (the rule itself is tested there): an address with "/33" or an
 * empty one is refused; a Web Modeler range is missing unless an entry names it.
 */
function fakeCheck(entries: IpAllowlistEntry[], required: string[]) {
  const parts = entries.flatMap((e) => e.ip.split(",").map((p) => p.trim()));
  return {
    problems: entries.map((e) =>
      e.ip.trim() === "" ? "Enter an IP address or CIDR range." : e.ip.includes("/33") ? `“${e.ip.trim()}” is not an IPv4 or IPv6 address or CIDR range.` : null,
    ),
    missingRanges: entries.length === 0 ? [] : required.filter((r) => !parts.includes(r)),
  };
}

function store(initial: IpAllowlistEntry[] = []) {
  let saved = initial;
  const handlers = {
    get_cluster: (a: { clusterId: string }) => ({ ...findCluster(a.clusterId), ipAllowlist: a.clusterId === "c1" ? saved : [] }),
    ip_ranges: () => ({ webModeler: WEB_MODELER }),
    check_ip_allowlist: (a: { entries: IpAllowlistEntry[]; required: string[] }) => fakeCheck(a.entries, a.required),
    set_ip_allowlist: (a: { clusterId: string; entries: IpAllowlistEntry[] }) => {
      saved = a.entries.map((e) => ({ ip: e.ip.trim(), description: e.description.trim() }));
      return null;
    },
  } satisfies Handlers;
  return { handlers, saved: () => saved };
}

async function openTab(handlers: Handlers, org = sandboxOrg) {
  const started = await openOrdersProd(handlers, org);
  await started.user.click(screen.getByRole("tab", { name: "IP allowlist" }));
  const panel = await screen.findByRole("region", { name: "IP allowlist" });
  return { ...started, panel };
}

const saveButton = (panel: HTMLElement) => within(panel).getByRole("button", { name: "Save allowlist" });

describe("IP allowlist tab", () => {
  it("loads on demand, shows an open cluster and Web Modeler's addresses", async () => {
    const s = store();
    const { calls, panel } = await openTab(s.handlers);
    expect(calls.filter((c) => c.cmd === "ip_ranges")).toHaveLength(1);
    expect(within(panel).getByText("Open to every address")).toBeInTheDocument();
    expect(await within(panel).findByText(/Web Modeler deploys from 34\.89\.0\.0\/16, 35\.198\.137\.7/)).toBeInTheDocument();
    expect(saveButton(panel)).toBeDisabled();
  });

  it("refuses a bad address inline, then saves a list that blocks Web Modeler only after a warning", async () => {
    const s = store();
    const { user, panel, calls } = await openTab(s.handlers);
    await user.click(within(panel).getByRole("button", { name: "Add entry" }));
    const ip = within(panel).getByRole("textbox", { name: "Addresses, entry 1" });
    await user.type(ip, "10.0.0.0/33");
    expect(await within(panel).findByText(/“10\.0\.0\.0\/33” is not an IPv4/)).toBeInTheDocument();
    expect(saveButton(panel)).toBeDisabled();

    await user.clear(ip);
    await user.type(ip, " 10.0.0.0/8 ");
    await user.type(within(panel).getByRole("textbox", { name: "Description, entry 1" }), "office");
    await waitFor(() => expect(saveButton(panel)).toBeEnabled());
    expect(within(panel).getByText(/Web Modeler cannot deploy to this cluster: the list does not let in 34\.89\.0\.0\/16, 35\.198\.137\.7/)).toBeInTheDocument();

    await user.click(saveButton(panel));
    const confirm = await screen.findByRole("dialog", { name: "Confirm IP allowlist" });
    expect(within(confirm).getByText("Save an allowlist that blocks Web Modeler?")).toBeInTheDocument();
    expect(calls.some((c) => c.cmd === "set_ip_allowlist")).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Save anyway" }));

    expect(await within(panel).findByText("IP allowlist saved.")).toBeInTheDocument();
    expect(s.saved()).toEqual([{ ip: "10.0.0.0/8", description: "office" }]);
    expect(screen.queryByRole("dialog", { name: "Confirm IP allowlist" })).not.toBeInTheDocument();
    expect(within(panel).getByRole("textbox", { name: "Addresses, entry 1" })).toHaveValue("10.0.0.0/8");
    expect(saveButton(panel)).toBeDisabled();
  });

  it("adds Web Modeler's ranges in one click: nothing to warn about, saved at once", async () => {
    const s = store([{ ip: "10.0.0.0/8", description: "office" }]);
    const { user, panel } = await openTab(s.handlers);
    await user.click(await within(panel).findByRole("button", { name: "Add Web Modeler’s ranges" }));
    expect(within(panel).getByRole("textbox", { name: "Addresses, entry 2" })).toHaveValue("34.89.0.0/16, 35.198.137.7");
    await waitFor(() => expect(within(panel).queryByText(/Web Modeler cannot deploy/)).not.toBeInTheDocument());
    await user.click(saveButton(panel));
    expect(await within(panel).findByText("IP allowlist saved.")).toBeInTheDocument();
    expect(s.saved()).toHaveLength(2);
  });

  it("asks before saving an empty list; Keep editing sends nothing, Discard brings the saved list back", async () => {
    const s = store([{ ip: "10.0.0.0/8", description: "office" }]);
    const { user, panel, calls } = await openTab(s.handlers);
    await user.click(within(panel).getByRole("button", { name: "Remove entry 1" }));
    await waitFor(() => expect(saveButton(panel)).toBeEnabled());
    await user.click(saveButton(panel));
    const confirm = await screen.findByRole("dialog", { name: "Confirm IP allowlist" });
    expect(within(confirm).getByText("An empty allowlist lets every address connect to this cluster.")).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Keep editing" }));
    expect(calls.some((c) => c.cmd === "set_ip_allowlist")).toBe(false);
    await user.click(within(panel).getByRole("button", { name: "Discard changes" }));
    expect(within(panel).getByRole("textbox", { name: "Addresses, entry 1" })).toHaveValue("10.0.0.0/8");
  });

  it("keeps the edits and says why when saving fails", async () => {
    const s = store([{ ip: "10.0.0.0/8", description: "office" }]);
    const { user, panel } = await openTab({
      ...s.handlers,
      set_ip_allowlist: () => {
        throw appError("forbidden", { message: "The API client lacks the IP allowlist permission." });
      },
    });
    const ip = within(panel).getByRole("textbox", { name: "Addresses, entry 1" });
    await user.type(ip, ",34.89.0.0/16,35.198.137.7");
    await waitFor(() => expect(saveButton(panel)).toBeEnabled());
    await user.click(saveButton(panel));
    expect(await within(panel).findByText(/lacks the IP allowlist permission/)).toBeInTheDocument();
    expect(ip).toHaveValue("10.0.0.0/8,34.89.0.0/16,35.198.137.7");
  });

  it("is read-only with the reason when the API client lacks the permission", async () => {
    const s = store([{ ip: "10.0.0.0/8", description: "office" }]);
    const { panel } = await openTab(s.handlers, { ...sandboxOrg, deniedPermissions: ["ip_allowlist"] });
    expect(saveButton(panel)).toBeDisabled();
    expect(saveButton(panel)).toHaveAccessibleDescription(/IP allowlist/);
    expect(within(panel).getByRole("textbox", { name: "Addresses, entry 1" })).toBeDisabled();
    expect(within(panel).getByRole("button", { name: "Add entry" })).toBeDisabled();
  });

  it("shows the overview first and keeps it when switching back", async () => {
    const { user } = await openTab(store().handlers);
    await user.click(screen.getByRole("tab", { name: "Overview" }));
    expect(await screen.findByRole("heading", { name: "Components" })).toBeVisible();
  });
});

import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import type { ActivityList, MemberView, RoleOption } from "../../api";
import { acmeOrg, appError, clusterList, orgsState, sandboxOrg } from "../../test/fixtures";
import { mockCommands, type Handlers } from "../../test/ipc";
import { filterActivity } from "../Activity/ActivityScreen";

const roles: RoleOption[] = [
  { id: "admin", label: "Admin", legacy: false },
  { id: "developer", label: "Developer", legacy: true },
  { id: "analyst", label: "Analyst", legacy: false },
];

function store() {
  let members: MemberView[] = [
    { email: "ada@example.com", name: "Ada Lovelace", roles: ["admin"], invitePending: false, owner: false },
    { email: "owner@example.com", name: "Sandbox Admin", roles: ["owner"], invitePending: false, owner: true },
  ];
  const handlers = {
    list_organizations: () => orgsState(),
    list_clusters: () => clusterList(),
    member_roles: () => roles,
    list_members: () => structuredClone(members),
    set_member_roles: (a: { email: string; roles: string[] }) => {
      if (a.email === "full@example.com") throw appError("forbidden", { message: "No open seats left: the organization's plan has no seat for another member" });
      const m = members.find((x) => x.email === a.email);
      if (m) m.roles = a.roles;
      else members.push({ email: a.email, name: "", roles: a.roles, invitePending: true, owner: false });
      return null;
    },
    remove_member: (a: { email: string }) => {
      members = members.filter((m) => m.email !== a.email);
      return null;
    },
  } satisfies Handlers;
  return handlers;
}

async function open(handlers: Handlers, link: "Members" | "Activity") {
  const calls = mockCommands(handlers);
  const user = userEvent.setup();
  render(<App />);
  await screen.findByRole("table", { name: "Clusters" });
  await user.click(screen.getByRole("link", { name: link }));
  return { calls, user };
}

describe("Members", () => {
  it("invites one person in several organizations with a result for each, and asks for the email to remove from production", async () => {
    const prod = { ...acmeOrg, id: "prod", name: "Acme Prod", color: "red" as const, production: true };
    const handlers = {
      ...store(),
      list_organizations: () => orgsState(sandboxOrg, [acmeOrg, prod]),
      invite_member_in: () => [
        { organizationId: "sandbox", organizationName: "Sandbox", error: null },
        { organizationId: "prod", organizationName: "Acme Prod", error: appError("forbidden", { message: "No open seats left." }) },
      ],
      remove_member_in: () => [{ organizationId: "prod", organizationName: "Acme Prod", error: null }],
    };
    const { calls, user } = await open(handlers, "Members");
    await screen.findByRole("table", { name: "Members" });
    await user.click(screen.getByRole("button", { name: "In several organizations…" }));
    let dialog = await screen.findByRole("dialog", { name: "Members in several organizations" });
    expect(within(dialog).getByRole("checkbox", { name: "Sandbox" })).toBeChecked();
    await user.type(within(dialog).getByRole("textbox", { name: "Email" }), "lin@example.com");
    await user.click(within(dialog).getByRole("checkbox", { name: "Analyst" }));
    await user.click(within(dialog).getByRole("checkbox", { name: /Acme Prod/ }));
    await user.click(within(dialog).getByRole("button", { name: "Invite in 2 organizations" }));
    const results = await screen.findByRole("dialog", { name: "Results in several organizations" });
    expect(within(results).getByText("1 of 2 done")).toBeInTheDocument();
    expect(within(results).getByText(/failed — No open seats left/)).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "invite_member_in")?.args).toEqual({
      organizationIds: ["sandbox", "prod"], email: "lin@example.com", roles: ["analyst"],
    });
    await user.click(within(results).getByRole("button", { name: "Done" }));

    await user.click(screen.getByRole("button", { name: "In several organizations…" }));
    dialog = await screen.findByRole("dialog", { name: "Members in several organizations" });
    await user.click(within(dialog).getByRole("radio", { name: /^Remove/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Sandbox" }));
    await user.click(within(dialog).getByRole("checkbox", { name: /Acme Prod/ }));
    await user.type(within(dialog).getByRole("textbox", { name: "Email" }), "lin@example.com");
    const remove = within(dialog).getByRole("button", { name: "Remove in 1 organization" });
    expect(remove).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox", { name: "Type “lin@example.com” to confirm" }), "lin@example.com");
    await user.click(remove);
    expect(await screen.findByText("Done in 1 organization")).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "remove_member_in")?.args).toEqual({ organizationIds: ["prod"], email: "lin@example.com" });
  });


  it("invites by email with roles, says when there is no seat, changes roles, removes after naming the organization", async () => {
    const { calls, user } = await open(store(), "Members");
    const table = await screen.findByRole("table", { name: "Members" });
    expect(within(table).getByText("Ada Lovelace")).toBeInTheDocument();
    // The owner cannot be changed or removed, and the buttons say why.
    const ownerRemove = within(table).getByRole("button", { name: "Remove owner@example.com" });
    expect(ownerRemove).toBeDisabled();
    expect(ownerRemove).toHaveAccessibleDescription(/owner keeps their role/);

    await user.click(screen.getByRole("button", { name: "Invite member" }));
    let dialog = await screen.findByRole("dialog", { name: "Invite member" });
    const send = within(dialog).getByRole("button", { name: "Send invitation" });
    await user.type(within(dialog).getByRole("textbox", { name: "Email" }), "full@example.com");
    expect(send).toBeDisabled();
    await user.click(within(dialog).getByRole("checkbox", { name: "Developer (legacy)" }));
    await user.click(send);
    expect(await within(dialog).findByText(/No open seats left/)).toBeInTheDocument();
    const email = within(dialog).getByRole("textbox", { name: "Email" });
    await user.clear(email);
    await user.type(email, "grace@example.com{Enter}");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Invite member" })).not.toBeInTheDocument());
    expect(await screen.findByText("grace@example.com was invited to Sandbox.")).toBeInTheDocument();
    const row = (await within(table).findByText("grace@example.com")).closest("tr")!;
    expect(within(row).getByText("Invitation pending")).toBeInTheDocument();

    await user.click(within(table).getByRole("button", { name: "Change roles of ada@example.com" }));
    dialog = await screen.findByRole("dialog", { name: "Change roles" });
    expect(within(dialog).getByRole("checkbox", { name: "Admin" })).toBeChecked();
    await user.click(within(dialog).getByRole("checkbox", { name: "Analyst" }));
    await user.click(within(dialog).getByRole("button", { name: "Save roles" }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === "set_member_roles").at(-1)?.args).toEqual({ email: "ada@example.com", roles: ["admin", "analyst"] }));

    await user.click(within(table).getByRole("button", { name: "Remove ada@example.com" }));
    dialog = await screen.findByRole("dialog", { name: "Remove member ada@example.com" });
    expect(within(dialog).getByText("Remove ada@example.com from “Sandbox”?")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Remove member" }));
    await waitFor(() => expect(within(table).queryByText("Ada Lovelace")).not.toBeInTheDocument());
  });

  it("is disabled with the reason without the Members permission", async () => {
    const handlers = { ...store(), list_organizations: () => orgsState({ ...sandboxOrg, deniedPermissions: ["members"] }) };
    await open(handlers, "Members");
    const invite = await screen.findByRole("button", { name: "Invite member" });
    expect(invite).toBeDisabled();
    expect(invite).toHaveAccessibleDescription(/Members/);
  });
});

const log: ActivityList = {
  organizationId: "sandbox",
  fetchedAt: "2026-12-04T10:00:00Z",
  events: [
    { time: "2026-12-04T09:00:00Z", who: "api-client:abc", what: "Created cluster", kind: "create", entity: "cluster", entityId: "c-9", clusterId: "c-9" },
    { time: "2026-12-03T10:00:00Z", who: "ada", what: "Created client", kind: "create", entity: "client", entityId: "cl-1", clusterId: "c1" },
    { time: "2026-12-03T09:00:00Z", who: "ada", what: "Removed bob@example.com", kind: "delete", entity: "member", entityId: "bob@example.com", clusterId: null },
  ],
};

describe("Activity", () => {
  it("lists the log newest first, filters by text and type, and saves it as CSV", async () => {
    const { calls, user } = await open(
      { list_organizations: () => orgsState(), list_clusters: () => clusterList(), list_activity: () => log, save_activity_csv: () => "/home/me/activity.csv" },
      "Activity",
    );
    const table = await screen.findByRole("table", { name: "Activity" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    // Which cluster: by name while it is listed (c1 is orders-prod), by id once it is gone (c-9).
    const created = within(table).getByText("Created client").closest("tr")!;
    await waitFor(() => expect(within(created).getByText("orders-prod")).toHaveAttribute("title", "c1"));
    expect(within(within(table).getByText("Created cluster").closest("tr")!).getByText("c-9")).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox", { name: "Filter activity" }), "orders-prod");
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(screen.getByText("1 of 3 entries")).toBeInTheDocument();
    await user.clear(screen.getByRole("searchbox", { name: "Filter activity" }));
    await user.type(screen.getByRole("searchbox", { name: "Filter activity" }), "bob");
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(screen.getByText("1 of 3 entries")).toBeInTheDocument();
    await user.clear(screen.getByRole("searchbox", { name: "Filter activity" }));
    await user.selectOptions(screen.getByRole("combobox", { name: "Type" }), "create");
    expect(within(table).getByText("Created cluster")).toBeInTheDocument();
    expect(within(table).queryByText("Removed bob@example.com")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Save as CSV" }));
    expect(await screen.findByText("Saved to /home/me/activity.csv (readable only by you).")).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "save_activity_csv")).toHaveLength(1);
  });

  it("filters on what, who and ids", () => {
    expect(filterActivity(log.events, "C-9", "").map((e) => e.entityId)).toEqual(["c-9"]);
    expect(filterActivity(log.events, "", "delete").map((e) => e.what)).toEqual(["Removed bob@example.com"]);
    expect(filterActivity(log.events, "nobody", "")).toEqual([]);
    expect(filterActivity(log.events, "orders", "", (id) => (id === "c1" ? "orders-prod" : undefined)).map((e) => e.entityId)).toEqual(["cl-1"]);
  });
});

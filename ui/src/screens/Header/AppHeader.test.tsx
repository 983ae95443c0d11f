import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../app/App";
import { acmeOrg, appError, clusterList, cluster, orgsState } from "../../test/fixtures";
import { mockCommands } from "../../test/ipc";

describe("Header", () => {
  it("shows the active organization, marks the Sandbox, and switches organizations", async () => {
    let active = "sandbox";
    const calls = mockCommands({
      list_organizations: () => orgsState(),
      set_active_organization: (a) => {
        active = a.id as string;
        return orgsState(acmeOrg);
      },
      list_clusters: () => clusterList(active === "acme" ? [cluster("a1", "acme-prod", "Healthy")] : undefined),
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    const switcher = screen.getAllByRole("link", { name: "Organization: Sandbox" })[0]!;
    expect(switcher).toBeInTheDocument();
    await user.click(switcher);
    await user.click(screen.getByRole("link", { name: "Acme Corp" }));
    expect(await screen.findByRole("link", { name: "acme-prod" })).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === "set_active_organization")?.args).toEqual({ id: "acme" });
    await waitFor(() => expect(screen.getAllByRole("link", { name: "Organization: Acme Corp" }).length).toBeGreaterThan(0));
    expect(screen.queryByText("Sandbox", { selector: ".cds--tag, .cds--tag *" })).not.toBeInTheDocument();
  });

  it("shows a switch failure once, without losing the current organization", async () => {
    mockCommands({
      list_organizations: () => orgsState(),
      set_active_organization: () => {
        throw appError("keychain_unavailable", { message: "locked" });
      },
      list_clusters: () => clusterList(),
    });
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    await user.click(screen.getAllByRole("link", { name: "Organization: Sandbox" })[0]!);
    await user.click(screen.getByRole("link", { name: "Acme Corp" }));
    expect(await screen.findByText("Could not switch the organization")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "orders-prod" })).toBeInTheDocument();
  });
});

import { render, screen, within } from "@testing-library/react";
import { App } from "./App";
import { startInitialLoads } from "../api/startup";
import { acmeOrg, cluster, clusterList, orgsState } from "../test/fixtures";
import { mockCommands } from "../test/ipc";

describe("start-up", () => {
  it("shows the launch's organizations and clusters without calling again", async () => {
    const calls = mockCommands({ list_organizations: () => orgsState(), list_clusters: () => clusterList(), last_known_clusters: () => null });
    startInitialLoads();
    render(<App />);
    await screen.findByRole("link", { name: "orders-prod" });
    // The last-known list too, once: the launch's call, not a second one.
    expect(calls.map((c) => c.cmd).sort()).toEqual(["last_known_clusters", "list_clusters", "list_organizations"]);
  });

  it("loads the clusters again when the launch's are another organization's", async () => {
    let n = 0;
    const calls = mockCommands({
      list_organizations: () => orgsState(acmeOrg),
      list_clusters: () => {
        n += 1;
        return n === 1
          ? clusterList([cluster("s1", "sandbox-only", "Healthy")])
          : { ...clusterList([cluster("a1", "acme-prod", "Healthy")]), organizationId: "acme" };
      },
    });
    startInitialLoads();
    render(<App />);
    const table = await screen.findByRole("table", { name: "Clusters" });
    expect(await within(table).findByRole("link", { name: "acme-prod" })).toBeInTheDocument();
    expect(within(table).queryByRole("link", { name: "sandbox-only" })).not.toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === "list_clusters")).toHaveLength(2);
  });

  it("says, and keeps saying, that the settings file could not be read", async () => {
    const problem = "Skep could not read its settings file (/x/settings.json): Is a directory (os error 21). Nothing was changed; fix or move the file and restart Skep.";
    mockCommands({ list_organizations: () => ({ ...orgsState(), settingsProblem: problem }), list_clusters: () => clusterList() });
    startInitialLoads();
    render(<App />);
    const alert = await screen.findByText(problem);
    expect(alert.closest(".cds--inline-notification")).toHaveTextContent("Changes cannot be saved");
    expect(screen.queryByRole("button", { name: /close/i })).not.toBeInTheDocument();
  });
});

import { startInitialLoads, takeInitialClusters, takeInitialLastKnown, takeInitialOrganizations } from "./startup";
import { clusterList, orgsState } from "../test/fixtures";
import { mockCommands } from "../test/ipc";

describe("launch loads", () => {
  it("starts the three calls at once and hands each out once", async () => {
    const calls = mockCommands({ list_organizations: () => orgsState(), list_clusters: () => clusterList(), last_known_clusters: () => null });
    expect(takeInitialOrganizations()).toBeNull();
    startInitialLoads();
    const orgs = takeInitialOrganizations();
    const clusters = takeInitialClusters();
    expect(takeInitialOrganizations()).toBeNull();
    expect(takeInitialClusters()).toBeNull();
    const kept = takeInitialLastKnown();
    expect(takeInitialLastKnown()).toBeNull();
    expect(await kept).toBeNull();
    expect((await orgs)?.activeId).toBe(orgsState().activeId);
    expect((await clusters)?.clusters.length).toBe(clusterList().clusters.length);
    expect(calls.map((c) => c.cmd).sort()).toEqual(["last_known_clusters", "list_clusters", "list_organizations"]);
  });

  it("a failed launch call rejects where it is taken, and is not an unhandled rejection otherwise", async () => {
    mockCommands({});
    startInitialLoads();
    await expect(takeInitialClusters()).rejects.toMatchObject({ kind: "internal" });
    takeInitialOrganizations(); // dropped untaken: no unhandled rejection fails the run
  });
});

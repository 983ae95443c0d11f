import { buildPaletteItems, type PaletteSources } from "../app/paletteItems";
import { acmeOrg, cluster, demoClusters, orgsState, sandboxOrg } from "../test/fixtures";
import { parseQuery, score } from "./fuzzy";
import { flatten, forgetChoices, GROUP_LIMITS, indexItems, rankPalette, rankPaletteFrom, rememberChoice, type PaletteItem } from "./palette";

function sources(over: Partial<PaletteSources> = {}): PaletteSources {
  return {
    orgs: orgsState(),
    activeOrg: sandboxOrg,
    clusters: demoClusters,
    orgClients: [],
    clusterClients: [],
    overview: null,
    overviewClients: null,
    canRefresh: true,
    ...over,
  };
}

const rank = (src: PaletteSources, q: string) => rankPalette(indexItems(buildPaletteItems(src)), q);
const labels = (src: PaletteSources, q: string) => flatten(rank(src, q)).map((r) => r.item.label);

afterEach(() => forgetChoices());

describe("palette ranking", () => {
  it("opens on the actions, the organizations (the active one first) and a few clusters, in groups", () => {
    const groups = rank(sources({ orgs: orgsState(acmeOrg), activeOrg: acmeOrg }), "");
    expect(groups.map((g) => g.group)).toEqual(["Actions", "Organizations", "Clusters"]);
    const orgs = groups.find((g) => g.group === "Organizations")!.items.map((r) => r.item.label);
    expect(orgs).toEqual(["Acme Corp", "Sandbox"]);
    const actions = groups[0]!.items.map((r) => r.item.label);
    expect(actions).toContain("Go to Clusters");
    expect(actions).toContain("Refresh");
    expect(actions).toContain("Add organization…");
    // Creating: in the active organization only until something is typed; no per-cluster links yet.
    expect(actions.filter((a) => a.startsWith("Create cluster in"))).toEqual(["Create cluster in Acme Corp…"]);
    expect(actions.some((a) => a.startsWith("Open "))).toBe(false);
  });

  it("puts the best match first: a cluster's name before the actions that mention it", () => {
    const got = labels(sources(), "orders");
    expect(got[0]).toBe("orders-prod");
    expect(got).toContain("Open Operate of orders-prod");
    // Fixture clusters have Zeebe and Operate only: no Tasklist or Optimize link offered.
    expect(got).not.toContain("Open Tasklist of orders-prod");
  });

  it("finds actions by their words: Create cluster in another organization, Open Operate of a cluster", () => {
    expect(labels(sources(), "create acme")[0]).toBe("Create cluster in Acme Corp…");
    expect(labels(sources(), "operate orders")[0]).toBe("Open Operate of orders-prod");
    expect(labels(sources(), "members")[0]).toBe("Go to Members");
    expect(labels(sources({ canRefresh: false }), "refresh")).not.toContain("Refresh");
  });

  it("ranks prefix over word start over subsequence across items", () => {
    const src = sources({
      clusters: [cluster("x1", "xx-prod", "Healthy"), cluster("x2", "prod-eu", "Healthy"), cluster("x3", "p-r-o-d", "Healthy")],
    });
    const got = rank(src, "prod").find((g) => g.group === "Clusters")!.items.map((r) => r.item.label);
    expect(got).toEqual(["prod-eu", "xx-prod", "p-r-o-d"]);
  });

  it("puts the active organization and recent choices ahead of equal matches", () => {
    const two = { ...acmeOrg, id: "a2", name: "Acme Two" };
    const three = { ...acmeOrg, id: "a3", name: "Acme Three" };
    const src = sources({ orgs: orgsState(acmeOrg, [acmeOrg, two, three]), activeOrg: acmeOrg });
    const orgsFor = (q: string) => rank(src, q).find((g) => g.group === "Organizations")!.items.map((r) => r.item.label);
    expect(orgsFor("acme")).toEqual(["Acme Corp", "Acme Two", "Acme Three"]);
    rememberChoice("org:a3");
    expect(orgsFor("acme")).toEqual(["Acme Corp", "Acme Three", "Acme Two"]);
  });

  it("disables Create cluster where the API client may not create clusters, with the reason", () => {
    const denied = { ...acmeOrg, deniedPermissions: ["create_clusters" as const] };
    const item = flatten(rank(sources({ orgs: orgsState(sandboxOrg, [denied]) }), "create acme"))[0]!.item;
    expect(item.label).toBe("Create cluster in Acme Corp…");
    expect(item.disabledReason).toMatch(/create clusters/i);
  });

  it("offers the clients the app holds (names and ids) and the other organizations' clusters from the overview", () => {
    const src = sources({
      orgClients: [{ clusterId: "c1", clusterName: "orders-prod", name: "worker-1", clientId: "worker-1-id", permissions: ["Zeebe"] }],
      overview: {
        fetchedAt: "2026-01-01T00:00:00Z",
        organizations: [
          { organizationId: "acme", organizationName: "Acme Corp", color: "blue", production: false, clusters: [cluster("a1", "acme-prod", "Healthy")], error: null, keptAt: null },
        ],
      },
    });
    const byId = flatten(rank(src, "worker-1-id"));
    expect(byId[0]!.item.group).toBe("Clients");
    expect(byId[0]!.item.target).toEqual({ kind: "navigate", view: { kind: "client", clusterId: "c1", clientId: "worker-1-id" } });
    const acme = flatten(rank(src, "acme-prod"))[0]!.item;
    expect(acme.hint).toContain("Acme Corp");
    expect(acme.target).toEqual({ kind: "open-in", orgId: "acme", view: { kind: "cluster", clusterId: "a1" } });
  });

  it("caps each group on 2,000 clusters and counts the rest", () => {
    const many = Array.from({ length: 2000 }, (_, i) => cluster(`id-${i}`, `cluster-${String(i + 1).padStart(4, "0")}`, "Healthy"));
    const indexed = indexItems(buildPaletteItems(sources({ clusters: many })));
    const groups = rankPalette(indexed, "cluster");
    const clusters = groups.find((g) => g.group === "Clusters")!;
    expect(clusters.items).toHaveLength(GROUP_LIMITS.Clusters.typing);
    expect(clusters.total).toBe(2000);
    expect(clusters.items[0]!.item.label).toBe("cluster-0001");
    expect(rankPalette(indexed, "0042").find((g) => g.group === "Clusters")!.items[0]!.item.label).toBe("cluster-0042");
    // Every shown item has its highlight; none beyond.
    expect(clusters.items.every((r) => r.positions.length === "cluster".length)).toBe(true);
  });

  it("keeps the same best items as sorting every match would", () => {
    const words = ["orders", "prod", "payments", "staging", "eu", "us", "batch", "fraud", "ops", "api"];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const many = Array.from({ length: 500 }, (_, i) =>
      cluster(`r${i}`, `${words[rnd(10)]}-${words[rnd(10)]}-${rnd(100)}`, "Healthy"),
    );
    const indexed = indexItems(buildPaletteItems(sources({ clusters: many })));
    for (const q of ["p", "prod", "o-p", "st", "eu 4", "ba"]) {
      const got = rankPalette(indexed, q).find((g) => g.group === "Clusters");
      const naive = indexed
        .filter((i) => i.group === "Clusters")
        .map((i) => ({
          i,
          s: Math.max(score(parseQuery(q), i.search), ...(parseQuery(q).compact.length >= 3 ? i.extra.map((e) => score(parseQuery(q), e) - 500) : [])),
        }))
        .filter((x) => x.s >= 0)
        .sort((a, b) => b.s - a.s || a.i.order - b.i.order);
      expect(got?.total ?? 0).toBe(naive.length);
      expect(got?.items.map((r) => r.item.id) ?? []).toEqual(naive.slice(0, GROUP_LIMITS.Clusters.typing).map((x) => x.i.id));
    }
  });

  it("narrows from the previous keystroke's matches to the same result as ranking afresh", () => {
    const many = Array.from({ length: 300 }, (_, i) => cluster(`id-${i}-x`, `orders-${i % 7 === 0 ? "prod" : "dev"}-${i}`, "Healthy"));
    const indexed = indexItems(buildPaletteItems(sources({ clusters: many })));
    const ids = (r: ReturnType<typeof rankPaletteFrom>) => r.groups.map((g) => [g.group, g.total, g.items.map((i) => i.item.id)]);
    let previous: ReturnType<typeof rankPaletteFrom> | null = null;
    for (const q of ["", "o", "or", "ord", "ord ", "ord p", "ord pr", "ord p", "id-", "id-4", "id-42", "x"]) {
      const step = rankPaletteFrom(indexed, q, previous);
      expect(ids(step)).toEqual(ids(rankPaletteFrom(indexed, q, null)));
      previous = step;
    }
  });

  it("never carries a secret: items hold names, ids and states only", () => {
    const items: PaletteItem[] = buildPaletteItems(sources());
    const text = JSON.stringify(items);
    expect(text).not.toContain(sandboxOrg.tokenUrl);
    expect(text).not.toContain(acmeOrg.clientId);
  });
});

import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ClustersTable, ROW_HEIGHT, type ClusterActions } from "./ClustersTable";
import { computeWindow } from "../../lib/useVirtualRows";
import { cluster } from "../../test/fixtures";

const N = 2000;
const name = (i: number) => `cluster-${String(i).padStart(4, "0")}`;
// Shuffled on purpose (a stride coprime with N), so the order shown comes from the sort.
const many = Array.from({ length: N }, (_, k) => {
  const i = ((k * 7) % N) + 1;
  return cluster(`id-${i}`, name(i), i % 3 === 0 ? "Suspended" : "Healthy", { region: i === 1777 ? "Mars (olympus-1)" : "Belgium" });
});

const actions: ClusterActions = {
  open: () => {},
  wake: () => {},
  remove: () => {},
  wakeDenied: null,
  deleteDenied: null,
  waking: new Set(),
};

function links() {
  const table = screen.getByRole("table", { name: "Clusters" });
  return within(table).queryAllByRole("link").map((a) => a.textContent);
}

function scrollTo(top: number, height = 480) {
  const box = screen.getByTestId("clusters-scroll");
  Object.defineProperty(box, "clientHeight", { configurable: true, value: height });
  box.scrollTop = top;
  fireEvent.scroll(box);
}

describe("ClustersTable virtualization", () => {
  it("renders only the visible window of 2,000 clusters, with the full count for assistive technology", () => {
    render(<ClustersTable clusters={many} filter="" actions={actions} />);
    const table = screen.getByRole("table", { name: "Clusters" });
    const shown = links();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(60);
    expect(shown[0]).toBe(name(1));
    expect(shown).toEqual(shown.map((_, k) => name(k + 1)));
    expect(within(table).queryByRole("link", { name: name(N) })).not.toBeInTheDocument();
    expect(table).toHaveAttribute("aria-rowcount", String(N + 1));
    // Row semantics: a header row and one row per rendered cluster (spacers are hidden).
    expect(within(table).getAllByRole("row")).toHaveLength(shown.length + 1);
    expect(within(table).getAllByRole("row")[1]).toHaveAttribute("aria-rowindex", "2");
    // The spacer below stands in for the rest, so the scroll height is that of all rows.
    const spacers = table.querySelectorAll("tr.skep-spacer");
    expect(spacers).toHaveLength(1);
    expect((spacers[0] as HTMLElement).style.height).toBe(`${(N - shown.length) * ROW_HEIGHT}px`);
  });

  it("renders the right slice when scrolled", () => {
    render(<ClustersTable clusters={many} filter="" actions={actions} />);
    scrollTo(1000 * ROW_HEIGHT); // row index 1000 = cluster-1001 at the top
    const shown = links();
    expect(shown).toContain(name(1001));
    expect(shown).toContain(name(1010)); // 480 px = 10 rows visible
    expect(shown).not.toContain(name(1));
    expect(shown).not.toContain(name(N));
    expect(shown.length).toBeLessThan(40);
    const table = screen.getByRole("table", { name: "Clusters" });
    const first = within(table).getByRole("link", { name: shown[0]! }).closest("tr")!;
    expect(first).toHaveAttribute("aria-rowindex", String(Number(shown[0]!.slice(-4)) + 1));
    // Both spacers exist and add up with the rendered rows to the full height.
    const spacers = [...table.querySelectorAll<HTMLElement>("tr.skep-spacer")];
    expect(spacers).toHaveLength(2);
    const total = spacers.reduce((h, s) => h + parseFloat(s.style.height), 0) + shown.length * ROW_HEIGHT;
    expect(total).toBe(N * ROW_HEIGHT);
    // Scrolling to the end shows the last cluster.
    scrollTo(N * ROW_HEIGHT);
    expect(links()).toContain(name(N));
  });

  it("filtering finds a cluster far down the list", () => {
    const { rerender } = render(<ClustersTable clusters={many} filter="" actions={actions} />);
    expect(links()).not.toContain(name(1777));
    rerender(<ClustersTable clusters={many} filter="  OLYMPUS " actions={actions} />);
    expect(links()).toEqual([name(1777)]);
    rerender(<ClustersTable clusters={many} filter="cluster-19" actions={actions} />);
    const shown = links();
    expect(shown[0]).toBe(name(1900));
    expect(screen.getByRole("table", { name: "Clusters" })).toHaveAttribute("aria-rowcount", String(100 + 1));
  });

  it("a new filter starts again at the first row", () => {
    const { rerender } = render(<ClustersTable clusters={many} filter="" actions={actions} />);
    scrollTo(1500 * ROW_HEIGHT);
    expect(links()).not.toContain(name(1));
    rerender(<ClustersTable clusters={many} filter="cluster-" actions={actions} />);
    expect(screen.getByTestId("clusters-scroll").scrollTop).toBe(0);
    expect(links()[0]).toBe(name(1));
  });

  it("sorting applies to all rows, not only the rendered ones", async () => {
    const user = userEvent.setup();
    render(<ClustersTable clusters={many} filter="" actions={actions} />);
    const table = screen.getByRole("table", { name: "Clusters" });
    await user.click(within(table).getByRole("button", { name: /^Name/ }));
    expect(links()[0]).toBe(name(N));
    expect(links()[1]).toBe(name(N - 1));
    await user.click(within(table).getByRole("button", { name: /^Name/ })); // unsorted: data order
    expect(links()[0]).toBe(many[0]!.name);
    expect(links()[1]).toBe(many[1]!.name);
    await user.click(within(table).getByRole("button", { name: /^Status/ }));
    expect(links()[0]).toBe(name(1)); // Healthy first; a stable sort keeps the data order within a status
    expect(within(table).getByRole("link", { name: name(1) }).closest("tr")).toHaveTextContent("Healthy");
  });
});

describe("computeWindow", () => {
  it("covers the viewport plus the overscan and clamps at both ends", () => {
    expect(computeWindow(0, 48, 480, 0, 5)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
    expect(computeWindow(1000, 48, 480, 0, 5)).toEqual({ start: 0, end: 15, padTop: 0, padBottom: 985 * 48 });
    expect(computeWindow(1000, 48, 480, 480, 5)).toEqual({ start: 5, end: 25, padTop: 5 * 48, padBottom: 975 * 48 });
    // Beyond the end (the list shrank under a scrolled container): the last rows.
    expect(computeWindow(20, 48, 480, 100_000, 5)).toEqual({ start: 5, end: 20, padTop: 5 * 48, padBottom: 0 });
    // Unmeasured viewport: a default height, never an empty table.
    expect(computeWindow(1000, 48, 0, 0, 0).end).toBeGreaterThan(10);
  });
});

import { anyTransitional, nextDelay, toneOf } from "./clusterState";
import { cluster } from "../test/fixtures";

describe("polling delays and states", () => {
  it("starts at 3 s and grows to at most 30 s", () => {
    const seq: number[] = [];
    let d: number | null = null;
    for (let i = 0; i < 10; i++) seq.push((d = nextDelay(d)));
    expect(seq[0]).toBe(3000);
    expect(seq[1]).toBe(4500);
    expect(seq.every((x, i) => i === 0 || x >= seq[i - 1]!)).toBe(true);
    expect(Math.max(...seq)).toBe(30000);
  });

  it("polls only while a cluster is Creating, Updating or Resuming", () => {
    expect(anyTransitional([cluster("a", "a", "Healthy"), cluster("b", "b", "Suspended")])).toBe(false);
    for (const s of ["Creating", "Updating", "Resuming"]) expect(anyTransitional([cluster("a", "a", s)])).toBe(true);
  });

  it("gives every state a tone besides its text", () => {
    expect(toneOf("Healthy")).toBe("ok");
    expect(toneOf("Unhealthy")).toBe("error");
    expect(toneOf("Creating")).toBe("progress");
    expect(toneOf("Suspended")).toBe("neutral");
    expect(toneOf("SomethingNew")).toBe("warn");
  });
});

import { renderHook } from "@testing-library/react";
import type { Query, QueryKey, QueryState } from "@tanstack/react-query";
import type { AppError } from "../api";
import { pollDelay, usePollInterval } from "./usePollInterval";

type Data = { busy: boolean };

/** A query as refetchInterval sees it: `loads` ended loads, whether one runs now. */
function query(busy: boolean, loads: number, fetching = false) {
  const state: Partial<QueryState<Data, AppError>> = {
    data: { busy }, dataUpdateCount: loads, errorUpdateCount: 0, fetchStatus: fetching ? "fetching" : "idle",
  };
  return { state } as Query<Data, AppError, Data, QueryKey>;
}

function mount() {
  return renderHook(() => usePollInterval<Data>((d) => d.busy)).result.current;
}

describe("the polling schedule (refetchInterval)", () => {
  it("is 3 s, then half as long again each time, up to 30 s", () => {
    expect([0, 1, 2, 3, 4].map(pollDelay)).toEqual([3000, 4500, 6750, 10125, 15188]);
    expect(pollDelay(6)).toBe(30000);
    expect(pollDelay(20)).toBe(30000);
  });

  it("polls only while the data needs it, backing off per load", () => {
    const p = mount();
    expect(p.refetchInterval(query(false, 1))).toBe(false);
    expect(p.refetchInterval(query(true, 2))).toBe(3000);
    expect(p.refetchInterval(query(true, 2, true))).toBe(3000); // the poll running
    expect(p.refetchInterval(query(true, 3))).toBe(4500);
    expect(p.refetchInterval(query(true, 4))).toBe(6750);
    // Settled: no polling; needed again later: from 3 s.
    expect(p.refetchInterval(query(false, 5))).toBe(false);
    expect(p.refetchInterval(query(true, 6))).toBe(3000);
  });

  it("starts again at 3 s on restart (after a create or a wake)", () => {
    const p = mount();
    p.refetchInterval(query(true, 1));
    expect(p.refetchInterval(query(true, 5))).toBe(15188);
    p.restart();
    expect(p.refetchInterval(query(true, 6))).toBe(3000);
    expect(p.refetchInterval(query(true, 7))).toBe(4500);
  });

  it("counts a restart from the end of the load running then", () => {
    const p = mount();
    p.refetchInterval(query(true, 1));
    expect(p.refetchInterval(query(true, 4))).toBe(10125);
    p.restart();
    expect(p.refetchInterval(query(true, 4, true))).toBe(3000);
    expect(p.refetchInterval(query(true, 5))).toBe(3000);
    expect(p.refetchInterval(query(true, 6))).toBe(4500);
  });
});

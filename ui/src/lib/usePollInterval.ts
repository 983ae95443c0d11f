import { useCallback, useRef } from "react";
import type { Query, QueryKey } from "@tanstack/react-query";
import type { AppError } from "../api";
import { nextDelay } from "./clusterState";

/** The delay before poll number `step` (0, 1, …) since polling (re)started: 3 s, 4.5 s, … up to 30 s. */
export function pollDelay(step: number): number {
  let d = nextDelay(null);
  for (let i = 0; i < step; i++) d = nextDelay(d);
  return d;
}

/**
 * A query's `refetchInterval` while `active(data)` (e.g. a cluster is Creating): the next load
 * comes 3 s after the last one ended, then after growing delays up to 30 s (`pollDelay`).
 * `restart()` (after the user created or woke a cluster) starts again at 3 s, counted from the
 * end of the load running then, if any.
 */
export function usePollInterval<T>(active: (data: T) => boolean) {
  // Loads (ended) of the query when the current run of polls started; null: not polling.
  const base = useRef<number | null>(null);

  const refetchInterval = useCallback(
    (query: Query<T, AppError, T, QueryKey>): number | false => {
      const s = query.state;
      if (s.data === undefined || !active(s.data)) {
        base.current = null;
        return false;
      }
      const ended = s.dataUpdateCount + s.errorUpdateCount;
      if (base.current === null) {
        // Start counting once no load runs (a load running now is the one to wait after).
        if (s.fetchStatus !== "idle") return pollDelay(0);
        base.current = ended;
      }
      return pollDelay(Math.max(0, ended - base.current));
    },
    [active],
  );

  const restart = useCallback(() => {
    base.current = null;
  }, []);

  return { refetchInterval, restart };
}

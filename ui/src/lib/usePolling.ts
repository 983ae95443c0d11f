import { useEffect, useRef } from "react";
import { nextDelay } from "./clusterState";

/**
 * While `active`, calls `tick` after 3 s, then after growing delays up to 30 s.
 * `resetKey` changing (e.g. after the user created or woke a cluster) restarts at 3 s.
 */
export function usePolling(active: boolean, tick: () => Promise<unknown> | void, resetKey: unknown = null) {
  const tickRef = useRef(tick);
  useEffect(() => {
    tickRef.current = tick;
  });
  useEffect(() => {
    if (!active) return undefined;
    let cancelled = false;
    let delay: number | null = null;
    let handle: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      delay = nextDelay(delay);
      handle = setTimeout(async () => {
        if (cancelled) return;
        try {
          await tickRef.current();
        } finally {
          if (!cancelled) schedule();
        }
      }, delay);
    };
    schedule();
    return () => {
      cancelled = true;
      if (handle !== null) clearTimeout(handle);
    };
  }, [active, resetKey]);
}

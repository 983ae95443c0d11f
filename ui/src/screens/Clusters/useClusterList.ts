import { useCallback, useEffect, useRef, useState } from "react";
import { listClusters, toAppError, type AppError, type ClusterList, type ClusterSummary } from "../../api";
import { useApp } from "../../app/AppContext";
import { mark } from "../../lib/marks";
import { takeInitialClusters } from "../../api/startup";

export type ClusterListState = {
  list: ClusterList | null;
  loading: boolean;
  /** Failure while nothing is shown yet (shown in the page). */
  error: AppError | null;
  /** Failure of a refresh while older data is shown (shown in the banner only). */
  backgroundError: AppError | null;
  /** Seconds before a rate-limited load retries by itself. */
  retryIn: number | null;
};

/** The active organization's clusters, with refresh, rate-limit retry and optimistic additions. */
export function useClusterList() {
  const app = useApp();
  const activeId = app.activeOrg?.id ?? null;
  const [state, setState] = useState<ClusterListState>({
    list: null, loading: true, error: null, backgroundError: null, retryIn: null,
  });
  const inFlight = useRef<Promise<void> | null>(null);
  const pending = useRef<Map<string, ClusterSummary>>(new Map());
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const mounted = useRef(true);
  const reloadOrgs = app.reloadOrganizations;

  const stopTimer = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    stopTimer();
    setState((s) => ({ ...s, loading: true, retryIn: null }));
    const p = (async () => {
      try {
        mark("skep:clusters-request", {});
        // The launch's call (started before React rendered) if it is this organization's.
        const initial = await takeInitialClusters()?.catch(() => null);
        const list = initial && initial.organizationId === activeId ? initial : await listClusters();
        mark("skep:clusters-data", { clusters: list.clusters.length });
        // Keep a just-created cluster visible until the API lists it.
        for (const id of [...pending.current.keys()]) {
          if (list.clusters.some((c) => c.id === id)) pending.current.delete(id);
        }
        const merged = pending.current.size
          ? { ...list, clusters: [...list.clusters, ...pending.current.values()] }
          : list;
        if (mounted.current) setState({ list: merged, loading: false, error: null, backgroundError: null, retryIn: null });
      } catch (e) {
        const err = toAppError(e);
        if (!mounted.current) return;
        setState((s) =>
          s.list
            ? { ...s, loading: false, backgroundError: err }
            : { ...s, loading: false, error: err },
        );
        if (err.kind === "forbidden") void reloadOrgs();
        if (err.kind === "rate_limited") {
          let left = Math.max(1, Math.ceil(err.retryAfterSecs ?? 5));
          setState((s) => ({ ...s, retryIn: left }));
          timer.current = setInterval(() => {
            left -= 1;
            if (left <= 0) {
              stopTimer();
              void refresh();
            } else if (mounted.current) {
              setState((s) => ({ ...s, retryIn: left }));
            }
          }, 1000);
        }
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = p;
    return p;
  }, [reloadOrgs, activeId]);

  useEffect(() => {
    mounted.current = true;
    void refresh();
    return () => {
      mounted.current = false;
      stopTimer();
    };
  }, [refresh]);

  /** Shows a just-created cluster at once as Creating. */
  const addPending = useCallback((id: string, name: string) => {
    const c: ClusterSummary = {
      id, name, state: "Creating", components: [], generation: null, channel: null, region: null, planType: null,
      created: new Date().toISOString(), stageLabel: null,
    };
    pending.current.set(id, c);
    setState((s) =>
      s.list && !s.list.clusters.some((x) => x.id === id)
        ? { ...s, list: { ...s.list, clusters: [...s.list.clusters, c] } }
        : s,
    );
  }, []);

  /** Marks a cluster locally (e.g. Resuming after Wake) until the next refresh. */
  const patch = useCallback((id: string, change: Partial<ClusterSummary> | null) => {
    setState((s) => {
      if (!s.list) return s;
      const clusters = change === null
        ? s.list.clusters.filter((c) => c.id !== id)
        : s.list.clusters.map((c) => (c.id === id ? { ...c, ...change } : c));
      return { ...s, list: { ...s.list, clusters } };
    });
  }, []);

  return { ...state, refresh, addPending, patch };
}

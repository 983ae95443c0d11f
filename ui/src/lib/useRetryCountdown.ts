import { useEffect, useRef, useState } from "react";
import type { AppError } from "../api";

/** Seconds a rate-limited call waits before it is retried (at least 1; 5 when Camunda named none). */
export function retryDelaySecs(err: AppError): number {
  return Math.max(1, Math.ceil(err.retryAfterSecs ?? 5));
}

/**
 * The one 429 countdown of the app. When `error` is a new "rate_limited" error, counts down its
 * `retryAfterSecs` and then calls `retry` once (nothing was done by Camunda, so retrying is safe).
 * Returns the seconds left, or null (no countdown: another error, none, or the retry started).
 */
export function useRetryCountdown(error: AppError | null | undefined, retry: () => unknown): number | null {
  const [state, setState] = useState<{ error: AppError; left: number | null } | null>(null);
  const retryRef = useRef(retry);
  useEffect(() => {
    retryRef.current = retry;
  });

  useEffect(() => {
    if (!error || error.kind !== "rate_limited") return undefined;
    let left = retryDelaySecs(error);
    setState({ error, left });
    const timer = setInterval(() => {
      left -= 1;
      if (left > 0) {
        setState({ error, left });
        return;
      }
      clearInterval(timer);
      setState({ error, left: null });
      retryRef.current();
    }, 1000);
    return () => clearInterval(timer);
  }, [error]);

  if (!error || error.kind !== "rate_limited") return null;
  // Before the effect ran for a new error, its countdown is at its start.
  return state?.error === error ? state.left : retryDelaySecs(error);
}

import { useCallback, useEffect, useRef, useState } from "react";
import { toAppError, type AppError } from "../api";

export type ActionState = {
  busy: boolean;
  error: AppError | null;
  /** Seconds left before a rate-limited action is retried by itself. */
  countdown: number | null;
};

/**
 * Runs an async action at most once at a time (double submit is ignored), keeps its error, and
 * after a "rate_limited" error counts down and retries by itself (nothing was done by Camunda).
 */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  opts: { onSuccess?: (result: R, ...args: A) => void; onError?: (err: AppError) => void } = {},
) {
  const [state, setState] = useState<ActionState>({ busy: false, error: null, countdown: null });
  const running = useRef(false);
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const latest = useRef({ fn, opts });
  useEffect(() => {
    latest.current = { fn, opts };
  });

  const stopTimer = () => {
    if (timer.current !== null) {
      clearInterval(timer.current);
      timer.current = null;
    }
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stopTimer();
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    stopTimer();
    setState({ busy: true, error: null, countdown: null });
    try {
      const result = await latest.current.fn(...args);
      if (mounted.current) setState({ busy: false, error: null, countdown: null });
      latest.current.opts.onSuccess?.(result, ...args);
      return result;
    } catch (e) {
      const err = toAppError(e);
      if (!mounted.current) return undefined;
      if (err.kind === "rate_limited") {
        let left = Math.max(1, Math.ceil(err.retryAfterSecs ?? 5));
        setState({ busy: false, error: err, countdown: left });
        timer.current = setInterval(() => {
          left -= 1;
          if (left <= 0) {
            stopTimer();
            void run(...args);
          } else if (mounted.current) {
            setState((s) => ({ ...s, countdown: left }));
          }
        }, 1000);
      } else {
        setState({ busy: false, error: err, countdown: null });
      }
      latest.current.opts.onError?.(err);
      return undefined;
    } finally {
      running.current = false;
    }
  }, []);

  const reset = useCallback(() => {
    stopTimer();
    setState({ busy: false, error: null, countdown: null });
  }, []);

  return { ...state, run, reset };
}

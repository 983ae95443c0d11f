import { useCallback, useEffect, useRef } from "react";
import { useMutation } from "@tanstack/react-query";
import { toAppError, type AppError } from "../api";
import { useRetryCountdown } from "./useRetryCountdown";

export type ActionState = {
  busy: boolean;
  error: AppError | null;
  /** Seconds left before a rate-limited action is retried by itself. */
  countdown: number | null;
};

/**
 * Runs an async action (a mutation of the query client, so a 403 reloads the organizations) at
 * most once at a time (double submit is ignored), keeps its error, and after a "rate_limited"
 * error counts down and retries by itself (nothing was done by Camunda).
 */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  opts: { onSuccess?: (result: R, ...args: A) => void; onError?: (err: AppError) => void } = {},
) {
  const latest = useRef({ fn, opts });
  useEffect(() => {
    latest.current = { fn, opts };
  });
  const running = useRef(false);
  const mounted = useRef(true);
  const lastArgs = useRef<A | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const mutation = useMutation<R, AppError, A>({
    mutationFn: async (args) => {
      try {
        return await latest.current.fn(...args);
      } catch (e) {
        throw toAppError(e);
      }
    },
  });
  const { mutateAsync } = mutation;

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    lastArgs.current = args;
    try {
      const result = await mutateAsync(args);
      latest.current.opts.onSuccess?.(result, ...args);
      return result;
    } catch (e) {
      if (mounted.current) latest.current.opts.onError?.(toAppError(e));
      return undefined;
    } finally {
      running.current = false;
    }
  }, [mutateAsync]);

  const countdown = useRetryCountdown(mutation.error, () => {
    if (lastArgs.current) void run(...lastArgs.current);
  });

  const state: ActionState = { busy: mutation.isPending, error: mutation.error, countdown };
  return { ...state, run, reset: mutation.reset };
}

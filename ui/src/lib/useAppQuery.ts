import { useCallback, useState } from "react";
import { useQuery, type Query, type QueryFunctionContext, type QueryKey } from "@tanstack/react-query";
import { toAppError, type AppError } from "../api";
import { useRetryCountdown } from "./useRetryCountdown";

export type AppQueryOptions<T> = {
  queryKey: QueryKey;
  queryFn: (ctx: QueryFunctionContext) => Promise<T>;
  /** Polling, e.g. `usePollInterval`'s; false (the default) for none. */
  refetchInterval?: number | false | ((query: Query<T, AppError, T, QueryKey>) => number | false | undefined);
  enabled?: boolean;
};

export type AppQuery<T> = {
  /** The last data loaded; kept when a later refresh fails. */
  data: T | null;
  /** Failure while nothing is shown yet (shown in the page). Stays while "Try again" runs. */
  error: AppError | null;
  /** Failure of a refresh while older data is shown (the "couldn't refresh" banner); the data stays. */
  backgroundError: AppError | null;
  /** Seconds before a rate-limited load retries by itself. */
  retryIn: number | null;
  /** A load is running (the first or a refresh). */
  fetching: boolean;
  /** When the data shown was loaded (ms since the epoch; 0 for none). */
  updatedAt: number;
  /** Loads again (joins a load already running). */
  refresh: () => Promise<void>;
};

/** A read of the app, as every screen shows it: data, error or stale data with the error, 429 retry. */
export function useAppQuery<T>({ queryKey, queryFn, refetchInterval = false, enabled = true }: AppQueryOptions<T>): AppQuery<T> {
  const q = useQuery<T, AppError, T, QueryKey>({
    queryKey,
    queryFn: async (ctx) => {
      try {
        return await queryFn(ctx);
      } catch (e) {
        throw toAppError(e);
      }
    },
    refetchInterval,
    enabled,
  });
  const { refetch } = q;
  const refresh = useCallback(async () => {
    await refetch({ cancelRefetch: false });
  }, [refetch]);
  const retryIn = useRetryCountdown(q.error, refresh);

  // The query forgets its error when it loads again; while nothing was loaded yet, the page
  // keeps showing the last error until that load ends (as it did before the query layer).
  const [held, setHeld] = useState<AppError | null>(null);
  if (q.error && q.error !== held) setHeld(q.error);

  const data = q.data === undefined ? null : q.data;
  const hasData = data !== null;
  return {
    data,
    error: hasData ? null : (q.error ?? (q.isFetching ? held : null)),
    backgroundError: hasData ? q.error : null,
    retryIn,
    fetching: q.isFetching,
    updatedAt: q.dataUpdatedAt,
    refresh,
  };
}

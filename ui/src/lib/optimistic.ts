// Rows the user just created (a cluster, a client) are shown at once, before the API lists them;
// rows the user just changed or deleted show that until the next load. The rows created here are
// kept with the list's query, so every load of that list (whoever starts it) keeps them until the
// API lists them; they go with the query when its screen closes (as the list does).
import { useMemo } from "react";
import { hashKey, useQueryClient, type Query, type QueryClient, type QueryKey } from "@tanstack/react-query";

/** How to read and replace the rows of a list `L` of rows `R`. */
export type Rows<L, R> = {
  get: (list: L) => readonly R[];
  set: (list: L, rows: R[]) => L;
  id: (row: R) => string;
};

const pendingByQuery = new WeakMap<Query, Map<string, unknown>>();

function pendingRows<R>(client: QueryClient, key: QueryKey): Map<string, R> {
  const query = client.getQueryCache().find({ queryKey: key, exact: true });
  if (!query) return new Map();
  let rows = pendingByQuery.get(query);
  if (!rows) pendingByQuery.set(query, (rows = new Map()));
  return rows as Map<string, R>;
}

/**
 * For a list query's `queryFn`: the loaded list plus the rows created here that it does not list
 * yet. A row the API lists stops being pending.
 */
export function withPending<L, R>(client: QueryClient, key: QueryKey, loaded: L, rows: Rows<L, R>): L {
  const pending = pendingRows<R>(client, key);
  if (pending.size === 0) return loaded;
  const listed = rows.get(loaded);
  for (const id of [...pending.keys()]) if (listed.some((r) => rows.id(r) === id)) pending.delete(id);
  return pending.size ? rows.set(loaded, [...listed, ...pending.values()]) : loaded;
}

/**
 * Changes a query's data in the cache until the next load (`fn` returns null: no change), keeping
 * the time it was loaded (shown by the refresh banner).
 */
export function patchData<T>(client: QueryClient, key: QueryKey, fn: (data: T) => T | null) {
  const data = client.getQueryData<T>(key);
  if (data === undefined) return;
  const next = fn(data);
  if (next === null) return;
  client.setQueryData<T>(key, next, { updatedAt: client.getQueryState(key)?.dataUpdatedAt });
}

/** Shows a just-created row at once, until a loaded list has it. */
export function addPendingRow<L, R>(client: QueryClient, key: QueryKey, row: R, rows: Rows<L, R>) {
  const id = rows.id(row);
  pendingRows<R>(client, key).set(id, row);
  patchData<L>(client, key, (list) => (rows.get(list).some((r) => rows.id(r) === id) ? null : rows.set(list, [...rows.get(list), row])));
}

/** Changes one row (or, with `null`, removes it) until the next load. */
export function patchRow<L, R>(client: QueryClient, key: QueryKey, id: string, change: Partial<R> | null, rows: Rows<L, R>) {
  if (change === null) pendingRows<R>(client, key).delete(id);
  patchData<L>(client, key, (list) => {
    const now = rows.get(list);
    if (!now.some((r) => rows.id(r) === id)) return null;
    return rows.set(list, change === null ? now.filter((r) => rows.id(r) !== id) : now.map((r) => (rows.id(r) === id ? { ...r, ...change } : r)));
  });
}

/** `addPendingRow` and `patchRow` for one list query. */
export function useOptimisticRows<L, R>(key: QueryKey, rows: Rows<L, R>) {
  const client = useQueryClient();
  const hash = hashKey(key);
  return useMemo(
    () => ({
      add: (row: R) => addPendingRow(client, key, row, rows),
      patch: (id: string, change: Partial<R> | null) => patchRow(client, key, id, change, rows),
    }),
    // `key` is represented by its hash.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client, hash, rows],
  );
}

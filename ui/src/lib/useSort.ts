import { useCallback, useState } from "react";

export type SortDir = "ASC" | "DESC" | "NONE";
export type Sort<K extends string> = { key: K; dir: SortDir };

const NEXT: Record<SortDir, SortDir> = { ASC: "DESC", DESC: "NONE", NONE: "ASC" };

/** How every table compares text: case-insensitive, numbers as numbers ("c2" before "c10"). */
export const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * A table's sort order, the same in every table: a click on a column sorts by it ascending, the
 * next descending, the next not at all (the list's own order). `headerProps(key)` goes on the
 * column's Carbon `TableHeader`, which then carries `aria-sort` for screen readers.
 */
export function useSort<K extends string>(initial: Sort<K>) {
  const [sort, setSort] = useState<Sort<K>>(initial);
  const onSort = useCallback(
    (key: K) => setSort((s) => (s.key !== key ? { key, dir: "ASC" } : { key, dir: NEXT[s.dir] })),
    [],
  );
  const headerProps = (key: K) => ({
    isSortable: true,
    isSortHeader: sort.key === key,
    sortDirection: sort.key === key ? sort.dir : ("NONE" as SortDir),
    onClick: () => onSort(key),
  });
  return { sort, onSort, headerProps };
}

/**
 * `rows` in `sort`'s order by `text(row, key)` (collated; ties keep the list's order, reversed
 * with the rest when descending); `NONE` keeps the list's order. A new array either way.
 */
export function sortRows<T, K extends string>(rows: readonly T[], sort: Sort<K>, text: (row: T, key: K) => string): T[] {
  const out = [...rows];
  if (sort.dir === "NONE") return out;
  out.sort((a, b) => COLLATOR.compare(text(a, sort.key), text(b, sort.key)));
  return sort.dir === "DESC" ? out.reverse() : out;
}

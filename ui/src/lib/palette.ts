// The command palette's model: what it can offer (items, built once per open / data change) and
// how a query picks and orders them (pure, unit-tested; the component only renders the result).
import type { View } from "../app/AppContext";
import { matchPositions, parseQuery, prepare, score, type Searchable } from "./fuzzy";

export const PALETTE_GROUPS = ["Actions", "Organizations", "Clusters", "Clients"] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

/** What choosing an item does (the component carries it out through the app's own flows). */
export type PaletteTarget =
  | { kind: "navigate"; view: View }
  | { kind: "switch"; orgId: string }
  | { kind: "open-in"; orgId: string; view: View }
  | { kind: "create-cluster"; orgId: string }
  | { kind: "open-link"; clusterId: string; clusterName: string; service: "operate" | "tasklist" | "optimize" }
  | { kind: "refresh" }
  | { kind: "add-organization" };

export type PaletteItem = {
  /** Unique among the items (also what "recent" remembers). */
  id: string;
  group: PaletteGroup;
  label: string;
  /** A second line of context (state, organization, cluster), never a secret. */
  hint?: string;
  /** Also searched (e.g. a cluster's or client's id), not highlighted. */
  keywords?: readonly string[];
  /** Shown only once something is typed (per-cluster actions, clients). */
  onlyWhenTyping?: boolean;
  /** Why it cannot be done now (shown; Enter does nothing). */
  disabledReason?: string | null;
  /** Ranks it ahead of equal matches (the active organization, recently chosen items). */
  boost?: number;
  target: PaletteTarget;
};

/** An item with its texts prepared for matching (once, not per keystroke). */
export type IndexedItem = PaletteItem & { search: Searchable; extra: Searchable[]; order: number };

export function indexItems(items: readonly PaletteItem[]): IndexedItem[] {
  return items.map((item, order) => ({
    ...item,
    search: prepare(item.label),
    extra: (item.keywords ?? []).filter(Boolean).map(prepare),
    order,
  }));
}

export type RankedItem = { item: IndexedItem; score: number; positions: number[] };
export type RankedGroup = { group: PaletteGroup; items: RankedItem[]; total: number };

/** How many of each group are shown (the rest is counted: "… more, keep typing"). */
export const GROUP_LIMITS: Record<PaletteGroup, { typing: number; empty: number }> = {
  // About what the palette shows without scrolling: rendering more rows costs each keystroke.
  Actions: { typing: 6, empty: 12 },
  Organizations: { typing: 4, empty: 8 },
  Clusters: { typing: 12, empty: 8 },
  Clients: { typing: 8, empty: 0 },
};

/** Keywords match a little below the label, so a name beats an id that happens to match as well. */
const KEYWORD_PENALTY = 500;
/** Keywords (ids) are searched from this many letters on: nobody finds an id by one or two. */
export const KEYWORD_MIN_LENGTH = 3;

/** One ranking, kept so that the next keystroke can start from its matches. */
export type PaletteRanking = {
  groups: RankedGroup[];
  /** The items searched, the query, and every item it matched (not only the shown ones). */
  items: readonly IndexedItem[];
  query: string;
  keywords: boolean;
  matched: IndexedItem[];
};

/**
 * The groups for `rawQuery`: matching items, best first within a group (score plus boost, then
 * the order given), groups ordered by their best item (ties: Actions, Organizations, Clusters,
 * Clients); empty query: everything not `onlyWhenTyping`, in the order given (boost first), groups
 * in that fixed order. Matched positions are computed for the shown items only.
 */
export function rankPalette(items: readonly IndexedItem[], rawQuery: string): RankedGroup[] {
  return rankPaletteFrom(items, rawQuery, null).groups;
}

/**
 * `rankPalette`, starting from the previous ranking's matches when the query only grew (a letter
 * typed at the end): whatever matches the longer query matched the shorter one (every tier
 * implies its letters in order), so only those are scored again.
 */
export function rankPaletteFrom(items: readonly IndexedItem[], rawQuery: string, previous: PaletteRanking | null): PaletteRanking {
  const q = parseQuery(rawQuery);
  const typing = q.text !== "";
  const keywords = q.compact.length >= KEYWORD_MIN_LENGTH;
  const narrowing =
    previous !== null && previous.items === items && previous.query !== "" && previous.keywords === keywords && q.text.startsWith(previous.query);
  const candidates = narrowing ? previous.matched : items;
  const matched: IndexedItem[] = [];
  // Per group: the best `limit` so far, best first (a bounded insertion: no sort of thousands of
  // matches per keystroke), and how many matched.
  type Hit = { item: IndexedItem; score: number };
  const top = new Map<PaletteGroup, Hit[]>();
  const totals = new Map<PaletteGroup, number>();
  for (const g of PALETTE_GROUPS) {
    top.set(g, []);
    totals.set(g, 0);
  }
  for (const item of candidates) {
    if (!typing && item.onlyWhenTyping) continue;
    const limit = typing ? GROUP_LIMITS[item.group].typing : GROUP_LIMITS[item.group].empty;
    if (limit === 0) continue;
    let s = score(q, item.search);
    if (keywords) {
      for (const e of item.extra) {
        const k = score(q, e);
        if (k >= 0 && k - KEYWORD_PENALTY > s) s = k - KEYWORD_PENALTY;
      }
    }
    if (s < 0) continue;
    matched.push(item);
    s += item.boost ?? 0;
    totals.set(item.group, totals.get(item.group)! + 1);
    const best = top.get(item.group)!;
    // Items come in their given order: on equal scores the one already kept stays first.
    if (best.length === limit && best[limit - 1]!.score >= s) continue;
    let j = best.length;
    if (j === limit) j -= 1;
    while (j > 0 && best[j - 1]!.score < s) {
      best[j] = best[j - 1]!;
      j -= 1;
    }
    best[j] = { item, score: s };
  }
  const groups: RankedGroup[] = [];
  for (const g of PALETTE_GROUPS) {
    const best = top.get(g)!;
    if (best.length === 0) continue;
    const shown = best.map(({ item, score: s }) => ({
      item,
      score: s,
      positions: typing ? matchPositions(q, item.search) : [],
    }));
    groups.push({ group: g, items: shown, total: totals.get(g)! });
  }
  if (typing) {
    const rank = (g: RankedGroup) => PALETTE_GROUPS.indexOf(g.group);
    groups.sort((a, b) => b.items[0]!.score - a.items[0]!.score || rank(a) - rank(b));
  }
  return { groups, items, query: q.text, keywords, matched };
}

/** The shown items in order (what ↑/↓ walk through). */
export function flatten(groups: readonly RankedGroup[]): RankedItem[] {
  return groups.flatMap((g) => g.items);
}

/** Items chosen lately in this session, most recent first (kept in memory only). */
const recent: string[] = [];
const RECENT_MAX = 20;

export function rememberChoice(id: string): void {
  const i = recent.indexOf(id);
  if (i >= 0) recent.splice(i, 1);
  recent.unshift(id);
  if (recent.length > RECENT_MAX) recent.length = RECENT_MAX;
}

/** The boost of a recently chosen item (more for the most recent), 0 for others. */
export function recentBoost(id: string): number {
  const i = recent.indexOf(id);
  return i < 0 ? 0 : 300 - i * 10;
}

/** For tests: forget the session's choices. */
export function forgetChoices(): void {
  recent.length = 0;
}

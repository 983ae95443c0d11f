/**
 * Fuzzy matching for the command palette: pure, allocation-free while scoring (the palette scores
 * every organization, cluster, client and action on each keystroke — 2,000 clusters and their
 * "Open Operate of …" actions), and the matched positions computed only for the rows shown.
 *
 * Tiers, best first: the text starts with the query (prefix); the query starts a word of the text,
 * or each of its words starts a word of the text in order ("op ord" → "Open Operate of orders-prod");
 * the query is inside the text; the query's letters appear in order (subsequence, spaces ignored),
 * scored by how many land on word starts or follow each other. Case is ignored.
 */

/** A text prepared once for many queries. */
export type Searchable = {
  text: string;
  lower: string;
};

/** What a query is turned into once per keystroke. */
export type Query = {
  /** Lower-cased, trimmed, inner spaces collapsed. */
  text: string;
  /** Its words. */
  words: string[];
  /** Without spaces (for the subsequence tier). */
  compact: string;
};

export const TIER_PREFIX = 4;
export const TIER_WORD = 3;
export const TIER_SUBSTRING = 2;
export const TIER_SUBSEQUENCE = 1;
const TIER_SCALE = 10_000;

function isAlnum(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9");
}

/** `text` lower-cased letter by letter, keeping its length (a few letters grow when lower-cased). */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

export function prepare(text: string): Searchable {
  return { text, lower: lowerSameLength(text) };
}

/**
 * Whether a word starts at `i`: the first letter, after anything but a letter or digit (space,
 * `-`, `_`, `.`, `/`, …), where digits follow letters or letters digits, or at a camelCase hump.
 * Asked only where a match lands (nothing is kept per text).
 */
function starts(s: Searchable, i: number): boolean {
  if (i === 0) return true;
  const cur = s.lower[i]!;
  if (!isAlnum(cur)) return false;
  const prev = s.lower[i - 1]!;
  if (!isAlnum(prev)) return true;
  const prevDigit = prev >= "0" && prev <= "9";
  const curDigit = cur >= "0" && cur <= "9";
  if (prevDigit !== curDigit) return true;
  return s.text[i] !== cur && s.text[i - 1] === prev; // camelCase: aB
}

export function parseQuery(raw: string): Query {
  const text = raw.toLowerCase().trim().replace(/\s+/g, " ");
  const words = text === "" ? [] : text.split(" ");
  return { text, words, compact: words.join("") };
}

/**
 * The score of `s` for `q` (higher is better), or -1 when it does not match. An empty query
 * matches everything with 0. Tier × 10,000 plus a bonus within the tier (earlier, shorter,
 * tighter is better).
 */
export function score(q: Query, s: Searchable): number {
  if (q.text === "") return 0;
  const { lower } = s;
  const len = lower.length;
  const at = lower.indexOf(q.text);
  if (at === 0) return TIER_PREFIX * TIER_SCALE + within(9_000 - len * 10);
  if (at > 0) {
    // The first occurrence may be mid-word while a later one starts a word ("rod" in "prod rodeo").
    let w = at;
    while (w >= 0 && !starts(s, w)) w = lower.indexOf(q.text, w + 1);
    if (w > 0) return TIER_WORD * TIER_SCALE + within(9_000 - w * 40 - len * 10);
  }
  if (q.words.length > 1) {
    const w = wordsAtStarts(q.words, s);
    if (w >= 0) return TIER_WORD * TIER_SCALE + within(5_000 - w * 40 - len * 10);
  }
  if (at > 0) return TIER_SUBSTRING * TIER_SCALE + within(9_000 - at * 40 - len * 10);
  return subsequenceScore(q.compact, s);
}

function within(n: number): number {
  return n < 0 ? 0 : n > TIER_SCALE - 1 ? TIER_SCALE - 1 : n;
}

/** Each word, in order, at a word start of `s`: the position of the first, or -1. */
function wordsAtStarts(words: string[], s: Searchable): number {
  let from = 0;
  let first = -1;
  for (const word of words) {
    let i = s.lower.indexOf(word, from);
    while (i >= 0 && !starts(s, i)) i = s.lower.indexOf(word, i + 1);
    if (i < 0) return -1;
    if (first < 0) first = i;
    from = i + word.length;
  }
  return first;
}

/**
 * The subsequence tier: -1 unless every letter of `c` appears in order. Bonus for letters on
 * word starts and right after the previous one, malus for gaps.
 */
function subsequenceScore(c: string, s: Searchable): number {
  const positions = subsequencePositions(c, s, null);
  if (positions < 0) return -1;
  return TIER_SUBSEQUENCE * TIER_SCALE + within(positions);
}

let latestBuf = new Int32Array(64);

/**
 * Matches `c` as a subsequence of `s`, preferring (in that order) the letter right after the
 * previous match, then one on a word start, then the first — never one that leaves the rest of
 * `c` unmatched. Returns the bonus (≥ 0) or -1; writes the positions into `out` when given.
 */
function subsequencePositions(c: string, s: Searchable, out: number[] | null): number {
  const { lower } = s;
  const m = c.length;
  if (m === 0) return 0;
  // Quick reject and the latest position each letter may take (a backwards greedy pass).
  let p = -1;
  for (let i = 0; i < m; i++) {
    p = lower.indexOf(c[i]!, p + 1);
    if (p < 0) return -1;
  }
  if (latestBuf.length < m) latestBuf = new Int32Array(Math.max(m, latestBuf.length * 2));
  const latest = latestBuf;
  let q = lower.length;
  for (let i = m - 1; i >= 0; i--) {
    q = lower.lastIndexOf(c[i]!, q - 1);
    latest[i] = q;
  }
  let bonus = 3_000;
  let prev = -1;
  for (let i = 0; i < m; i++) {
    const ch = c[i]!;
    let pick = -1;
    if (prev >= 0 && lower[prev + 1] === ch && prev + 1 <= latest[i]!) pick = prev + 1;
    if (pick < 0) {
      let j = lower.indexOf(ch, prev + 1);
      const first = j;
      while (j >= 0 && j <= latest[i]! && !starts(s, j)) j = lower.indexOf(ch, j + 1);
      pick = j >= 0 && j <= latest[i]! ? j : first;
    }
    if (starts(s, pick)) bonus += 200;
    if (prev >= 0) bonus += pick === prev + 1 ? 150 : -Math.min(300, (pick - prev - 1) * 20);
    else bonus -= Math.min(1_000, pick * 20);
    if (out) out.push(pick);
    prev = pick;
  }
  return Math.max(0, bonus - lower.length * 10);
}

/**
 * The characters of `s.text` to highlight for `q` (sorted indices), the way `score` matched
 * them; empty for an empty query or no match.
 */
export function matchPositions(q: Query, s: Searchable): number[] {
  if (q.text === "") return [];
  const { lower } = s;
  const range = (from: number, n: number, out: number[] = []) => {
    for (let i = 0; i < n; i++) if (lower[from + i] !== " ") out.push(from + i);
    return out;
  };
  const at = lower.indexOf(q.text);
  if (at === 0) return range(0, q.text.length);
  if (at > 0) {
    let w = at;
    while (w >= 0 && !starts(s, w)) w = lower.indexOf(q.text, w + 1);
    if (w > 0) return range(w, q.text.length);
  }
  if (q.words.length > 1 && wordsAtStarts(q.words, s) >= 0) {
    const out: number[] = [];
    let from = 0;
    for (const word of q.words) {
      let i = lower.indexOf(word, from);
      while (i >= 0 && !starts(s, i)) i = lower.indexOf(word, i + 1);
      range(i, word.length, out);
      from = i + word.length;
    }
    return out;
  }
  if (at > 0) return range(at, q.text.length);
  const out: number[] = [];
  return subsequencePositions(q.compact, s, out) < 0 ? [] : out;
}

/** `text` cut into runs, each marked or not, for rendering the highlight. */
export function highlightRuns(text: string, positions: readonly number[]): { text: string; hit: boolean }[] {
  if (positions.length === 0) return [{ text, hit: false }];
  const hit = new Uint8Array(text.length);
  for (const p of positions) if (p >= 0 && p < text.length) hit[p] = 1;
  const runs: { text: string; hit: boolean }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || hit[i] !== hit[start]) {
      runs.push({ text: text.slice(start, i), hit: hit[start] === 1 });
      start = i;
    }
  }
  return runs;
}

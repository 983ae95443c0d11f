import {
  highlightRuns, matchPositions, parseQuery, prepare, score, TIER_PREFIX, TIER_SUBSEQUENCE, TIER_SUBSTRING, TIER_WORD,
} from "./fuzzy";

const s = (query: string, text: string) => score(parseQuery(query), prepare(text));
const tier = (query: string, text: string) => {
  const v = s(query, text);
  return v < 0 ? 0 : Math.floor(v / 10_000);
};
const hl = (query: string, text: string) =>
  highlightRuns(text, matchPositions(parseQuery(query), prepare(text)))
    .map((r) => (r.hit ? `[${r.text}]` : r.text))
    .join("");

describe("fuzzy score", () => {
  it("ranks prefix > word start > substring > subsequence, and rejects the rest", () => {
    expect(tier("ord", "orders-prod")).toBe(TIER_PREFIX);
    expect(tier("prod", "orders-prod")).toBe(TIER_WORD);
    expect(tier("rod", "orders-prod")).toBe(TIER_SUBSTRING);
    expect(tier("opd", "orders-prod")).toBe(TIER_SUBSEQUENCE);
    expect(s("xyz", "orders-prod")).toBe(-1);
    expect(s("prodd", "orders-prod")).toBe(-1);
    // Order of the letters counts.
    expect(s("dor", "orders-prod")).toBe(-1);
  });

  it("ignores case, surrounding and repeated spaces; the empty query matches everything at 0", () => {
    expect(tier("  ORDERS  ", "orders-prod")).toBe(TIER_PREFIX);
    expect(tier("Orders", "ORDERS-PROD")).toBe(TIER_PREFIX);
    expect(s("", "anything")).toBe(0);
    expect(s("   ", "anything")).toBe(0);
  });

  it("treats each word of the query as the start of a word of the text, in order", () => {
    expect(tier("op ord", "Open Operate of orders-prod")).toBe(TIER_WORD);
    expect(tier("operate orders", "Open Operate of orders-prod")).toBe(TIER_WORD);
    // Out of order: still a subsequence? "orders operate" is not in order -> no match.
    expect(s("orders operate", "Open Operate of orders-prod")).toBe(-1);
    // Spaces are ignored in the subsequence tier.
    expect(tier("opr ordprod", "Open Operate of orders-prod")).toBe(TIER_SUBSEQUENCE);
  });

  it("knows word starts after separators, digits and camelCase humps", () => {
    expect(tier("0042", "cluster-0042")).toBe(TIER_WORD);
    expect(tier("detect", "fraudDetection")).toBe(TIER_WORD);
    expect(tier("12", "abc12")).toBe(TIER_WORD);
    expect(tier("bc", "abc12")).toBe(TIER_SUBSTRING);
  });

  it("prefers the shorter text and the earlier match within a tier", () => {
    expect(s("orders", "orders")).toBeGreaterThan(s("orders", "orders-prod"));
    expect(s("orders", "orders-prod")).toBeGreaterThan(s("orders", "orders-prod-nightly"));
    expect(s("prod", "a-prod")).toBeGreaterThan(s("prod", "abcdefgh-prod"));
  });

  it("scores a subsequence on word starts above a scattered one", () => {
    // "ps" on the word starts of payments-staging beats p…s scattered in "apples".
    expect(s("ps", "payments-staging")).toBeGreaterThan(s("ps", "xapplesx"));
    // Consecutive letters beat spread ones.
    expect(s("ab", "xabx")).toBeGreaterThan(s("ab", "xaxbx"));
  });

  it("never picks a word start that leaves the rest of the query unmatched", () => {
    // "pst": p, then the word start s of "staging" and the t right after it.
    expect(s("pst", "payments-staging")).toBeGreaterThan(0);
    expect(hl("pst", "payments-staging")).toBe("[p]ayments-[st]aging");
    // The 'a' starting the word "a" comes after the only 'b': the mid-word one is taken.
    expect(hl("ab", "xaxb-a")).toBe("x[a]x[b]-a");
    expect(s("naa", "banana")).toBeGreaterThan(0);
  });

  it("works on letters that grow when lower-cased", () => {
    const t = "İstanbul-prod";
    expect(tier("prod", t)).toBe(TIER_WORD);
    expect(hl("prod", t)).toBe("İstanbul-[prod]");
  });
});

describe("match positions and highlight", () => {
  it("marks what the score matched", () => {
    expect(hl("ord", "orders-prod")).toBe("[ord]ers-prod");
    expect(hl("prod", "orders-prod")).toBe("orders-[prod]");
    expect(hl("rod", "orders-prod")).toBe("orders-p[rod]");
    expect(hl("op ord", "Open Operate of orders-prod")).toBe("[Op]en Operate of [ord]ers-prod");
    expect(hl("opd", "orders-prod")).toBe("[o]rders-[p]ro[d]");
    expect(hl("", "orders-prod")).toBe("orders-prod");
    expect(hl("zzz", "orders-prod")).toBe("orders-prod");
  });

  it("cuts a text into runs", () => {
    expect(highlightRuns("abcd", [0, 1, 3])).toEqual([
      { text: "ab", hit: true },
      { text: "c", hit: false },
      { text: "d", hit: true },
    ]);
    expect(highlightRuns("abc", [])).toEqual([{ text: "abc", hit: false }]);
  });
});

/**
 * The token / API URL rule of the app (`console_api::check_service_url` in
 * crates/console-api/src/config.rs), for the form: the same WHATWG URL parsing, and both are
 * tested against one table, crates/console-api/tests/fixtures/service-urls.json. Plain http only
 * to this computer: `localhost` exactly (any case, no trailing dot), 127.0.0.0/8 and [::1] (also
 * as ::ffff:127.x.x.x); otherwise https; never a user name, password, query or fragment. The app
 * checks again when saving; this only says early what it would refuse.
 */

/** What is wrong with a token or API URL, in the form's words; `null` when it is allowed. */
export function serviceUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "Enter a URL starting with https://";
  }
  if (url.hostname === "") return "Enter a URL starting with https://";
  const scheme = url.protocol.replace(/:$/, "");
  if (scheme === "http") {
    if (!isLoopbackHost(url.hostname)) {
      return "Use https:// (http:// is allowed only for localhost, 127.x.x.x or [::1])";
    }
  } else if (scheme !== "https") {
    return "Enter a URL starting with https://";
  }
  if (url.username !== "" || url.password !== "") return "Remove the user name and password from the URL.";
  // `search` and `hash` are "" also for a bare `?` or `#`; the serialized URL still has them (the
  // parser percent-encodes any other `?` or `#`).
  if (url.href.includes("?") || url.href.includes("#")) return "Remove the query (?…) or fragment (#…) from the URL.";
  return null;
}

/** `localhost`, 127.0.0.0/8, ::1 or ::ffff:127.x.x.x, as `URL.hostname` spells them (lowercase,
 *  IPv4 as four decimal numbers, IPv6 in brackets, compressed and in hex). */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost") return true;
  const v4 = /^(\d+)\.\d+\.\d+\.\d+$/.exec(hostname);
  if (v4) return v4[1] === "127";
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const groups = ipv6Groups(hostname.slice(1, -1));
    if (!groups) return false;
    const zeros = (n: number) => groups.slice(0, n).every((g) => g === 0);
    if (zeros(7) && groups[7] === 1) return true;
    return zeros(5) && groups[5] === 0xffff && (groups[6] ?? 0) >> 8 === 127;
  }
  return false;
}

/** The eight 16-bit groups of a serialized IPv6 address (hex, at most one `::`). */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

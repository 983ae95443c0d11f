/** "HH:MM" in local time for an RFC 3339 timestamp (or the input if it cannot be parsed). */
export function hhmm(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** When data was fetched, as a person reads it: "09:14" today, "2026-12-03 09:14" before. */
export function asOf(rfc3339: string, now: Date = new Date()): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? hhmm(rfc3339) : `${shortDate(rfc3339)} ${hhmm(rfc3339)}`;
}

/** A short local date ("2026-12-04") for a narrow column. */
export function shortDate(rfc3339: string | null): string {
  if (!rfc3339) return "—";
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** A short local date+time for a "created" column. */
export function shortDateTime(rfc3339: string | null): string {
  if (!rfc3339) return "—";
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${shortDate(rfc3339)} ${hhmm(rfc3339)}`;
}

/**
 * A User Timing mark (`performance.mark`) for `make bench`, read over WebDriver: the
 * harness times start-up and repaints from them. Costs nothing measurable; absent User Timing
 * (unit tests), it does nothing.
 */
export function mark(name: string, detail: Record<string, number>): void {
  try {
    performance.mark(name, { detail });
  } catch {
    /* no User Timing here */
  }
}

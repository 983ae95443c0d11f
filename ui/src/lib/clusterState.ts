import type { ClusterSummary } from "../api";

export type Tone = "ok" | "progress" | "warn" | "error" | "neutral";

export const TRANSITIONAL = new Set(["Creating", "Updating", "Resuming"]);

export function isTransitional(state: string): boolean {
  return TRANSITIONAL.has(state);
}

export function anyTransitional(clusters: readonly ClusterSummary[]): boolean {
  return clusters.some((c) => isTransitional(c.state));
}

export function toneOf(state: string): Tone {
  switch (state) {
    case "Healthy":
      return "ok";
    case "Creating":
    case "Updating":
    case "Resuming":
      return "progress";
    case "Unhealthy":
      return "error";
    case "Suspended":
      return "neutral";
    default:
      return "warn";
  }
}

/** Polling delays: 3 s, growing by half each time, up to 30 s. */
export function nextDelay(current: number | null): number {
  if (current === null) return 3000;
  return Math.min(30000, Math.round(current * 1.5));
}

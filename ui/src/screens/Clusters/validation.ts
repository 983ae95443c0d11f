export const MAX_CLUSTER_NAME = 50;

/** The error text for a cluster name, or null when it is fine. The name is trimmed first. */
export function clusterNameError(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) return "Enter a name for the cluster.";
  if (name.length > MAX_CLUSTER_NAME) {
    return `Use at most ${MAX_CLUSTER_NAME} characters (now ${name.length}).`;
  }
  return null;
}

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

export const STAGE_LABELS = ["dev", "test", "stage", "prod"] as const;

export const MAX_CLUSTER_DESCRIPTION = 150;

/** The error text for a cluster description, or null when it is fine. It is trimmed first. */
export function clusterDescriptionError(raw: string): string | null {
  const description = raw.trim();
  if ([...description].length > MAX_CLUSTER_DESCRIPTION) {
    return `Use at most ${MAX_CLUSTER_DESCRIPTION} characters (now ${[...description].length}).`;
  }
  return null;
}

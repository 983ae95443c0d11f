export function ClusterDetail(_props: Record<string, unknown>) { return <p>ClusterDetail</p>; }

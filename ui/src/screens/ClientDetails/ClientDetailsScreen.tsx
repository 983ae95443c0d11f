export function ClientDetailsScreen(_props: Record<string, unknown>) { return <p>ClientDetailsScreen</p>; }

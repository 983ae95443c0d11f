export function AddOrganization(_props: Record<string, unknown>) { return <p>AddOrganization</p>; }

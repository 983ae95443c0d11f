export function OrganizationSettings(_props: Record<string, unknown>) { return <p>OrganizationSettings</p>; }

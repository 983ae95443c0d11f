export function Welcome(_props: Record<string, unknown>) { return <p>Welcome</p>; }

import { Button } from "@carbon/react";
import { useApp } from "../../app/AppContext";

/** First run (only the built-in Sandbox exists): say what the Sandbox is and how to add a real organization. */
export function SandboxIntro() {
  const app = useApp();
  if (app.activeOrg?.kind !== "sandbox") return null;
  if (app.orgs.organizations.some((o) => o.kind !== "sandbox")) return null;
  return (
    <div className="skep-card skep-banner" role="note" aria-label="About the Sandbox">
      <p>
        <strong>You are trying the Sandbox</strong> — a local, offline organization with sample clusters. Nothing
        leaves this computer.
      </p>
      <div>
        <Button kind="tertiary" size="sm" onClick={() => app.navigate({ kind: "add-organization" })}>
          Add your organization
        </Button>
      </div>
    </div>
  );
}

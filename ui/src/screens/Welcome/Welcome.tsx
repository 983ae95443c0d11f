import { Button } from "@carbon/react";
import { commands } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { useAction } from "../../lib/useAction";

/** First run: try the sandbox, or add an organization. */
export function Welcome() {
  const app = useApp();
  const sandbox = app.orgs.organizations.find((o) => o.kind === "sandbox") ?? null;
  const others = app.orgs.organizations.filter((o) => o.kind !== "sandbox");
  const choose = useAction(async (id: string) => app.setOrganizations(await commands.setActiveOrganization(id)));

  return (
    <section aria-labelledby="welcome-title" className="skep-welcome">
      <h1 id="welcome-title" className="skep-page-title">Welcome to Skep</h1>
      <p>Manage your Camunda 8 SaaS clusters and their clients from the desktop.</p>
      {choose.error ? <ErrorNotice error={choose.error} countdown={choose.countdown} /> : null}
      <div className="skep-welcome__choices">
        {sandbox ? (
          <div className="skep-card">
            <h2 className="skep-section-title" style={{ margin: 0 }}>Try the sandbox</h2>
            <p>A local, offline organization with sample clusters. Nothing leaves this computer.</p>
            <div>
              <GuardedButton kind="secondary" busy={choose.busy} busyText="Opening…" onClick={() => void choose.run(sandbox.id)}>
                Try the sandbox
              </GuardedButton>
            </div>
          </div>
        ) : null}
        <div className="skep-card">
          <h2 className="skep-section-title" style={{ margin: 0 }}>Add your organization</h2>
          <p>Paste or open the credentials file of an Administration API client from Camunda Console.</p>
          <div>
            <Button kind="primary" onClick={() => app.navigate({ kind: "add-organization" })}>
              Add your organization
            </Button>
          </div>
        </div>
      </div>
      {others.length ? (
        <>
          <h2 className="skep-section-title">Your organizations</h2>
          <div className="skep-row">
            {others.map((o) => (
              <Button key={o.id} kind="tertiary" onClick={() => void choose.run(o.id)}>
                {`Open ${o.name}`}
              </Button>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

import { useState } from "react";
import { Button, InlineNotification, Stack, Tag, TextInput } from "@carbon/react";
import { commands, type ConnectionReport, type Organization, type OrganizationInput, type OrgMarks } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { OrgSwatch, ProductionTag } from "../../components/OrgMark";
import { permissionLabel } from "../../lib/errors";
import { useAction } from "../../lib/useAction";
import { ConnectionResult } from "../AddOrganization/ConnectionResult";
import { CredentialsFields, inputErrors } from "../AddOrganization/CredentialsFields";
import { OrgMarkFields } from "./OrgMarkFields";
import { RemoveOrganizationDialog } from "./RemoveOrganizationDialog";

/** The secret was entered for these: changing any of them needs it typed again (Rust enforces it too). */
function endpointChanged(o: Organization, input: OrganizationInput): boolean {
  return input.clientId.trim() !== o.clientId || input.tokenUrl.trim() !== o.tokenUrl
    || input.apiBaseUrl.trim() !== o.apiBaseUrl || input.audience.trim() !== o.audience;
}

function toInput(o: Organization): OrganizationInput {
  return {
    name: o.name, clientId: o.clientId, clientSecret: null, tokenUrl: o.tokenUrl, apiBaseUrl: o.apiBaseUrl,
    audience: o.audience, sessionOnly: o.secretStorage === "session", color: o.color, production: o.production,
  };
}

/** The active organization: rename, test, edit credentials, remove. */
export function OrganizationSettings() {
  const app = useApp();
  const org = app.activeOrg;
  const [name, setName] = useState(org?.name ?? "");
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [editing, setEditing] = useState(false);
  const [input, setInput] = useState<OrganizationInput | null>(org ? toInput(org) : null);
  const [removing, setRemoving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [marks, setMarks] = useState<OrgMarks>({ color: org?.color ?? null, production: org?.production ?? false });
  const reload = app.reloadOrganizations;

  const rename = useAction(async () => {
    if (!org) return;
    await commands.renameOrganization(org.id, name.trim());
    await reload();
    setSaved("Organization renamed.");
  });
  const saveMarks = useAction(async () => {
    if (!org) return;
    await commands.updateOrganization(org.id, { ...toInput(org), ...marks });
    await reload();
    setSaved(marks.production ? "Saved: marked production." : "Saved.");
  });
  const test = useAction(async () => (org ? commands.testOrganization(org.id) : null), {
    onSuccess: (r) => {
      setReport(r);
      void reload();
    },
  });
  const update = useAction(async () => {
    if (!org || !input) return;
    const secret = input.clientSecret && input.clientSecret.trim() ? input.clientSecret : null;
    await commands.updateOrganization(org.id, { ...input, clientSecret: secret });
    await reload();
    setEditing(false);
    setSaved("Credentials saved.");
  });

  if (!org) return <p>No organization is selected.</p>;
  const builtIn = org.kind !== "saved";
  const nameInvalid = !name.trim();
  const secretOptional = !input || !endpointChanged(org, input);

  return (
    <section aria-labelledby="settings-title" className="skep-welcome">
      <h1 id="settings-title" className="skep-page-title">
        Organization settings
      </h1>
      <div className="skep-row" style={{ marginBottom: "1.5rem" }}>
        <OrgSwatch color={org.color} />
        <strong>{org.name}</strong>
        {org.production ? <ProductionTag /> : null}
        {org.kind === "sandbox" ? <Tag type="purple">Sandbox</Tag> : null}
        {org.kind === "environment" ? <Tag type="teal">From environment</Tag> : null}
      </div>
      {saved ? (
        <InlineNotification kind="success" lowContrast title={saved} onClose={() => { setSaved(null); return false; }}
          style={{ maxWidth: "none" }} />
      ) : null}

      <Stack gap={7}>
        <dl className="skep-kv" aria-label="Connection">
          <dt>Client ID</dt><dd>{org.clientId}</dd><dd />
          <dt>Token URL</dt><dd>{org.tokenUrl}</dd><dd />
          <dt>API URL</dt><dd>{org.apiBaseUrl}</dd><dd />
          <dt>Audience</dt><dd>{org.audience}</dd><dd />
          <dt>Secret stored</dt>
          <dd>{org.secretStorage === "keychain" ? "In the system keychain" : "For this session only"}</dd><dd />
        </dl>

        <div>
          <h2 className="skep-section-title">Permissions</h2>
          {org.deniedPermissions.length ? (
            <p>
              Camunda refused these permissions to this organization's API client:{" "}
              <strong>{org.deniedPermissions.map(permissionLabel).join(", ")}</strong>. Actions that need
              them are disabled. Add them to the API client in Camunda Console, then test the connection again.
            </p>
          ) : (
            <p className="skep-muted">No missing permission seen so far.</p>
          )}
        </div>

        <div>
          <h2 className="skep-section-title">Connection</h2>
          <Stack gap={4}>
            {report ? <ConnectionResult report={report} /> : null}
            {test.error ? <ErrorNotice error={test.error} countdown={test.countdown} /> : null}
            <div>
              <GuardedButton kind="secondary" busy={test.busy} busyText="Testing…" onClick={() => void test.run()}>
                Test connection
              </GuardedButton>
            </div>
          </Stack>
        </div>

        {builtIn ? (
          <p className="skep-muted">
            {org.kind === "sandbox"
              ? "The sandbox is built in: it cannot be renamed, edited or removed."
              : "This organization comes from environment variables (CAMUNDA_CONSOLE_*) and is not saved."}
          </p>
        ) : (
          <>
            <div>
              <h2 className="skep-section-title">Name</h2>
              <div className="skep-row" style={{ alignItems: "flex-end" }}>
                <TextInput id="settings-name" labelText="Organization name" value={name}
                  invalid={nameInvalid} invalidText="Enter a name."
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)} />
                <GuardedButton kind="secondary" busy={rename.busy} busyText="Renaming…"
                  disabled={nameInvalid || name.trim() === org.name} onClick={() => void rename.run()}>
                  Rename
                </GuardedButton>
              </div>
              {rename.error ? <ErrorNotice error={rename.error} /> : null}
            </div>

            <div>
              <h2 className="skep-section-title">Colour and production</h2>
              <Stack gap={5}>
                <OrgMarkFields marks={marks} onChange={setMarks} idPrefix="settings" />
                {saveMarks.error ? <ErrorNotice error={saveMarks.error} /> : null}
                <div>
                  <GuardedButton kind="secondary" busy={saveMarks.busy} busyText="Saving…"
                    disabled={marks.color === org.color && marks.production === org.production}
                    onClick={() => void saveMarks.run()}>
                    Save colour and production
                  </GuardedButton>
                </div>
              </Stack>
            </div>

            <div>
              <h2 className="skep-section-title">Credentials</h2>
              {editing && input ? (
                <Stack gap={5}>
                  <CredentialsFields input={input} onChange={setInput} touched secretOptional={secretOptional}
                    keychainAvailable={app.orgs.keychainAvailable} idPrefix="edit-org" />
                  {update.error ? <ErrorNotice error={update.error} countdown={update.countdown} /> : null}
                  <div className="skep-row">
                    <GuardedButton busy={update.busy} busyText="Saving…"
                      disabled={Object.keys(inputErrors(input, secretOptional)).length > 0} onClick={() => void update.run()}>
                      Save credentials
                    </GuardedButton>
                    <Button kind="ghost" onClick={() => { setEditing(false); setInput(toInput(org)); }}>
                      Cancel
                    </Button>
                  </div>
                </Stack>
              ) : (
                <Button kind="tertiary" onClick={() => { setInput(toInput(org)); setEditing(true); }}>
                  Edit credentials
                </Button>
              )}
            </div>

            <div>
              <h2 className="skep-section-title">Remove</h2>
              <p style={{ marginBottom: "1rem" }}>
                Removes the organization and its secret from this computer. Its clusters in Camunda are not touched.
              </p>
              <Button kind="danger--tertiary" onClick={() => setRemoving(true)}>
                Remove organization
              </Button>
            </div>
          </>
        )}
      </Stack>
      {removing ? <RemoveOrganizationDialog org={org} onClose={() => setRemoving(false)} /> : null}
    </section>
  );
}

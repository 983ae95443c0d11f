import { useEffect, useState } from "react";
import { Button, Checkbox, InlineNotification, Stack, Tab, TabList, TabPanel, TabPanels, Tabs, TextArea, TextInput } from "@carbon/react";
import { commands, toAppError, type ConnectionReport, type CredentialsPreview, type Organization, type OrgMarks } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { useAction } from "../../lib/useAction";
import { OrgMarkFields } from "../OrganizationSettings/OrgMarkFields";
import { ConnectionResult } from "./ConnectionResult";
import { CredentialsFields, emptyInput, inputErrors } from "./CredentialsFields";

/** Add an organization: paste or open the Console's credentials file, or type the credentials. */
export function AddOrganization({ onDone }: { onDone: () => void }) {
  const app = useApp();
  const keychain = app.orgs.keychainAvailable;
  const [input, setInput] = useState(emptyInput);
  const [touched, setTouched] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [pasted, setPasted] = useState("");
  const [pasteName, setPasteName] = useState("");
  const [sessionOnly, setSessionOnly] = useState(!keychain);
  const [preview, setPreview] = useState<CredentialsPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pasteReport, setPasteReport] = useState<ConnectionReport | null>(null);
  // Colour and production mark, shared by both ways of adding.
  const [marks, setMarks] = useState<OrgMarks>({ color: null, production: false });

  const activate = async (org: Organization) => {
    app.setOrganizations(await commands.setActiveOrganization(org.id));
    onDone();
  };

  const test = useAction(() => commands.testConnection({ ...input, sessionOnly: input.sessionOnly || !keychain }), {
    onSuccess: (r) => setReport(r),
  });
  const save = useAction(
    async () => activate(await commands.addOrganization({
      ...input, ...marks, name: input.name.trim(), sessionOnly: input.sessionOnly || !keychain,
    })),
  );
  const testPasted = useAction(() => commands.testCredentials(pasted), { onSuccess: (r) => setPasteReport(r) });
  const importText = useAction(async () => activate(await commands.importOrganization(pasteName.trim() || null, pasted, sessionOnly, marks)));
  const openFile = useAction(async () => activate(await commands.importOrganization(pasteName.trim() || null, null, sessionOnly, marks)));

  useEffect(() => {
    setPasteReport(null);
    if (!pasted.trim()) {
      setPreview(null);
      setPreviewError(null);
      return undefined;
    }
    let live = true;
    const t = setTimeout(() => {
      commands.previewCredentials(pasted)
        .then((p) => {
          if (!live) return;
          setPreview(p);
          setPreviewError(null);
        })
        .catch((e) => {
          if (!live) return;
          setPreview(null);
          setPreviewError(toAppError(e).message || "This is not a credentials file.");
        });
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [pasted]);

  const manualInvalid = Object.keys(inputErrors(input, false)).length > 0;
  const pasteOk = preview !== null && preview.missing.length === 0 && preview.hasSecret;
  const hasOrgs = app.orgs.organizations.some((o) => o.kind !== "sandbox") || app.activeOrg !== null;

  return (
    <section aria-labelledby="add-org-title" className="skep-welcome">
      <h1 id="add-org-title" className="skep-page-title">Add your organization</h1>
      <p className="skep-muted" style={{ marginBottom: "1.5rem" }}>
        Use the credentials of an Administration API client from Camunda Console (Organization → Administration API).
        The secret is stored in the system keychain; the settings file holds no secret.
      </p>
      {!keychain ? (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title="The system keychain is not available"
          subtitle={`${app.orgs.keychainMessage ?? ""} Secrets are kept for this session only.`.trim()}
          style={{ maxWidth: "none", marginBottom: "1rem" }}
        />
      ) : null}
      <Tabs>
        <TabList aria-label="How to add the organization">
          <Tab>Paste or open the credentials file</Tab>
          <Tab>Enter the credentials</Tab>
        </TabList>
        <TabPanels>
          <TabPanel>
            <Stack gap={5}>
              <TextInput id="paste-org-name" labelText="Organization name (optional)" value={pasteName}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPasteName(e.target.value)} />
              <TextArea
                id="paste-credentials"
                labelText="Credentials file"
                helperText="Paste the CAMUNDA_CONSOLE_* lines the Console showed when the API client was created."
                rows={6}
                value={pasted}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setPasted(e.target.value)}
              />
              {previewError ? (
                <InlineNotification kind="error" lowContrast hideCloseButton role="status"
                  title="Not a credentials file" subtitle={previewError} style={{ maxWidth: "none" }} />
              ) : null}
              {preview ? (
                <InlineNotification
                  kind={pasteOk ? "success" : "warning"}
                  lowContrast
                  hideCloseButton
                  role="status"
                  title={pasteOk ? "Credentials found" : "Some credentials are missing"}
                  subtitle={[
                    preview.clientId ? `Client ID: ${preview.clientId}.` : null,
                    preview.hasSecret ? "Secret found." : "No secret found.",
                    preview.missing.length ? `Missing: ${preview.missing.join(", ")}.` : null,
                  ].filter(Boolean).join(" ")}
                  style={{ maxWidth: "none" }}
                />
              ) : null}
              <OrgMarkFields marks={marks} onChange={setMarks} idPrefix="paste" />
              <Checkbox id="paste-session-only" labelText="Keep the secret for this session only (do not store it in the keychain)"
                checked={sessionOnly || !keychain} disabled={!keychain}
                onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) => setSessionOnly(checked)} />
              {pasteReport ? <ConnectionResult report={pasteReport} /> : null}
              {testPasted.error ? <ErrorNotice error={testPasted.error} countdown={testPasted.countdown} /> : null}
              {importText.error ? <ErrorNotice error={importText.error} countdown={importText.countdown} /> : null}
              {openFile.error ? <ErrorNotice error={openFile.error} countdown={openFile.countdown} /> : null}
              <div className="skep-row">
                <GuardedButton kind="secondary" busy={testPasted.busy} busyText="Testing…" disabled={!pasteOk}
                  onClick={() => void testPasted.run()}>
                  Test connection
                </GuardedButton>
                <GuardedButton busy={importText.busy} busyText="Saving…" disabled={!pasteOk} onClick={() => void importText.run()}>
                  Save organization
                </GuardedButton>
                <GuardedButton kind="secondary" busy={openFile.busy} busyText="Opening…" onClick={() => void openFile.run()}>
                  Open credentials file…
                </GuardedButton>
              </div>
            </Stack>
          </TabPanel>
          <TabPanel>
            <Stack gap={5}>
              <CredentialsFields input={input} onChange={(i) => { setInput(i); setReport(null); }} touched={touched}
                keychainAvailable={keychain} idPrefix="add-org" />
              <OrgMarkFields marks={marks} onChange={setMarks} idPrefix="add-org" />
              {report ? <ConnectionResult report={report} /> : null}
              {test.error ? <ErrorNotice error={test.error} countdown={test.countdown} /> : null}
              {save.error ? <ErrorNotice error={save.error} countdown={save.countdown} /> : null}
              <div className="skep-row">
                <GuardedButton kind="secondary" busy={test.busy} busyText="Testing…"
                  onClick={() => { setTouched(true); if (!manualInvalid) void test.run(); }}>
                  Test connection
                </GuardedButton>
                <GuardedButton busy={save.busy} busyText="Saving…"
                  onClick={() => { setTouched(true); if (!manualInvalid) void save.run(); }}>
                  Save organization
                </GuardedButton>
              </div>
            </Stack>
          </TabPanel>
        </TabPanels>
      </Tabs>
      {hasOrgs ? (
        <Button kind="ghost" onClick={onDone} style={{ marginTop: "2rem" }}>
          Cancel
        </Button>
      ) : null}
    </section>
  );
}

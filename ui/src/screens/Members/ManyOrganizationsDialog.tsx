import { useState } from "react";
import { Checkbox, FormGroup, Modal, RadioButton, RadioButtonGroup, Stack, TextInput } from "@carbon/react";
import { commands, type OrgOutcome, type RoleOption } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { OrgSwatch, ProductionTag } from "../../components/OrgMark";
import { useAction } from "../../lib/useAction";

type Change = "invite" | "remove";

/**
 * Invite one person, or remove them, in several organizations at once: each organization is
 * changed with its own credentials and gets its own result (done, or failed and why); one failure
 * stops none of the others, and none is sent the change twice (Rust sees to both). Removing from
 * an organization marked production needs the email typed.
 */
export function ManyOrganizationsDialog({
  roles,
  onClose,
  onDone,
}: {
  roles: RoleOption[];
  onClose: () => void;
  /** After the results are in (the active organization's list may have changed). */
  onDone: () => void;
}) {
  const app = useApp();
  const orgs = app.orgs.organizations;
  const [change, setChange] = useState<Change>("invite");
  const [email, setEmail] = useState("");
  const [typed, setTyped] = useState("");
  const [chosenRoles, setChosenRoles] = useState<ReadonlySet<string>>(new Set());
  const [chosenOrgs, setChosenOrgs] = useState<ReadonlySet<string>>(new Set(app.activeOrg ? [app.activeOrg.id] : []));
  const [results, setResults] = useState<OrgOutcome[] | null>(null);
  const trimmed = email.trim();
  const orgIds = orgs.filter((o) => chosenOrgs.has(o.id)).map((o) => o.id);
  const picked = roles.filter((r) => chosenRoles.has(r.id)).map((r) => r.id);
  const production = orgs.filter((o) => chosenOrgs.has(o.id) && o.production);
  const needsTyping = change === "remove" && production.length > 0;
  const run = useAction(
    () => (change === "invite" ? commands.inviteMemberIn(orgIds, trimmed, picked) : commands.removeMemberIn(orgIds, trimmed)),
    {
      onSuccess: (r) => {
        setResults(r);
        onDone();
      },
    },
  );
  const blocked =
    trimmed === "" ||
    orgIds.length === 0 ||
    (change === "invite" && picked.length === 0) ||
    (needsTyping && typed.trim() !== trimmed) ||
    run.busy ||
    run.countdown !== null;
  const toggle = (set: (f: (s: ReadonlySet<string>) => ReadonlySet<string>) => void, id: string, on: boolean) =>
    set((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const verb = change === "invite" ? "Invite" : "Remove";

  if (results) {
    const failed = results.filter((r) => r.error).length;
    return (
      <Modal
        open
        modalHeading={failed ? `${results.length - failed} of ${results.length} done` : `Done in ${results.length} ${results.length === 1 ? "organization" : "organizations"}`}
        aria-label="Results in several organizations"
        primaryButtonText="Done"
        onRequestClose={onClose}
        onRequestSubmit={onClose}
        size="sm"
      >
        <ul className="skep-outcomes" aria-label="Result per organization">
          {results.map((r) => (
            <li key={r.organizationId}>
              <strong>{r.organizationName}</strong>:{" "}
              {r.error ? <span className="skep-outcome-failed">failed — {r.error.message}</span> : "done"}
            </li>
          ))}
        </ul>
      </Modal>
    );
  }

  return (
    <Modal
      open
      danger={change === "remove"}
      modalHeading="One person, several organizations"
      aria-label="Members in several organizations"
      primaryButtonText={`${verb} in ${orgIds.length} ${orgIds.length === 1 ? "organization" : "organizations"}`}
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={run.busy ? "active" : "inactive"}
      loadingDescription={change === "invite" ? "Inviting…" : "Removing…"}
      onRequestClose={onClose}
      onRequestSubmit={() => {
        if (!blocked) void run.run();
      }}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="md"
    >
      <Stack gap={6}>
        {run.error ? <ErrorNotice error={run.error} countdown={run.countdown} /> : null}
        <RadioButtonGroup name="many-change" legendText="Change" valueSelected={change} onChange={(v) => setChange(v as Change)}>
          <RadioButton id="many-invite" value="invite" labelText="Invite (or give these roles)" />
          <RadioButton id="many-remove" value="remove" labelText="Remove (or withdraw the invitation)" />
        </RadioButtonGroup>
        <TextInput
          id="many-email"
          labelText="Email"
          type="email"
          value={email}
          autoComplete="off"
          data-modal-primary-focus
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)}
        />
        {change === "invite" ? (
          <FormGroup legendText="Roles">
            {roles.map((r) => (
              <Checkbox
                key={r.id}
                id={`many-role-${r.id}`}
                labelText={r.legacy ? `${r.label} (legacy)` : r.label}
                checked={chosenRoles.has(r.id)}
                onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) =>
                  toggle(setChosenRoles, r.id, checked)
                }
              />
            ))}
          </FormGroup>
        ) : null}
        <FormGroup legendText="Organizations">
          {orgs.map((o) => (
            <Checkbox
              key={o.id}
              id={`many-org-${o.id}`}
              labelText={
                <span className="skep-row skep-org-item">
                  <OrgSwatch color={o.color} />
                  {o.name}
                  {o.production ? <ProductionTag /> : null}
                </span>
              }
              checked={chosenOrgs.has(o.id)}
              onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) =>
                toggle(setChosenOrgs, o.id, checked)
              }
            />
          ))}
        </FormGroup>
        {needsTyping ? (
          <TextInput
            id="many-confirm"
            labelText={`Type “${trimmed}” to confirm`}
            helperText={`${production.map((o) => o.name).join(", ")} ${production.length === 1 ? "is" : "are"} marked production.`}
            value={typed}
            autoComplete="off"
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTyped(e.target.value)}
          />
        ) : null}
      </Stack>
    </Modal>
  );
}

import { lazy, Suspense, useEffect, useState } from "react";
import {
  Button,
  Checkbox,
  FormGroup,
  Modal,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TextInput,
} from "@carbon/react";
import { Add, Renew } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type MemberView, type RoleOption } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { deniedReason } from "../../lib/errors";
import { patchData } from "../../lib/optimistic";
import { membersQuery } from "../../lib/queries";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";

const ManyOrganizationsDialog = lazy(() =>
  import("./ManyOrganizationsDialog").then((m) => ({ default: m.ManyOrganizationsDialog })),
);

/** The roles a member can be given (the app's list: console_api owns it). */
function useRoles(): RoleOption[] {
  const [roles, setRoles] = useState<RoleOption[]>([]);
  useEffect(() => {
    let live = true;
    commands
      .memberRoles()
      .then((r) => {
        if (live) setRoles(r);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return roles;
}

/** A role's words, or its id when the app does not know it (`owner`, `member`, …). */
function roleLabel(roles: RoleOption[], id: string) {
  return roles.find((r) => r.id === id)?.label ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/**
 * The organization's members and pending invitations: invite by email with roles, change a
 * member's roles, remove a member (the confirmation names the person and the organization).
 */
export function MembersScreen() {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const orgName = app.activeOrg?.name ?? "this organization";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "members");
  const queryClient = useQueryClient();
  const query = membersQuery(orgId);
  const members = useAppQuery(query);
  const roles = useRoles();
  const [inviting, setInviting] = useState(false);
  const [many, setMany] = useState(false);
  const [editing, setEditing] = useState<MemberView | null>(null);
  const [removing, setRemoving] = useState<MemberView | null>(null);
  const [status, setStatus] = useState("");
  const ownerReason = "The organization's owner keeps their role and cannot be removed.";

  return (
    <section aria-labelledby="members-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h1 id="members-title" className="skep-page-title">
          Members
        </h1>
        <div className="skep-row">
          <Button kind="ghost" renderIcon={Renew} onClick={() => void members.refresh()}>
            Refresh members
          </Button>
          <Button kind="tertiary" onClick={() => setMany(true)}>
            In several organizations…
          </Button>
          <GuardedButton kind="primary" renderIcon={Add} deniedReason={denied} onClick={() => setInviting(true)}>
            Invite member
          </GuardedButton>
        </div>
      </div>
      <p className="skep-muted">The people of {orgName}, and the invitations not yet accepted.</p>
      <p role="status" className="skep-muted">
        {status}
      </p>
      {members.data === null ? (
        members.error ? (
          <ErrorNotice error={members.error} countdown={members.retryIn} onRetry={() => void members.refresh()} title="Could not load the members" />
        ) : (
          <LoadingRows label="Loading the members" rows={3} />
        )
      ) : (
        <Table aria-label="Members" size="md" useZebraStyles={false}>
          <TableHead>
            <TableRow>
              <TableHeader>Name</TableHeader>
              <TableHeader>Email</TableHeader>
              <TableHeader>Roles</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>
                <span className="cds--visually-hidden">Actions</span>
              </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {members.data.map((m) => (
              <TableRow key={m.email}>
                <TableCell>{m.name || "—"}</TableCell>
                <TableCell>{m.email}</TableCell>
                <TableCell>{m.roles.map((r) => roleLabel(roles, r)).join(", ")}</TableCell>
                <TableCell>{m.invitePending ? "Invitation pending" : "Member"}</TableCell>
                <TableCell>
                  <div className="skep-row" style={{ justifyContent: "flex-end" }}>
                    <GuardedButton
                      kind="ghost"
                      size="sm"
                      aria-label={`Change roles of ${m.email}`}
                      deniedReason={denied ?? (m.owner ? ownerReason : null)}
                      onClick={() => setEditing(m)}
                    >
                      Change roles…
                    </GuardedButton>
                    <GuardedButton
                      kind="danger--ghost"
                      size="sm"
                      aria-label={`${m.invitePending ? "Withdraw the invitation of" : "Remove"} ${m.email}`}
                      deniedReason={denied ?? (m.owner ? ownerReason : null)}
                      onClick={() => setRemoving(m)}
                    >
                      {m.invitePending ? "Withdraw" : "Remove"}
                    </GuardedButton>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      {inviting || editing ? (
        <RolesDialog
          member={editing}
          roles={roles}
          orgName={orgName}
          onClose={() => {
            setInviting(false);
            setEditing(null);
          }}
          onDone={(email, invited) => {
            setInviting(false);
            setEditing(null);
            setStatus(invited ? `${email} was invited to ${orgName}.` : `The roles of ${email} were changed.`);
            void members.refresh();
          }}
        />
      ) : null}
      {many ? (
        <Suspense fallback={null}>
          <ManyOrganizationsDialog roles={roles} onClose={() => setMany(false)} onDone={() => void members.refresh()} />
        </Suspense>
      ) : null}
      {removing ? (
        <ConfirmDeleteDialog
          subject={removing.email}
          heading={
            removing.invitePending
              ? `Withdraw the invitation of ${removing.email} to “${orgName}”?`
              : `Remove ${removing.email} from “${orgName}”?`
          }
          label={`${removing.invitePending ? "Withdraw the invitation of" : "Remove member"} ${removing.email}`}
          confirmText={removing.invitePending ? "Withdraw invitation" : "Remove member"}
          busyText={removing.invitePending ? "Withdrawing…" : "Removing…"}
          onConfirm={() => commands.removeMember(removing.email)}
          onDone={() => {
            patchData<MemberView[]>(queryClient, query.queryKey, (l) => l.filter((m) => m.email !== removing.email));
            setStatus(`${removing.email} was removed from ${orgName}.`);
            setRemoving(null);
          }}
          onClose={() => setRemoving(null)}
        >
          <p>
            {removing.invitePending
              ? `The invitation to ${removing.email} stops working.`
              : `${removing.name || removing.email} loses access to ${orgName} and its clusters at once.`}
          </p>
        </ConfirmDeleteDialog>
      ) : null}
    </section>
  );
}

/** Invite (no `member`) or change a member's roles. */
function RolesDialog({
  member,
  roles,
  orgName,
  onClose,
  onDone,
}: {
  member: MemberView | null;
  roles: RoleOption[];
  orgName: string;
  onClose: () => void;
  onDone: (email: string, invited: boolean) => void;
}) {
  const [email, setEmail] = useState(member?.email ?? "");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set(member?.roles ?? []));
  const trimmed = email.trim();
  const picked = roles.filter((r) => chosen.has(r.id)).map((r) => r.id);
  const save = useAction(() => commands.setMemberRoles(trimmed, picked), { onSuccess: () => onDone(trimmed, member === null) });
  const blocked = trimmed === "" || picked.length === 0 || save.busy || save.countdown !== null;
  return (
    <Modal
      open
      modalHeading={member ? `Change the roles of ${member.email}` : `Invite a member to “${orgName}”`}
      aria-label={member ? "Change roles" : "Invite member"}
      primaryButtonText={member ? "Save roles" : "Send invitation"}
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={save.busy ? "active" : "inactive"}
      loadingDescription="Saving…"
      onRequestClose={() => {
        if (!save.busy) onClose();
      }}
      onRequestSubmit={() => {
        if (!blocked) void save.run();
      }}
      shouldSubmitOnEnter
      preventCloseOnClickOutside
      size="sm"
    >
      <Stack gap={6}>
        {save.error ? <ErrorNotice error={save.error} countdown={save.countdown} /> : null}
        {member ? null : (
          <TextInput
            id="invite-email"
            labelText="Email"
            type="email"
            value={email}
            autoComplete="off"
            data-modal-primary-focus
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)}
          />
        )}
        <FormGroup legendText="Roles">
          {roles.map((r) => (
            <Checkbox
              key={r.id}
              id={`member-role-${r.id}`}
              labelText={r.legacy ? `${r.label} (legacy)` : r.label}
              checked={chosen.has(r.id)}
              onChange={(_e: React.ChangeEvent<HTMLInputElement>, { checked }: { checked: boolean }) =>
                setChosen((s) => {
                  const n = new Set(s);
                  if (checked) n.add(r.id);
                  else n.delete(r.id);
                  return n;
                })
              }
            />
          ))}
          <p className="skep-muted" style={{ marginTop: "0.5rem" }}>
            Legacy roles are no longer recommended since Camunda 8.8: per-cluster permissions are set in each cluster&apos;s Admin.
          </p>
        </FormGroup>
      </Stack>
    </Modal>
  );
}

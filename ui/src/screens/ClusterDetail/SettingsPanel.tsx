import { useState } from "react";
import { Button, Modal, Stack, TextArea, TextInput } from "@carbon/react";
import { Renew } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type ClusterView, type EncryptionView, type SecureConnectivityView } from "../../api";
import { useApp } from "../../app/AppContext";
import { ConfirmDeleteDialog } from "../../components/ConfirmDeleteDialog";
import { CopyValue } from "../../components/CopyValue";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { deniedReason } from "../../lib/errors";
import { secureConnectivityQuery } from "../../lib/queries";
import { queryKeys } from "../../lib/queryClient";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";

const ENCRYPTION_KIND: Record<string, string> = {
  Software: "Keys managed by Camunda (software)",
  Hardware: "Keys managed by Camunda (hardware security module)",
  Provider: "The cloud provider's keys",
  External: "Your own keys in AWS KMS (bring your own key)",
};

const ENCRYPTION_STATUS: Record<string, string> = {
  Ready: "Ready: the cluster's data is encrypted with your keys.",
  ExternalEncryptionKeyNotSupplied: "No key set yet: set the AWS KMS key the cluster is to be encrypted with.",
  ExternalEncryptionKeyNotReady: "Camunda cannot use the key yet: check that its key policy lets Camunda use it.",
  ProviderError: "AWS KMS reported an error with the key.",
  CreationError: "The encryption could not be set up. Contact Camunda support.",
  EncryptedStorageNotReady: "The encrypted storage is being prepared.",
};

/** One entry per line. */
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * A cluster's settings: how its data is encrypted (customer-managed AWS KMS keys set or rotated
 * on a BYOK cluster) and its secure connectivity (AWS PrivateLink), each change behind a dialog
 * that says what it does.
 */
export function SettingsPanel({ cluster }: { cluster: ClusterView }) {
  const denied = deniedReason(useApp().activeOrg?.deniedPermissions, "create_clusters");
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" className="skep-section-title">
        Settings
      </h2>
      <Stack gap={7}>
        <EncryptionSection cluster={cluster} denied={denied} />
        <SecureConnectivitySection cluster={cluster} denied={denied} />
      </Stack>
    </section>
  );
}

function EncryptionSection({ cluster, denied }: { cluster: ClusterView; denied: string | null }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const e: EncryptionView | null = cluster.encryption;
  const external = e?.kind === "External";
  const hasKeys = Boolean(e?.primaryKeyArn);
  return (
    <section aria-labelledby="encryption-title">
      <h3 id="encryption-title" className="skep-section-title">
        Encryption
      </h3>
      {e === null ? (
        <p className="skep-muted">Camunda did not say how this cluster is encrypted.</p>
      ) : (
        <Stack gap={5}>
          <dl className="skep-kv">
            <dt>Keys</dt>
            <dd>{ENCRYPTION_KIND[e.kind] ?? e.kind}</dd>
            <dd />
            {external ? (
              <>
                <dt>Status</dt>
                <dd>{e.status ? (ENCRYPTION_STATUS[e.status] ?? e.status) : "Not reported yet."}</dd>
                <dd />
                {e.primaryKeyArn ? <CopyValue label="Primary key ARN" value={e.primaryKeyArn} /> : null}
                {e.secondaryKeyArn ? <CopyValue label="Secondary key ARN" value={e.secondaryKeyArn} /> : null}
              </>
            ) : null}
          </dl>
          {external ? (
            <div>
              <GuardedButton kind="tertiary" deniedReason={denied} onClick={() => setEditing(true)}>
                {hasKeys ? "Rotate keys…" : "Set keys…"}
              </GuardedButton>
            </div>
          ) : (
            <p className="skep-muted">
              Customer-managed keys (AWS KMS) are chosen when a cluster is created, on the Enterprise plan in AWS regions.
            </p>
          )}
          <p role="status" className="skep-muted">
            {saved ? "Keys saved. The status shows Ready once Camunda can use them." : ""}
          </p>
        </Stack>
      )}
      {editing ? (
        <EncryptionKeysDialog
          cluster={cluster}
          rotating={hasKeys}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : null}
    </section>
  );
}

function EncryptionKeysDialog({
  cluster,
  rotating,
  onClose,
  onSaved,
}: {
  cluster: ClusterView;
  rotating: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const orgId = useApp().activeOrg?.id ?? "";
  const queryClient = useQueryClient();
  const [primary, setPrimary] = useState("");
  const [secondary, setSecondary] = useState("");
  const save = useAction(() => commands.setEncryptionKeys(cluster.id, primary.trim(), secondary.trim() || null), {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.cluster(orgId, cluster.id) });
      onSaved();
    },
  });
  const blocked = primary.trim() === "" || save.busy || save.countdown !== null;
  return (
    <Modal
      open
      danger={rotating}
      modalHeading={`${rotating ? "Rotate" : "Set"} the encryption keys of “${cluster.name}”`}
      aria-label="Encryption keys"
      primaryButtonText={rotating ? "Rotate keys" : "Save keys"}
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
      size="md"
    >
      <Stack gap={6}>
        <p>
          Camunda encrypts this cluster&apos;s data with these AWS KMS keys. If a key is disabled or deleted, or its key policy
          stops letting Camunda use it, the cluster&apos;s data cannot be read.
          {rotating ? " Keep the old keys enabled until the status is Ready again." : ""}
        </p>
        {save.error ? <ErrorNotice error={save.error} countdown={save.countdown} /> : null}
        <TextInput
          id="encryption-primary"
          labelText="Primary key ARN"
          placeholder="arn:aws:kms:eu-central-1:123456789012:key/…"
          helperText="An AWS KMS key in the cluster's region."
          value={primary}
          autoComplete="off"
          data-modal-primary-focus
          onChange={(ev: React.ChangeEvent<HTMLInputElement>) => setPrimary(ev.target.value)}
        />
        <TextInput
          id="encryption-secondary"
          labelText="Secondary key ARN (dual-region clusters only)"
          helperText="Leave empty for a single-region cluster."
          value={secondary}
          autoComplete="off"
          onChange={(ev: React.ChangeEvent<HTMLInputElement>) => setSecondary(ev.target.value)}
        />
      </Stack>
    </Modal>
  );
}

function SecureConnectivitySection({ cluster, denied }: { cluster: ClusterView; denied: string | null }) {
  const orgId = useApp().activeOrg?.id ?? "";
  const link = useAppQuery(secureConnectivityQuery(orgId, cluster.id));
  const [activating, setActivating] = useState(false);
  const [deactivating, setDeactivating] = useState(false);
  const s: SecureConnectivityView | null = link.data;
  return (
    <section aria-labelledby="privatelink-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h3 id="privatelink-title" className="skep-section-title">
          Secure connectivity
        </h3>
        <Button kind="ghost" renderIcon={Renew} onClick={() => void link.refresh()}>
          Refresh secure connectivity
        </Button>
      </div>
      <p className="skep-muted">
        With AWS PrivateLink, your AWS accounts reach the cluster through a VPC endpoint instead of over the internet.
      </p>
      {s === null ? (
        link.error ? (
          <ErrorNotice error={link.error} countdown={link.retryIn} onRetry={() => void link.refresh()} title="Could not load the secure connectivity" />
        ) : (
          <LoadingRows label="Loading the secure connectivity" rows={2} />
        )
      ) : !s.available ? (
        <p>Not offered for this cluster: {s.unavailable}</p>
      ) : !s.active ? (
        <Stack gap={5}>
          <p>Secure connectivity is not active on this cluster.</p>
          <div>
            <GuardedButton kind="tertiary" deniedReason={denied} onClick={() => setActivating(true)}>
              Activate…
            </GuardedButton>
          </div>
        </Stack>
      ) : (
        <Stack gap={5}>
          <dl className="skep-kv">
            <dt>Status</dt>
            <dd>Active</dd>
            <dd />
            {s.serviceName ? <CopyValue label="Endpoint service" value={s.serviceName} /> : null}
            {s.privateDnsName ? <CopyValue label="Private DNS name" value={s.privateDnsName} /> : null}
            <dt>Connected endpoints</dt>
            <dd>{s.connectionCount ?? "—"}</dd>
            <dd />
            <dt>Allowed principals</dt>
            <dd>{s.allowedPrincipals.join(", ") || "—"}</dd>
            <dd />
            <dt>Allowed regions</dt>
            <dd>{s.allowedRegions.join(", ") || "—"}</dd>
            <dd />
            {s.conditions.length ? (
              <>
                <dt>Conditions</dt>
                <dd>{s.conditions.join(" · ")}</dd>
                <dd />
              </>
            ) : null}
          </dl>
          <div>
            <GuardedButton kind="danger--tertiary" deniedReason={denied} onClick={() => setDeactivating(true)}>
              Deactivate…
            </GuardedButton>
          </div>
        </Stack>
      )}
      {activating ? (
        <ActivateSecureConnectivityDialog
          cluster={cluster}
          onClose={() => setActivating(false)}
          onDone={() => {
            setActivating(false);
            void link.refresh();
          }}
        />
      ) : null}
      {deactivating ? (
        <ConfirmDeleteDialog
          subject={cluster.name}
          heading={`Deactivate secure connectivity of “${cluster.name}”?`}
          label="Deactivate secure connectivity"
          confirmText="Deactivate"
          busyText="Deactivating…"
          onConfirm={() => commands.deactivateSecureConnectivity(cluster.id)}
          onDone={() => {
            setDeactivating(false);
            void link.refresh();
          }}
          onClose={() => setDeactivating(false)}
        >
          <p>
            VPC endpoints connected to this cluster stop working at once: clients must reach it over the internet again (through
            its IP allowlist).
          </p>
        </ConfirmDeleteDialog>
      ) : null}
    </section>
  );
}

function ActivateSecureConnectivityDialog({
  cluster,
  onClose,
  onDone,
}: {
  cluster: ClusterView;
  onClose: () => void;
  onDone: () => void;
}) {
  const [principals, setPrincipals] = useState("");
  const [regions, setRegions] = useState("");
  const activate = useAction(() => commands.activateSecureConnectivity(cluster.id, lines(principals), lines(regions)), {
    onSuccess: onDone,
  });
  const blocked = lines(principals).length === 0 || activate.busy || activate.countdown !== null;
  return (
    <Modal
      open
      modalHeading={`Activate secure connectivity for “${cluster.name}”`}
      aria-label="Activate secure connectivity"
      primaryButtonText="Activate"
      secondaryButtonText="Cancel"
      primaryButtonDisabled={blocked}
      loadingStatus={activate.busy ? "active" : "inactive"}
      loadingDescription="Activating…"
      onRequestClose={() => {
        if (!activate.busy) onClose();
      }}
      onRequestSubmit={() => {
        if (!blocked) void activate.run();
      }}
      preventCloseOnClickOutside
      size="md"
    >
      <Stack gap={6}>
        <p>
          Camunda creates an AWS PrivateLink endpoint service for this cluster. Only the AWS principals listed here can connect
          a VPC endpoint to it.
        </p>
        {activate.error ? <ErrorNotice error={activate.error} countdown={activate.countdown} /> : null}
        <TextArea
          id="privatelink-principals"
          labelText="Allowed AWS principals"
          helperText="One IAM ARN per line, e.g. arn:aws:iam::123456789012:root"
          rows={3}
          value={principals}
          data-modal-primary-focus
          onChange={(ev: React.ChangeEvent<HTMLTextAreaElement>) => setPrincipals(ev.target.value)}
        />
        <TextArea
          id="privatelink-regions"
          labelText="Allowed AWS regions"
          helperText="One region per line, e.g. eu-central-1: the regions VPC endpoints may connect from."
          rows={2}
          value={regions}
          onChange={(ev: React.ChangeEvent<HTMLTextAreaElement>) => setRegions(ev.target.value)}
        />
      </Stack>
    </Modal>
  );
}

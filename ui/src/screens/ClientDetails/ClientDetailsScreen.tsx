import { useState } from "react";
import { Button, InlineNotification, Link } from "@carbon/react";
import { ArrowLeft, Copy } from "@carbon/icons-react";
import { useApp } from "../../app/AppContext";
import { CopyValue } from "../../components/CopyValue";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { copyText } from "../../lib/copyText";
import { deniedReason } from "../../lib/errors";
import { clientQuery } from "../../lib/queries";
import { useAppQuery } from "../../lib/useAppQuery";
import { DeleteClientDialog } from "../ClusterDetail/DeleteClientDialog";

export const NEW_SECRET_HELP =
  "Camunda shows a client's secret only once, when the client is created; Skep does not keep it. To get a new secret, create a new client, switch your applications to it, then delete this one.";

/** One client's connection information (never its secret). */
export function ClientDetailsScreen({ clusterId, clientId }: { clusterId: string; clientId: string }) {
  const app = useApp();
  const query = useAppQuery(clientQuery(app.activeOrg?.id ?? "", clusterId, clientId));
  const { data: details, error } = query;
  const [deleting, setDeleting] = useState(false);
  const [copied, setCopied] = useState("");

  const back = (
    <Link
      href="#"
      renderIcon={ArrowLeft}
      onClick={(e: React.MouseEvent) => {
        e.preventDefault();
        app.navigate({ kind: "cluster", clusterId, tab: "API clients" });
      }}
    >
      Back to cluster
    </Link>
  );

  return (
    <section aria-labelledby="client-title">
      {back}
      <div className="skep-row" style={{ justifyContent: "space-between", marginTop: "1rem" }}>
        <h1 id="client-title" className="skep-page-title" style={{ margin: 0 }}>
          {details ? `Client “${details.name}”` : "Client"}
        </h1>
        {details ? (
          <GuardedButton
            kind="danger--tertiary"
            deniedReason={deniedReason(app.activeOrg?.deniedPermissions, "delete_clients")}
            onClick={() => setDeleting(true)}
          >
            Delete client
          </GuardedButton>
        ) : null}
      </div>
      {error ? (
        <ErrorNotice error={error} countdown={query.retryIn} onRetry={() => void query.refresh()} title="Could not load the client" />
      ) : null}
      {!details && !error ? <LoadingRows label="Loading client" rows={3} /> : null}
      {details ? (
        <>
          <h2 className="skep-section-title">Connection information</h2>
          <dl className="skep-kv">
            <CopyValue label="Zeebe address" value={details.zeebeAddress} />
            <CopyValue label="Client ID" value={details.clientId} />
            <CopyValue label="Token URL" value={details.authorizationServerUrl} />
          </dl>
          <h2 className="skep-section-title">Credentials file (without the secret)</h2>
          <pre className="skep-pre" aria-label="Credentials file">
            {details.credentialsFile}
          </pre>
          <div className="skep-row" style={{ marginTop: "0.5rem" }}>
            <Button
              kind="ghost"
              size="sm"
              renderIcon={Copy}
              onClick={async () => {
                setCopied((await copyText(details.credentialsFile)) ? "Copied" : "Could not copy");
              }}
            >
              Copy credentials file
            </Button>
            <span role="status" className="skep-muted">
              {copied}
            </span>
          </div>
          <InlineNotification
            kind="info"
            lowContrast
            hideCloseButton
            title="Need the secret?"
            subtitle={NEW_SECRET_HELP}
            className="skep-banner"
            style={{ marginTop: "2rem", maxWidth: "none" }}
          />
        </>
      ) : null}
      {deleting && details ? (
        <DeleteClientDialog
          clusterId={clusterId}
          client={{ name: details.name, clientId: details.clientId, permissions: [] }}
          onClose={() => setDeleting(false)}
          onDeleted={() => app.navigate({ kind: "cluster", clusterId, tab: "API clients" })}
        />
      ) : null}
    </section>
  );
}

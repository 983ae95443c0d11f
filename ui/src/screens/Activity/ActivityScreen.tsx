import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import {
  Button,
  Search,
  Select,
  SelectItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@carbon/react";
import { Download, Renew } from "@carbon/icons-react";
import { commands, toAppError, type ActivityView, type AppError } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { LoadingRows } from "../../components/LoadingRows";
import { deniedReason } from "../../lib/errors";
import { activityQuery, clustersQuery } from "../../lib/queries";
import { shortDateTime } from "../../lib/time";
import { useAppQuery } from "../../lib/useAppQuery";

/** Rows shown at first, and added by "Show more". */
const PAGE = 200;
const KINDS = [
  { id: "", label: "All changes" },
  { id: "create", label: "Created" },
  { id: "update", label: "Changed" },
  { id: "delete", label: "Deleted" },
];

/** The cluster an entry is about: the cluster itself, or the one its client, secret, … is in. */
export function clusterOf(e: ActivityView): string | null {
  return e.entity === "cluster" ? e.entityId || null : e.clusterId;
}

/**
 * Entries matching `text` (what, who, entity, id, cluster id or name) and `kind` (`""`: any);
 * `clusterName` names a cluster id where the cluster is still listed.
 */
export function filterActivity(
  events: readonly ActivityView[],
  text: string,
  kind: string,
  clusterName: (id: string) => string | undefined = () => undefined,
): ActivityView[] {
  const q = text.trim().toLowerCase();
  return events.filter((e) => {
    if (kind !== "" && e.kind !== kind) return false;
    if (q === "") return true;
    const cluster = clusterOf(e);
    const fields = [e.what, e.who, e.entity, e.entityId, cluster ?? "", cluster ? (clusterName(cluster) ?? "") : ""];
    return fields.some((s) => s.toLowerCase().includes(q));
  });
}

/** The organization's activity log, newest first: filter by text and type, save as CSV. */
export function ActivityScreen() {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "members");
  const log = useAppQuery(activityQuery(orgId));
  const [text, setText] = useState("");
  const [kind, setKind] = useState("");
  const [shown, setShown] = useState(PAGE);
  const [saved, setSaved] = useState("");
  const [saveError, setSaveError] = useState<AppError | null>(null);
  // The clusters' names, where they are still listed (shared with the clusters screen's cache).
  const clusters = useQuery({ ...clustersQuery(orgId), enabled: orgId !== "" });
  const names = useMemo(() => new Map((clusters.data?.clusters ?? []).map((c) => [c.id, c.name])), [clusters.data]);
  const rows = useMemo(
    () => (log.data ? filterActivity(log.data.events, text, kind, (id) => names.get(id)) : []),
    [log.data, text, kind, names],
  );

  const save = async () => {
    setSaveError(null);
    try {
      const path = await commands.saveActivityCsv();
      if (path) setSaved(`Saved to ${path} (readable only by you).`);
    } catch (e) {
      setSaveError(toAppError(e));
    }
  };

  return (
    <section aria-labelledby="activity-title">
      <div className="skep-row" style={{ justifyContent: "space-between" }}>
        <h1 id="activity-title" className="skep-page-title">
          Activity
        </h1>
        <div className="skep-row">
          <Button kind="ghost" renderIcon={Renew} onClick={() => void log.refresh()}>
            Refresh activity
          </Button>
          <GuardedButton kind="tertiary" renderIcon={Download} deniedReason={denied} onClick={() => void save()}>
            Save as CSV
          </GuardedButton>
        </div>
      </div>
      <p role="status" className="skep-muted">
        {saved}
      </p>
      {saveError ? <ErrorNotice error={saveError} title="Could not save the activity" /> : null}
      <div className="skep-row" style={{ marginBottom: "1rem" }}>
        <Search
          id="activity-filter"
          labelText="Filter activity"
          placeholder="Filter by what, who, cluster or id"
          size="md"
          value={text}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
            setText(e.target.value);
            setShown(PAGE);
          }}
        />
        <Select
          id="activity-kind"
          labelText="Type"
          hideLabel
          value={kind}
          onChange={(e: React.ChangeEvent<HTMLSelectElement>) => {
            setKind(e.target.value);
            setShown(PAGE);
          }}
        >
          {KINDS.map((k) => (
            <SelectItem key={k.id} value={k.id} text={k.label} />
          ))}
        </Select>
      </div>
      {log.data === null ? (
        log.error ? (
          <ErrorNotice error={log.error} countdown={log.retryIn} onRetry={() => void log.refresh()} title="Could not load the activity" />
        ) : (
          <LoadingRows label="Loading the activity" rows={4} />
        )
      ) : rows.length === 0 ? (
        <p className="skep-muted">{log.data.events.length ? "Nothing matches the filter." : "No activity recorded yet."}</p>
      ) : (
        <>
          <p className="skep-muted">
            {rows.length === log.data.events.length ? `${rows.length} entries` : `${rows.length} of ${log.data.events.length} entries`}
          </p>
          <Table aria-label="Activity" size="sm" useZebraStyles={false}>
            <TableHead>
              <TableRow>
                <TableHeader>Time</TableHeader>
                <TableHeader>What</TableHeader>
                <TableHeader>Who</TableHeader>
                <TableHeader>Cluster</TableHeader>
                <TableHeader>On</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.slice(0, shown).map((e, i) => (
                <TableRow key={`${e.time ?? ""}-${e.entityId}-${i}`}>
                  <TableCell>{shortDateTime(e.time)}</TableCell>
                  <TableCell>{e.what || e.kind}</TableCell>
                  <TableCell>{e.who || "—"}</TableCell>
                  <TableCell>
                    <ClusterName id={clusterOf(e)} name={names} />
                  </TableCell>
                  <TableCell>{(e.entity === "cluster" ? e.entity : [e.entity, e.entityId].filter(Boolean).join(" ")) || "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {rows.length > shown ? (
            <Button kind="ghost" onClick={() => setShown((n) => n + PAGE)}>
              {`Show ${Math.min(PAGE, rows.length - shown)} more`}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** A cluster's name where it is still listed (its id on hover), else its id (deleted since). */
function ClusterName({ id, name }: { id: string | null; name: ReadonlyMap<string, string> }) {
  if (!id) return <>—</>;
  const known = name.get(id);
  return known ? <span title={id}>{known}</span> : <code title="Not listed any more">{id}</code>;
}

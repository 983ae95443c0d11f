import { useEffect, useRef, useState } from "react";
import { Button, InlineNotification, Modal, TextInput } from "@carbon/react";
import { Add, TrashCan } from "@carbon/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { commands, type ClusterView, type IpAllowlistCheck, type IpAllowlistEntry } from "../../api";
import { useApp } from "../../app/AppContext";
import { ErrorNotice } from "../../components/ErrorNotice";
import { GuardedButton } from "../../components/GuardedButton";
import { deniedReason } from "../../lib/errors";
import { patchData } from "../../lib/optimistic";
import { ipRangesQuery } from "../../lib/queries";
import { queryKeys } from "../../lib/queryClient";
import { useAction } from "../../lib/useAction";
import { useAppQuery } from "../../lib/useAppQuery";

type Row = IpAllowlistEntry & { key: number; touched: boolean };

let nextKey = 0;
const toRows = (entries: IpAllowlistEntry[]): Row[] =>
  entries.map((e) => ({ ...e, key: nextKey++, touched: false }));
const toEntries = (rows: Row[]): IpAllowlistEntry[] => rows.map(({ ip, description }) => ({ ip, description }));
const trimmed = (entries: IpAllowlistEntry[]): IpAllowlistEntry[] =>
  entries.map((e) => ({ ip: e.ip.trim(), description: e.description.trim() }));
const same = (a: IpAllowlistEntry[], b: IpAllowlistEntry[]) => JSON.stringify(trimmed(a)) === JSON.stringify(trimmed(b));

/**
 * The cluster's IP allowlist, edited as a whole and saved at once (`set_ip_allowlist`). Rust checks
 * every entry as it is typed (`check_ip_allowlist`) and says which of Web Modeler's ranges the list
 * would block; saving an empty list or one that blocks Web Modeler asks first.
 */
export function IpAllowlistPanel({ cluster }: { cluster: ClusterView }) {
  const app = useApp();
  const orgId = app.activeOrg?.id ?? "";
  const denied = deniedReason(app.activeOrg?.deniedPermissions, "ip_allowlist");
  const queryClient = useQueryClient();
  const ranges = useAppQuery(ipRangesQuery(orgId));
  const webModeler = ranges.data?.webModeler ?? [];

  const saved = cluster.ipAllowlist;
  const [rows, setRows] = useState<Row[]>(() => toRows(saved));
  const [check, setCheck] = useState<IpAllowlistCheck | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [savedNote, setSavedNote] = useState(false);
  const entries = toEntries(rows);
  const dirty = !same(entries, saved);

  // A refresh that brings another saved list replaces the rows, unless the user is editing them.
  const lastSaved = useRef(saved);
  useEffect(() => {
    if (same(lastSaved.current, saved)) return;
    setRows((current) => (same(toEntries(current), lastSaved.current) ? toRows(saved) : current));
    lastSaved.current = saved;
  }, [saved]);

  const checkKey = JSON.stringify([entries, webModeler]);
  useEffect(() => {
    let live = true;
    const [e, r] = JSON.parse(checkKey) as [IpAllowlistEntry[], string[]];
    void commands.checkIpAllowlist(e, r).then((c) => {
      if (live) setCheck(c);
    });
    return () => {
      live = false;
    };
  }, [checkKey]);
  const checked = check !== null && check.problems.length === rows.length;
  const problems = checked ? check.problems : [];
  const missing = checked ? check.missingRanges : [];
  const invalid = problems.some((p) => p !== null);

  const save = useAction((list: IpAllowlistEntry[]) => commands.setIpAllowlist(cluster.id, list), {
    onSuccess: (_r, list) => {
      const now = trimmed(list);
      lastSaved.current = now;
      patchData<ClusterView>(queryClient, queryKeys.cluster(orgId, cluster.id), (c) => ({ ...c, ipAllowlist: now }));
      setRows(toRows(now));
      setConfirming(false);
      setSavedNote(true);
    },
    onError: () => setConfirming(false),
  });

  const update = (key: number, change: Partial<Row>) => {
    setSavedNote(false);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  };
  const add = (entry: IpAllowlistEntry) => {
    setSavedNote(false);
    setRows((rs) => [...rs, ...toRows([entry])]);
  };
  const remove = (key: number) => {
    setSavedNote(false);
    setRows((rs) => rs.filter((r) => r.key !== key));
  };

  const warnings: string[] = [];
  if (rows.length === 0) warnings.push("An empty allowlist lets every address connect to this cluster.");
  if (missing.length) {
    warnings.push(`Web Modeler cannot deploy to this cluster: the list does not let in ${missing.join(", ")}.`);
  }
  const blocked = !dirty || !checked || invalid || save.busy || save.countdown !== null;
  const onSave = () => {
    if (blocked) return;
    // Everything touched shows its problem; a list that opens or blocks asks first.
    if (warnings.length) setConfirming(true);
    else void save.run(entries);
  };

  return (
    <section aria-labelledby="ip-allowlist-title">
      <h2 id="ip-allowlist-title" className="skep-section-title">
        IP allowlist
      </h2>
      <p className="skep-muted">
        Only these addresses can connect to the cluster’s APIs. Each entry takes one or more IPv4 or IPv6 addresses or CIDR
        ranges, separated by commas.
      </p>
      {saved.length === 0 && !dirty ? (
        <InlineNotification
          kind="info"
          lowContrast
          hideCloseButton
          title="Open to every address"
          subtitle="This cluster has no allowlist: every address can connect."
        />
      ) : null}
      <ul className="skep-allowlist" aria-label="Allowlist entries">
        {rows.map((r, i) => {
          const problem = problems[i] ?? null;
          const show = problem !== null && (r.touched || r.ip.trim() !== "");
          return (
            <li key={r.key} className="skep-row skep-allowlist-row">
              <TextInput
                id={`ip-${r.key}`}
                labelText={`Addresses, entry ${i + 1}`}
                placeholder="203.0.113.0/24"
                value={r.ip}
                disabled={Boolean(denied)}
                invalid={show}
                invalidText={show ? problem : undefined}
                onChange={(e) => update(r.key, { ip: e.target.value })}
                onBlur={() => update(r.key, { touched: true })}
              />
              <TextInput
                id={`ip-description-${r.key}`}
                labelText={`Description, entry ${i + 1}`}
                placeholder="Office VPN"
                value={r.description}
                disabled={Boolean(denied)}
                onChange={(e) => update(r.key, { description: e.target.value })}
              />
              <Button
                kind="ghost"
                size="md"
                hasIconOnly
                renderIcon={TrashCan}
                iconDescription={`Remove entry ${i + 1}`}
                tooltipPosition="left"
                disabled={Boolean(denied)}
                onClick={() => remove(r.key)}
              />
            </li>
          );
        })}
      </ul>
      <div className="skep-row">
        <Button kind="ghost" renderIcon={Add} disabled={Boolean(denied)} onClick={() => add({ ip: "", description: "" })}>
          Add entry
        </Button>
        {rows.length > 0 && missing.length > 0 ? (
          <Button
            kind="ghost"
            renderIcon={Add}
            disabled={Boolean(denied)}
            onClick={() => add({ ip: missing.join(", "), description: "Web Modeler" })}
          >
            Add Web Modeler’s ranges
          </Button>
        ) : null}
      </div>

      <h3 className="skep-subsection-title">Web Modeler’s addresses</h3>
      {ranges.data ? (
        <p className="skep-muted" aria-label="Web Modeler’s addresses">
          Web Modeler deploys from {webModeler.length ? webModeler.join(", ") : "no published addresses"}. Keep them in the
          list to deploy from Web Modeler.
        </p>
      ) : ranges.error ? (
        <ErrorNotice error={ranges.error} title="Could not load Web Modeler’s addresses" onRetry={() => void ranges.refresh()} />
      ) : (
        <p className="skep-muted">Loading Web Modeler’s addresses…</p>
      )}

      {dirty && warnings.length ? (
        <InlineNotification kind="warning" lowContrast hideCloseButton title="Before you save" subtitle={warnings.join(" ")} />
      ) : null}
      {save.error ? <ErrorNotice error={save.error} countdown={save.countdown} title="Could not save the IP allowlist" /> : null}
      <div className="skep-row" style={{ marginTop: "1rem" }}>
        <GuardedButton
          kind="primary"
          deniedReason={denied}
          disabled={blocked}
          busy={save.busy && !confirming}
          busyText="Saving…"
          onClick={onSave}
        >
          Save allowlist
        </GuardedButton>
        <Button
          kind="secondary"
          disabled={!dirty || save.busy}
          onClick={() => {
            setRows(toRows(saved));
            save.reset();
          }}
        >
          Discard changes
        </Button>
        <span role="status" className="skep-muted">
          {savedNote && !dirty ? "IP allowlist saved." : ""}
        </span>
      </div>

      {confirming ? (
        <Modal
          open
          danger={rows.length === 0}
          modalHeading={rows.length === 0 ? "Save an empty allowlist?" : "Save an allowlist that blocks Web Modeler?"}
          aria-label="Confirm IP allowlist"
          primaryButtonText="Save anyway"
          secondaryButtonText="Keep editing"
          loadingStatus={save.busy ? "active" : "inactive"}
          loadingDescription="Saving…"
          onRequestClose={() => {
            if (!save.busy) setConfirming(false);
          }}
          onRequestSubmit={() => void save.run(entries)}
          preventCloseOnClickOutside
          size="sm"
        >
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </Modal>
      ) : null}
    </section>
  );
}

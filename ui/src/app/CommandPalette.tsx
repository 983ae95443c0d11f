// The command palette (Ctrl/⌘+K): one combobox over the organizations, the active organization's
// clusters, the clients the app already holds, and the app's actions. Everything is matched in
// memory (lib/fuzzy.ts); opening it asks for the cluster list only when no screen holds it.
import { Fragment, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { InlineLoading, InlineNotification } from "@carbon/react";
import { Search } from "@carbon/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { commands, toAppError, type AppError, type ClientView, type ClusterView } from "../api";
import { describeError } from "../lib/errors";
import { highlightRuns } from "../lib/fuzzy";
import { mark } from "../lib/marks";
import {
  flatten, indexItems, rankPaletteFrom, rememberChoice, type PaletteItem, type PaletteRanking, type RankedItem,
} from "../lib/palette";
import { allClientsQuery, clustersQuery, overviewClientsQuery, overviewQuery } from "../lib/queries";
import { queryKeys } from "../lib/queryClient";
import { hasShortcut } from "../lib/useShortcuts";
import { useApp } from "./AppContext";
import { buildPaletteItems } from "./paletteItems";
import { useOpenInOrganization } from "./useOpenInOrganization";

import type { PaletteClose } from "./PaletteHost";

export function CommandPalette({ onClose }: { onClose: (after: PaletteClose) => void }) {
  const app = useApp();
  const queryClient = useQueryClient();
  const orgId = app.activeOrg?.id ?? "";
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ title: string; error?: AppError } | null>(null);
  const { open: openInOrganization, error: switchError } = useOpenInOrganization();

  // The cluster list: the screen's if it holds one (no new request), else loaded once now.
  const clusters = useQuery({ ...clustersQuery(orgId), enabled: orgId !== "" && app.view.kind !== "add-organization", refetchOnMount: false });
  // The rest only as far as the cache holds it: never a fan-out from here.
  const allClients = useQuery({ ...allClientsQuery(orgId), enabled: false });
  const overview = useQuery({ ...overviewQuery(), enabled: false });
  const overviewClients = useQuery({ ...overviewClientsQuery(), enabled: false });
  const [clusterClients] = useState(() =>
    queryClient
      .getQueriesData<ClientView[]>({ queryKey: ["org", orgId, "clients"] })
      .flatMap(([key, data]) => (Array.isArray(data) ? [{ clusterId: String(key[3]), clients: data }] : [])),
  );
  const [canRefresh] = useState(() => hasShortcut("refresh"));

  const clusterList = clusters.data?.organizationId === orgId ? clusters.data.clusters : null;
  const indexed = useMemo(
    () =>
      indexItems(
        buildPaletteItems({
          orgs: app.orgs,
          activeOrg: app.activeOrg,
          clusters: clusterList,
          orgClients: allClients.data?.organizationId === orgId ? allClients.data.clients : [],
          clusterClients,
          overview: overview.data ?? null,
          overviewClients: overviewClients.data ?? null,
          canRefresh,
        }),
      ),
    [app.orgs, app.activeOrg, clusterList, allClients.data, orgId, clusterClients, overview.data, overviewClients.data, canRefresh],
  );
  // Each keystroke starts from the last one's matches when the query only grew.
  const lastRanking = useRef<PaletteRanking | null>(null);
  const ranking = useMemo(() => rankPaletteFrom(indexed, query, lastRanking.current), [indexed, query]);
  useEffect(() => {
    lastRanking.current = ranking;
  }, [ranking]);
  const groups = ranking.groups;
  const flat = useMemo(() => flatten(groups), [groups]);
  const current = flat.length === 0 ? -1 : Math.min(active, flat.length - 1);
  const optionId = (i: number) => `${listId}-option-${i}`;

  // Bench hook (`make bench`, figure 6c): one mark per committed result list.
  useEffect(() => mark("skep:palette-results", { shown: flat.length, typed: query.length }), [flat, query]);

  useLayoutEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    if (current < 0) return;
    const el = document.getElementById(optionId(current));
    el?.scrollIntoView?.({ block: "nearest" });
    // optionId only depends on listId.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, groups]);

  const run = async (r: RankedItem | undefined) => {
    if (!r || busy) return;
    const item: PaletteItem = r.item;
    if (item.disabledReason) {
      setProblem({ title: item.disabledReason });
      return;
    }
    setProblem(null);
    rememberChoice(item.id);
    const t = item.target;
    switch (t.kind) {
      case "navigate":
        onClose("none");
        app.navigate(t.view);
        return;
      case "add-organization":
        onClose("none");
        app.navigate({ kind: "add-organization" });
        return;
      case "refresh":
        onClose("refresh");
        return;
      case "switch":
      case "open-in":
      case "create-cluster": {
        const view = t.kind === "switch" ? { kind: "clusters" as const } : t.kind === "open-in" ? t.view : { kind: "clusters" as const, create: true };
        setBusy(t.kind === "create-cluster" ? "Switching…" : "Opening…");
        const ok = await openInOrganization(t.orgId, view);
        setBusy(null);
        if (ok) onClose("none");
        return;
      }
      case "open-link": {
        setBusy(`Opening ${r.item.label.replace(/^Open /, "")}…`);
        try {
          // The detail holds the links: the one shown, if any, else one request for it.
          const cached = queryClient.getQueryData<ClusterView>(queryKeys.cluster(orgId, t.clusterId));
          const detail = cached ?? (await commands.getCluster(t.clusterId));
          const url = detail.links[t.service];
          if (!url) {
            setProblem({ title: `${t.clusterName} has no ${item.label.split(" ")[1]} link yet (it is shown once the cluster is ready).` });
            return;
          }
          await commands.openLink(url);
          onClose("restore");
        } catch (e) {
          setProblem({ title: "Could not open the link", error: toAppError(e) });
        } finally {
          setBusy(null);
        }
        return;
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = flat.length;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (n) setActive((current + 1) % n);
        return;
      case "ArrowUp":
        e.preventDefault();
        if (n) setActive((current - 1 + n) % n);
        return;
      case "Home":
        if (!n) return;
        e.preventDefault();
        setActive(0);
        return;
      case "End":
        if (!n) return;
        e.preventDefault();
        setActive(n - 1);
        return;
      case "PageDown":
        e.preventDefault();
        if (n) setActive(Math.min(n - 1, current + 8));
        return;
      case "PageUp":
        e.preventDefault();
        if (n) setActive(Math.max(0, current - 8));
        return;
      case "Enter":
        e.preventDefault();
        void run(flat[current]);
        return;
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        onClose("restore");
        return;
      case "Tab":
        // The one control of the dialog: the focus stays in it.
        e.preventDefault();
        return;
    }
  };

  const failure = problem ?? (switchError ? { title: "Could not switch the organization", error: switchError } : null);
  let index = -1;
  return (
    <div
      className="skep-palette-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose("restore");
      }}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        className="skep-palette"
        // A click anywhere in it but the field keeps the focus in the field.
        onMouseDown={(e) => {
          if (e.target !== inputRef.current) e.preventDefault();
        }}
      >
        <div className="skep-palette__search">
          <Search size={20} aria-hidden="true" className="skep-palette__icon" />
          <input
            ref={inputRef}
            className="skep-palette__input"
            type="text"
            role="combobox"
            aria-label="Search organizations, clusters, clients and actions"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={current >= 0 ? optionId(current) : undefined}
            placeholder="Search organizations, clusters, clients and actions"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
              setProblem(null);
            }}
            onKeyDown={onKeyDown}
          />
          {busy ? <InlineLoading description={busy} className="skep-palette__busy" /> : null}
        </div>
        {failure ? (
          <InlineNotification
            kind="error"
            lowContrast
            hideCloseButton
            title={failure.title}
            subtitle={failure.error ? describeError(failure.error).title : undefined}
            className="skep-palette__notice"
          />
        ) : null}
        {flat.length === 0 ? (
          <p className="skep-palette__empty">
            {clusters.isFetching && !clusterList ? "Loading the clusters…" : `Nothing matches “${query.trim()}”`}
          </p>
        ) : null}
        <div
          id={listId}
          role="listbox"
          aria-label="Results"
          className="skep-palette__list"
          data-query={query}
        >
          {groups.map((g) => (
            <div key={g.group} role="group" aria-label={g.group} className="skep-palette__group">
              <div aria-hidden="true" className="skep-palette__heading">
                {g.group}
              </div>
              {g.items.map((r) => {
                index += 1;
                const i = index;
                return (
                  <div
                    key={r.item.id}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === current}
                    aria-disabled={r.item.disabledReason ? true : undefined}
                    className={`skep-palette__option${i === current ? " skep-palette__option--active" : ""}`}
                    onMouseMove={() => {
                      if (i !== current) setActive(i);
                    }}
                    onClick={() => void run(r)}
                  >
                    <span className="skep-palette__label">
                      {highlightRuns(r.item.label, r.positions).map((run, k) => (
                        <Fragment key={k}>{run.hit ? <mark>{run.text}</mark> : run.text}</Fragment>
                      ))}
                    </span>
                    {r.item.disabledReason || r.item.hint ? (
                      <span className="skep-palette__hint">
                        {/* Named from its content: "label — hint" to a screen reader, the hint set apart on screen. */}
                        <span className="cds--visually-hidden"> — </span>
                        {r.item.disabledReason ?? r.item.hint}
                      </span>
                    ) : null}
                  </div>
                );
              })}
              {g.total > g.items.length ? (
                <div aria-hidden="true" className="skep-palette__more">
                  {`${(g.total - g.items.length).toLocaleString("en")} more ${g.group.toLowerCase()} — keep typing to narrow`}
                </div>
              ) : null}
            </div>
          ))}
        </div>
        <div role="status" className="cds--visually-hidden">
          {query.trim() === "" ? "" : `${groups.reduce((n, g) => n + g.total, 0).toLocaleString("en")} results`}
        </div>
        <div className="skep-palette__footer" aria-hidden="true">
          <span>↑↓ to move</span>
          <span>Enter to choose</span>
          <span>Esc to close</span>
          {clusters.isFetching && !clusterList && flat.length > 0 ? <span>Loading the clusters…</span> : null}
        </div>
      </div>
    </div>
  );
}

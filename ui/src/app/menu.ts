import { useEffect, useRef } from "react";
import { commands, DOCUMENTATION_URL, events, toAppError, type AppError, type MenuAction } from "../api";
import { dialogOpen, runShortcut } from "../lib/useShortcuts";
import type { View } from "./AppContext";

/** What the menu bar's items act on: the app's own flows, nothing of their own. */
export type MenuFlows = {
  /** `null` while the organizations are not loaded (nothing to navigate to yet). */
  navigate: ((view: View) => void) | null;
  openAbout: () => void;
  /** The outcome of a Help item (diagnostics copied, a folder that could not be opened). */
  notify: (notice: MenuNotice) => void;
};

export type MenuNotice = { kind: "success" | "error"; title: string; subtitle?: string; error?: AppError };

// The header's organization menu registers its opener here (see `useOrganizationSwitcher`).
let openSwitcher: (() => void) | null = null;
let switcherRequested = false;

/**
 * Register `open` as File → Switch organization…: the header calls this while it is shown. A
 * request made while no header was shown (the Add organization screen) opens it once it is.
 */
export function useOrganizationSwitcher(open: () => void) {
  const ref = useRef(open);
  useEffect(() => {
    ref.current = open;
  });
  useEffect(() => {
    const opener = () => ref.current();
    openSwitcher = opener;
    if (switcherRequested) {
      switcherRequested = false;
      opener();
    }
    return () => {
      if (openSwitcher === opener) openSwitcher = null;
    };
  }, []);
}

async function run(flows: MenuFlows, task: () => Promise<MenuNotice | null>, failure: string) {
  try {
    const notice = await task();
    if (notice) flows.notify(notice);
  } catch (e) {
    flows.notify({ kind: "error", title: failure, error: toAppError(e) });
  }
}

/**
 * One menu item chosen. Items that change the screen do nothing while a dialog is open (like
 * the screens' own shortcuts): the dialog is finished or cancelled first.
 */
export function handleMenuAction(action: MenuAction, flows: MenuFlows): void {
  switch (action) {
    case "documentation":
      void run(flows, async () => (await commands.openLink(DOCUMENTATION_URL), null), "Could not open the documentation");
      return;
    case "openLogFolder":
      void run(flows, async () => (await commands.openLogFolder(), null), "Could not open the log folder");
      return;
    case "copyDiagnostics":
      void run(
        flows,
        async () => {
          await commands.copyDiagnostics();
          return { kind: "success", title: "Diagnostics copied", subtitle: "Paste them into your bug report." };
        },
        "Could not copy the diagnostics",
      );
      return;
    default:
      break;
  }
  if (dialogOpen()) return;
  const navigate = flows.navigate;
  switch (action) {
    case "about":
      flows.openAbout();
      return;
    case "refresh":
      runShortcut("refresh");
      return;
    case "addOrganization":
      navigate?.({ kind: "add-organization" });
      return;
    case "allClients":
      navigate?.({ kind: "all-clients" });
      return;
    case "allOrganizations":
      navigate?.({ kind: "organizations" });
      return;
    case "switchOrganization":
      if (openSwitcher) {
        openSwitcher();
      } else if (navigate) {
        switcherRequested = true;
        navigate({ kind: "clusters" });
      }
      return;
  }
}

/** Answer the menu bar's items (the app's `menu-action` event) while mounted. */
export function useMenuActions(flows: MenuFlows) {
  const ref = useRef(flows);
  useEffect(() => {
    ref.current = flows;
  });
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let live = true;
    events.menuAction
      .listen((e) => handleMenuAction(e.payload, ref.current))
      .then((u) => {
        if (live) unlisten = u;
        else u();
      })
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, []);
}

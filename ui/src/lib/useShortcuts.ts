import { useEffect, useRef } from "react";

export type Shortcuts = { refresh?: () => void; find?: () => void; create?: () => void };
export type ShortcutName = keyof Shortcuts;

/** The handlers of every screen part that is shown and enabled, in mount order. */
const registered = new Set<{ current: Shortcuts }>();

/** A modal dialog is open: its own keys win, the screen behind it is not driven. */
export function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], .cds--modal.is-visible') !== null;
}

function handlersFor(name: ShortcutName): (() => void)[] {
  return [...registered].map((r) => r.current[name]).filter((fn): fn is () => void => fn !== undefined);
}

/**
 * Run shortcut `name` on the screen that is shown, as its key would (Ctrl+R for refresh): the
 * menu bar's View → Refresh comes here. Nothing runs while a dialog is open. Whether anything ran.
 */
export function runShortcut(name: ShortcutName): boolean {
  if (dialogOpen()) return false;
  const fns = handlersFor(name);
  for (const fn of fns) fn();
  return fns.length > 0;
}

const KEYS: Record<string, ShortcutName> = { r: "refresh", f: "find", n: "create" };

function onKey(e: KeyboardEvent) {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
  const name = KEYS[e.key.toLowerCase()];
  if (!name || dialogOpen() || handlersFor(name).length === 0) return;
  e.preventDefault();
  runShortcut(name);
}

/** Ctrl+R refresh, Ctrl+F focus the filter, Ctrl+N create — for the screen that is shown. */
export function useShortcuts(handlers: Shortcuts, enabled = true) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    if (registered.size === 0) window.addEventListener("keydown", onKey);
    registered.add(ref);
    return () => {
      registered.delete(ref);
      if (registered.size === 0) window.removeEventListener("keydown", onKey);
    };
  }, [enabled]);
}

/** Whether the screen shown has the shortcut `name` (enabled now): what the command palette offers. */
export function hasShortcut(name: ShortcutName): boolean {
  return handlersFor(name).length > 0;
}

import { useEffect, useRef } from "react";

export type Shortcuts = { refresh?: () => void; find?: () => void; create?: () => void };

/** The handlers of the shortcuts enabled now (what the command palette's "Refresh" runs). */
const live = new Set<{ current: Shortcuts }>();

/** Ctrl+R refresh, Ctrl+F focus the filter, Ctrl+N create — for the screen that is shown. */
export function useShortcuts(handlers: Shortcuts, enabled = true) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      // A dialog is open: its own keys win, the screen behind it is not driven.
      if (document.querySelector('[role="dialog"][aria-modal="true"], .cds--modal.is-visible')) return;
      const key = e.key.toLowerCase();
      const h = ref.current;
      const fn = key === "r" ? h.refresh : key === "f" ? h.find : key === "n" ? h.create : undefined;
      if (fn) {
        e.preventDefault();
        fn();
      }
    };
    live.add(ref);
    window.addEventListener("keydown", onKey);
    return () => {
      live.delete(ref);
      window.removeEventListener("keydown", onKey);
    };
  }, [enabled]);
}

/** Whether the screen shown has the shortcut `name` (enabled now). */
export function hasShortcut(name: keyof Shortcuts): boolean {
  for (const r of live) if (r.current[name]) return true;
  return false;
}

/** Runs `name` as its key would (every enabled handler of it); false when none has it. */
export function runShortcut(name: keyof Shortcuts): boolean {
  let ran = false;
  for (const r of [...live]) {
    const fn = r.current[name];
    if (fn) {
      fn();
      ran = true;
    }
  }
  return ran;
}

import { useEffect, useRef } from "react";

export type Shortcuts = { refresh?: () => void; find?: () => void; create?: () => void };

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
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled]);
}

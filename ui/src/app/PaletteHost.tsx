import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { dialogOpen, runShortcut } from "../lib/useShortcuts";

// The palette's code loads on first use (start-up parses none of it).
const CommandPalette = lazy(() => import("./CommandPalette").then((m) => ({ default: m.CommandPalette })));

/**
 * What the host does once the palette is gone: give the focus back to where it was ("restore"),
 * leave it to what was opened ("none": a screen, a dialog), or run the screen's refresh.
 */
export type PaletteClose = "restore" | "none" | "refresh";

/** "⌘K" on macOS, "Ctrl+K" elsewhere. */
export function paletteShortcutLabel(): string {
  return /mac/i.test(navigator.platform || navigator.userAgent) ? "⌘K" : "Ctrl+K";
}

/**
 * Ctrl/⌘+K anywhere (also in a text field) opens the command palette, again closes it; not while
 * another dialog is open (its keys win, as for the other shortcuts). Returns the palette to render
 * and `openPalette` (the header's button).
 */
export function usePaletteHost() {
  const [open, setOpen] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  const after = useRef<PaletteClose | null>(null);

  const openPalette = useCallback(() => {
    const el = document.activeElement;
    returnTo.current = el instanceof HTMLElement && el !== document.body ? el : null;
    setOpen(true);
  }, []);
  const close = useCallback((how: PaletteClose) => {
    after.current = how;
    setOpen(false);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== "k" || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (open) {
        e.preventDefault();
        close("restore");
        return;
      }
      if (dialogOpen()) return;
      e.preventDefault();
      openPalette();
    };
    // Capture: before any field or widget handles the key.
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open, close, openPalette]);

  useEffect(() => {
    if (open) return;
    const how = after.current;
    after.current = null;
    const el = returnTo.current;
    returnTo.current = null;
    if ((how === "restore" || how === "refresh") && el?.isConnected) el.focus();
    if (how === "refresh") runShortcut("refresh");
  }, [open]);

  const palette = open ? (
    <Suspense fallback={null}>
      <CommandPalette onClose={close} />
    </Suspense>
  ) : null;
  return { palette, openPalette };
}

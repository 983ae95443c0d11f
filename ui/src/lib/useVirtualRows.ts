import { useCallback, useLayoutEffect, useRef, useState } from "react";

/** What a virtualized table renders: rows [start, end) plus the height of the spacers around them. */
export type VirtualWindow = {
  start: number;
  end: number;
  padTop: number;
  padBottom: number;
};

/** Viewport height assumed before the scroll container could be measured (first render, jsdom). */
const FALLBACK_VIEWPORT = 800;

/**
 * The slice of `count` fixed-height rows visible in a scroll container of height `viewport`
 * scrolled to `scrollTop`, widened by `overscan` rows on each side. Pure: unit-tested alone.
 */
export function computeWindow(
  count: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number,
  overscan: number,
): VirtualWindow {
  if (count <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const vh = viewport > 0 ? viewport : FALLBACK_VIEWPORT;
  // A shrunken list (filtering) may leave scrollTop beyond its end until the browser clamps it.
  const maxTop = Math.max(0, count * rowHeight - vh);
  const top = Math.min(Math.max(0, scrollTop), maxTop);
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + vh) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/**
 * A small virtualizer for a table of fixed-height rows inside its own scroll container: attach
 * `ref` to the container; the window follows its scroll position and size.
 */
export function useVirtualRows<E extends HTMLElement>(count: number, rowHeight: number, overscan = 8) {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const elRef = useRef<E | null>(null);

  useLayoutEffect(() => {
    const el = elRef.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    const onScroll = () => setScrollTop(el.scrollTop);
    measure();
    el.addEventListener("scroll", onScroll, { passive: true });
    const ro = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : null;
    ro?.observe(el);
    if (!ro) window.addEventListener("resize", measure);
    return () => {
      el.removeEventListener("scroll", onScroll);
      ro?.disconnect();
      if (!ro) window.removeEventListener("resize", measure);
    };
  }, []);

  /** Back to the first row (e.g. when the filter changes). */
  const scrollToTop = useCallback(() => {
    const el = elRef.current;
    if (el && el.scrollTop !== 0) el.scrollTop = 0;
    setScrollTop(0);
  }, []);

  return { ref: elRef, scrollToTop, ...computeWindow(count, rowHeight, viewport, scrollTop, overscan) };
}

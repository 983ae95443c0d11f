import { act, renderHook } from "@testing-library/react";
import type { AppError } from "../api";
import { appError } from "../test/fixtures";
import { retryDelaySecs, useRetryCountdown } from "./useRetryCountdown";

describe("the shared 429 countdown", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function mount(error: AppError | null) {
    const retry = vi.fn();
    const hook = renderHook(({ e }) => useRetryCountdown(e, retry), { initialProps: { e: error } });
    return { retry, hook };
  }

  it("counts down retryAfterSecs, then retries once by itself", () => {
    const { retry, hook } = mount(appError("rate_limited", { retryAfterSecs: 3 }));
    expect(hook.result.current).toBe(3);
    act(() => vi.advanceTimersByTime(1000));
    expect(hook.result.current).toBe(2);
    act(() => vi.advanceTimersByTime(1000));
    expect(hook.result.current).toBe(1);
    expect(retry).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1000));
    expect(retry).toHaveBeenCalledTimes(1);
    expect(hook.result.current).toBeNull();
    // The same error (e.g. kept while the retry runs) is not retried again.
    act(() => vi.advanceTimersByTime(10_000));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("starts again for a new rate-limited error", () => {
    const { retry, hook } = mount(appError("rate_limited", { retryAfterSecs: 1 }));
    act(() => vi.advanceTimersByTime(1000));
    expect(retry).toHaveBeenCalledTimes(1);
    hook.rerender({ e: appError("rate_limited", { retryAfterSecs: 2 }) });
    expect(hook.result.current).toBe(2);
    act(() => vi.advanceTimersByTime(2000));
    expect(retry).toHaveBeenCalledTimes(2);
  });

  it("does nothing for other errors, and stops when the error goes or the screen closes", () => {
    const { retry, hook } = mount(appError("network"));
    expect(hook.result.current).toBeNull();
    act(() => vi.advanceTimersByTime(10_000));
    expect(retry).not.toHaveBeenCalled();

    hook.rerender({ e: appError("rate_limited", { retryAfterSecs: 2 }) });
    hook.rerender({ e: null });
    expect(hook.result.current).toBeNull();
    act(() => vi.advanceTimersByTime(10_000));
    expect(retry).not.toHaveBeenCalled();

    hook.rerender({ e: appError("rate_limited", { retryAfterSecs: 2 }) });
    hook.unmount();
    act(() => vi.advanceTimersByTime(10_000));
    expect(retry).not.toHaveBeenCalled();
  });

  it("waits at least 1 s, and 5 s when Camunda named no time", () => {
    expect(retryDelaySecs(appError("rate_limited", { retryAfterSecs: 0.2 }))).toBe(1);
    expect(retryDelaySecs(appError("rate_limited", { retryAfterSecs: 2.5 }))).toBe(3);
    expect(retryDelaySecs(appError("rate_limited"))).toBe(5);
  });
});

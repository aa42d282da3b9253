import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SnapshotHandlers } from "../../src/data/inbox-data.js";
import { attachWithRetry } from "../../src/hooks/reattach.js";
import { backoffDelay, LISTENER_BACKOFF } from "../../src/logic/backoff.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a listener that attaches again after an error", () => {
  it("backs off 1 s, 2 s, 4 s … up to 30 s, and starts over after a server-confirmed answer", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffDelay(n, LISTENER_BACKOFF))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    const attached: SnapshotHandlers<number>[] = [];
    const unsubscribed: number[] = [];
    const seen: number[] = [];
    const errors: string[] = [];
    const stop = attachWithRetry<number>(
      (handlers) => {
        const n = attached.push(handlers);
        return () => unsubscribed.push(n);
      },
      { next: ({ items }) => seen.push(items), error: (e) => errors.push(e.code) },
    );
    const fail = () => attached.at(-1)?.error({ code: "unavailable", message: "down" });
    fail();
    expect(errors).toEqual(["unavailable"]);
    vi.advanceTimersByTime(999);
    expect(attached).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(attached).toHaveLength(2);
    fail();
    vi.advanceTimersByTime(2000);
    expect(attached).toHaveLength(3);
    // A stale handler from an earlier attachment is ignored.
    attached[0]?.next({ items: 1, fromCache: false });
    expect(seen).toEqual([]);
    attached[2]?.next({ items: 2, fromCache: false });
    expect(seen).toEqual([2]);
    fail();
    vi.advanceTimersByTime(1000);
    expect(attached).toHaveLength(4);
    stop();
    expect(unsubscribed).toContain(4);
    fail();
    vi.advanceTimersByTime(60_000);
    expect(attached).toHaveLength(4);
  });
});

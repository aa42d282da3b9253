import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot } from "../../src/data/inbox-data.js";
import { coalesceSnapshots } from "../../src/hooks/coalesce-snapshots.js";
import { SNAPSHOT_GAP_MS, snapshotDelay } from "../../src/logic/coalesce.js";

describe("snapshotDelay", () => {
  it("delivers the first snapshot and any after a quiet gap at once", () => {
    expect(snapshotDelay(null, 1_000)).toBe(0);
    expect(snapshotDelay(1_000, 1_000 + SNAPSHOT_GAP_MS)).toBe(0);
    expect(snapshotDelay(1_000, 60_000)).toBe(0);
  });

  it("holds one that follows within the gap until the gap is up", () => {
    expect(snapshotDelay(1_000, 1_000)).toBe(SNAPSHOT_GAP_MS);
    expect(snapshotDelay(1_000, 1_100)).toBe(SNAPSHOT_GAP_MS - 100);
  });
});

describe("coalesceSnapshots", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const snap = (items: number, fromCache = false): Snapshot<number> => ({ items, fromCache });
  const recorder = () => {
    const seen: Snapshot<number>[] = [];
    const errors: string[] = [];
    const handlers = coalesceSnapshots<number>({
      next: (s) => seen.push(s),
      error: (e) => errors.push(e.code),
    });
    return { seen, errors, handlers };
  };

  it("passes the first at once, then only the latest of a burst when the gap is up", () => {
    const { seen, handlers } = recorder();
    for (let n = 1; n <= 50; n++) handlers.next(snap(n));
    expect(seen.map((s) => s.items)).toEqual([1]);
    vi.advanceTimersByTime(SNAPSHOT_GAP_MS);
    expect(seen.map((s) => s.items)).toEqual([1, 50]);
    vi.advanceTimersByTime(10 * SNAPSHOT_GAP_MS);
    expect(seen).toHaveLength(2);
  });

  it("passes a change of fromCache at once, dropping what was held", () => {
    const { seen, handlers } = recorder();
    handlers.next(snap(1));
    handlers.next(snap(2));
    handlers.next(snap(3, true));
    expect(seen.map((s) => [s.items, s.fromCache])).toEqual([
      [1, false],
      [3, true],
    ]);
    vi.advanceTimersByTime(SNAPSHOT_GAP_MS);
    expect(seen).toHaveLength(2);
  });

  it("passes errors at once and forgets a held snapshot on error or cancel", () => {
    const { seen, errors, handlers } = recorder();
    handlers.next(snap(1));
    handlers.next(snap(2));
    handlers.error({ code: "unavailable", message: "gone" });
    expect(errors).toEqual(["unavailable"]);
    handlers.next(snap(3));
    handlers.cancel();
    vi.advanceTimersByTime(SNAPSHOT_GAP_MS);
    expect(seen.map((s) => s.items)).toEqual([1]);
  });
});

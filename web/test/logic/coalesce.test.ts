import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot } from "../../src/data/inbox-data.js";
import { coalesceSnapshots } from "../../src/hooks/coalesce-snapshots.js";
import {
  FLOOD_GAP_MS,
  FLOOD_SNAPSHOTS,
  FLOOD_WINDOW_MS,
  recentArrivals,
  snapshotDelay,
} from "../../src/logic/coalesce.js";

describe("recentArrivals", () => {
  it("keeps the arrivals inside the window and adds this one", () => {
    expect(recentArrivals([], 5_000)).toEqual([5_000]);
    expect(recentArrivals([3_900, 4_000, 4_500], 5_000)).toEqual([4_500, 5_000]);
    expect(recentArrivals([4_001], 5_000, FLOOD_WINDOW_MS)).toEqual([4_001, 5_000]);
  });
});

describe("snapshotDelay", () => {
  it("delivers at once while the window holds no more than a demo makes", () => {
    expect(snapshotDelay(1, null, 1_000)).toBe(0);
    expect(snapshotDelay(2, 1_000, 1_001)).toBe(0);
    expect(snapshotDelay(FLOOD_SNAPSHOTS, 1_000, 1_001)).toBe(0);
  });

  it("in a flood, holds one that follows a render within the gap until the gap is up", () => {
    const flood = FLOOD_SNAPSHOTS + 1;
    expect(snapshotDelay(flood, 1_000, 1_000)).toBe(FLOOD_GAP_MS);
    expect(snapshotDelay(flood, 1_000, 1_100)).toBe(FLOOD_GAP_MS - 100);
    expect(snapshotDelay(flood, 1_000, 1_000 + FLOOD_GAP_MS)).toBe(0);
    expect(snapshotDelay(flood, null, 1_000)).toBe(0);
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

  it("passes every snapshot of a demo's pace at once, two in the same instant included", () => {
    const { seen, handlers } = recorder();
    handlers.next(snap(1));
    handlers.next(snap(2));
    vi.advanceTimersByTime(300);
    handlers.next(snap(3));
    expect(seen.map((s) => s.items)).toEqual([1, 2, 3]);
  });

  it("in a flood, passes the latest once per gap, and at once again after a quiet window", () => {
    const { seen, handlers } = recorder();
    for (let n = 1; n <= 60; n++) handlers.next(snap(n));
    const immediate = seen.map((s) => s.items);
    expect(immediate).toEqual(Array.from({ length: FLOOD_SNAPSHOTS }, (_, i) => i + 1));
    vi.advanceTimersByTime(FLOOD_GAP_MS);
    expect(seen.at(-1)?.items).toBe(60);
    expect(seen).toHaveLength(FLOOD_SNAPSHOTS + 1);
    vi.advanceTimersByTime(10 * FLOOD_GAP_MS);
    expect(seen).toHaveLength(FLOOD_SNAPSHOTS + 1);
    handlers.next(snap(61));
    expect(seen.at(-1)?.items).toBe(61);
  });

  it("in a long flood, renders about once per gap and never holds the latest longer", () => {
    const at: number[] = [];
    const handlers = coalesceSnapshots<number>({
      next: () => at.push(Date.now()),
      error: () => {},
    });
    // 60 a second for three seconds.
    for (let n = 1; n <= 180; n++) {
      handlers.next(snap(n));
      vi.advanceTimersByTime(1000 / 60);
    }
    const gaps = at.slice(FLOOD_SNAPSHOTS).map((t, i) => t - (at[FLOOD_SNAPSHOTS - 1 + i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(FLOOD_GAP_MS);
    expect(at.length).toBeLessThan(FLOOD_SNAPSHOTS + 8);
  });

  it("passes a change of fromCache at once, dropping what was held", () => {
    const { seen, handlers } = recorder();
    for (let n = 1; n <= FLOOD_SNAPSHOTS + 2; n++) handlers.next(snap(n));
    handlers.next(snap(100, true));
    expect(seen.slice(-2).map((s) => [s.items, s.fromCache])).toEqual([
      [FLOOD_SNAPSHOTS, false],
      [100, true],
    ]);
    vi.advanceTimersByTime(FLOOD_GAP_MS);
    expect(seen).toHaveLength(FLOOD_SNAPSHOTS + 1);
  });

  it("passes errors at once and forgets a held snapshot on error or cancel", () => {
    const { seen, errors, handlers } = recorder();
    for (let n = 1; n <= FLOOD_SNAPSHOTS + 1; n++) handlers.next(snap(n));
    handlers.error({ code: "unavailable", message: "gone" });
    expect(errors).toEqual(["unavailable"]);
    handlers.next(snap(100));
    handlers.next(snap(101));
    handlers.cancel();
    vi.advanceTimersByTime(FLOOD_GAP_MS);
    expect(seen.at(-1)?.items).toBe(FLOOD_SNAPSHOTS);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot } from "../../src/data/inbox-data.js";
import { coalesceSnapshots } from "../../src/hooks/coalesce-snapshots.js";
import {
  FLOOD_GAP_MS,
  FLOOD_SNAPSHOTS,
  recentArrivals,
  STREAM_GAP_MS,
  STREAM_SNAPSHOTS,
  snapshotDue,
  WINDOW_MS,
} from "../../src/logic/coalesce.js";

describe("recentArrivals", () => {
  it("keeps the arrivals inside the window and adds this one", () => {
    expect(recentArrivals([], 5_000)).toEqual([5_000]);
    expect(recentArrivals([3_900, 4_000, 4_500], 5_000)).toEqual([4_500, 5_000]);
    expect(recentArrivals([4_001], 5_000, WINDOW_MS)).toEqual([4_001, 5_000]);
  });
});

describe("snapshotDue", () => {
  it("delivers at once while the window holds no more than a demo makes", () => {
    expect(snapshotDue(1, 1_000)).toBeUndefined();
    expect(snapshotDue(STREAM_SNAPSHOTS, 1_001)).toBeUndefined();
  });

  it("in a stream, holds a snapshot for the next of three slots a second, the tick's among them", () => {
    const stream = STREAM_SNAPSHOTS + 1;
    expect(snapshotDue(stream, 1_100)).toBe(1_338);
    expect(snapshotDue(FLOOD_SNAPSHOTS, 1_400)).toBe(1_672);
    expect(snapshotDue(stream, 1_700)).toBe(2_005);
    expect(snapshotDue(stream, 2_005)).toBe(2_005);
  });

  it("in a flood, holds a snapshot for the next of two slots a second", () => {
    const flood = FLOOD_SNAPSHOTS + 1;
    expect(snapshotDue(flood, 1_006)).toBe(1_505);
    expect(snapshotDue(flood, 1_506)).toBe(2_005);
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

  it("in a burst, passes the first few at once and the latest after the gap, then at once again after a quiet window", () => {
    const { seen, handlers } = recorder();
    for (let n = 1; n <= 60; n++) handlers.next(snap(n));
    const immediate = seen.map((s) => s.items);
    expect(immediate).toEqual(Array.from({ length: STREAM_SNAPSHOTS }, (_, i) => i + 1));
    vi.advanceTimersByTime(STREAM_GAP_MS);
    expect(seen.at(-1)?.items).toBe(60);
    expect(seen).toHaveLength(STREAM_SNAPSHOTS + 1);
    vi.advanceTimersByTime(10 * FLOOD_GAP_MS);
    expect(seen).toHaveLength(STREAM_SNAPSHOTS + 1);
    handlers.next(snap(61));
    expect(seen.at(-1)?.items).toBe(61);
  });

  /** Feeds `perSecond` snapshots a second for `seconds`; returns when each render happened and what it showed. */
  const feed = (perSecond: number, seconds: number) => {
    const renders: Array<{ at: number; items: number }> = [];
    const sentAt: number[] = [];
    const handlers = coalesceSnapshots<number>({
      next: (s) => renders.push({ at: Date.now(), items: s.items }),
      error: () => {},
    });
    for (let n = 1; n <= perSecond * seconds; n++) {
      sentAt[n] = Date.now();
      handlers.next(snap(n));
      vi.advanceTimersByTime(1000 / perSecond);
    }
    vi.advanceTimersByTime(FLOOD_GAP_MS);
    // How long each snapshot waited until a render showed it or a later one.
    const waits = sentAt.slice(1).map((at, i) => {
      const shown = renders.find((render) => render.items >= i + 1);
      return (shown?.at ?? Number.POSITIVE_INFINITY) - at;
    });
    return { renders, waits };
  };

  it("in a steady stream of six a second, renders three times a second and shows each within the stream's gap", () => {
    const { renders, waits } = feed(6, 5);
    expect(renders.length).toBeGreaterThanOrEqual(15);
    expect(renders.length).toBeLessThanOrEqual(19);
    expect(Math.max(...waits)).toBeLessThanOrEqual(STREAM_GAP_MS);
    expect(renders.at(-1)?.items).toBe(30);
  });

  it("in a stream, renders only on its slots, one a second on the tick's", () => {
    const { renders } = feed(6, 5);
    const slotOffsets = renders.map((render) => render.at % 1000);
    expect(new Set(slotOffsets.slice(STREAM_SNAPSHOTS))).toEqual(new Set([5, 338, 672]));
  });

  it("at a person's pace (two a second) renders every snapshot at once", () => {
    const { renders, waits } = feed(2, 5);
    expect(renders).toHaveLength(10);
    expect(Math.max(...waits)).toBe(0);
  });

  it("in a long flood, renders about twice a second and never holds the latest longer than the flood's gap", () => {
    const { renders, waits } = feed(60, 3);
    expect(Math.max(...waits)).toBeLessThanOrEqual(FLOOD_GAP_MS);
    expect(renders.length).toBeLessThan(STREAM_SNAPSHOTS + 10);
    expect(renders.at(-1)?.items).toBe(180);
  });

  it("passes a change of fromCache at once, dropping what was held", () => {
    const { seen, handlers } = recorder();
    for (let n = 1; n <= STREAM_SNAPSHOTS + 2; n++) handlers.next(snap(n));
    handlers.next(snap(100, true));
    expect(seen.slice(-2).map((s) => [s.items, s.fromCache])).toEqual([
      [STREAM_SNAPSHOTS, false],
      [100, true],
    ]);
    vi.advanceTimersByTime(FLOOD_GAP_MS);
    expect(seen).toHaveLength(STREAM_SNAPSHOTS + 1);
  });

  it("passes errors at once and forgets a held snapshot on error or cancel", () => {
    const { seen, errors, handlers } = recorder();
    for (let n = 1; n <= STREAM_SNAPSHOTS + 1; n++) handlers.next(snap(n));
    handlers.error({ code: "unavailable", message: "gone" });
    expect(errors).toEqual(["unavailable"]);
    handlers.next(snap(100));
    handlers.next(snap(101));
    handlers.cancel();
    vi.advanceTimersByTime(FLOOD_GAP_MS);
    expect(seen.at(-1)?.items).toBe(STREAM_SNAPSHOTS);
  });
});

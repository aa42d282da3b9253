import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { wakeAt } from "../../src/hooks/wake-scheduler.js";

describe("wakeAt", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs wakes due at the same instant in one task, with one timer", () => {
    const seen: string[] = [];
    wakeAt(2_005, () => seen.push("tick"));
    wakeAt(2_005, () => seen.push("expiry"));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_004);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(["tick", "expiry"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("runs each wake once, in the order of their instants, and cancels one that has not run", () => {
    const seen: number[] = [];
    wakeAt(1_300, () => seen.push(300));
    const cancel = wakeAt(1_200, () => seen.push(200));
    wakeAt(1_100, () => seen.push(100));
    cancel();
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual([100, 300]);
  });

  it("arms an earlier timer for a wake due before the pending one, and stops when none is left", () => {
    const seen: number[] = [];
    const late = wakeAt(5_000, () => seen.push(5_000));
    wakeAt(1_050, () => seen.push(1_050));
    vi.advanceTimersByTime(50);
    expect(seen).toEqual([1_050]);
    late();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("runs a wake added by a wake at its own instant, and the others when one throws", () => {
    const seen: string[] = [];
    wakeAt(1_100, () => {
      wakeAt(1_600, () => seen.push("next"));
      throw new Error("broken subscriber");
    });
    wakeAt(1_100, () => seen.push("other"));
    expect(() => vi.advanceTimersByTime(100)).toThrow("broken subscriber");
    expect(seen).toEqual(["other"]);
    vi.advanceTimersByTime(500);
    expect(seen).toEqual(["other", "next"]);
  });
});

import { describe, expect, it } from "vitest";
import { formatAge, formatCountdown } from "../../src/logic/format.js";
import {
  ageOf,
  firstSightings,
  isExpired,
  lifeLeft,
  liveCodes,
  nextDeadline,
  nextExpiry,
  QUERY_SLACK_MS,
  queryWindowStart,
  settleFutureStamp,
  timeLeft,
} from "../../src/logic/time-window.js";
import { makeCode, RETENTION_MS, T0 } from "../support/codes.js";

describe("the retention window", () => {
  it("queries back one retention period plus slack for clock differences", () => {
    expect(queryWindowStart(T0, RETENTION_MS)).toBe(T0 - RETENTION_MS - QUERY_SLACK_MS);
  });

  it("keeps a code until its expireAt and drops it from that instant", () => {
    const code = makeCode({ receivedAt: T0 });
    expect(isExpired(code, T0 + RETENTION_MS - 1)).toBe(false);
    expect(isExpired(code, T0 + RETENTION_MS)).toBe(true);
  });

  it("moves with the clock: the same snapshot loses codes as time passes", () => {
    const old = makeCode({ receivedAt: T0 - 9 * 60_000 });
    const recent = makeCode({ receivedAt: T0 - 60_000 });
    const snapshot = [old, recent];
    expect(liveCodes(snapshot, T0).map((c) => c.id)).toEqual([recent.id, old.id]);
    expect(liveCodes(snapshot, T0 + 60_000).map((c) => c.id)).toEqual([recent.id]);
    expect(liveCodes(snapshot, T0 + 9 * 60_000)).toEqual([]);
  });

  it("uses each document's own expireAt, whatever the page's retention", () => {
    const short = makeCode({ receivedAt: T0, expireAt: T0 + 30_000 });
    expect(liveCodes([short], T0 + 29_000)).toHaveLength(1);
    expect(liveCodes([short], T0 + 30_000)).toHaveLength(0);
  });

  it("sorts newest first with a stable order for equal times", () => {
    const a = makeCode({ id: "a", receivedAt: T0 });
    const b = makeCode({ id: "b", receivedAt: T0 });
    const c = makeCode({ id: "c", receivedAt: T0 + 1 });
    expect(liveCodes([a, b, c], T0).map((x) => x.id)).toEqual(["c", "b", "a"]);
    expect(liveCodes([b, c, a], T0).map((x) => x.id)).toEqual(["c", "b", "a"]);
  });

  it("reports the fraction of life left, clamped to 0..1", () => {
    const code = makeCode({ receivedAt: T0 });
    expect(lifeLeft(code, T0)).toBe(1);
    expect(lifeLeft(code, T0 + RETENTION_MS / 4)).toBeCloseTo(0.75);
    expect(lifeLeft(code, T0 + 2 * RETENTION_MS)).toBe(0);
    expect(lifeLeft(code, T0 - 5000)).toBe(1);
  });
});

describe("a code stamped in the future (a writer's clock running ahead)", () => {
  const HOUR = 3600_000;
  const skewed = () => makeCode({ id: "skewed", receivedAt: T0 + HOUR });

  it("reads just now with its full lifetime left, not an hour and ten minutes", () => {
    const shown = settleFutureStamp(skewed(), T0);
    expect(formatAge(T0 - shown.receivedAt)).toBe("just now");
    expect(formatCountdown(shown.expireAt - T0)).toBe("10:00 left");
    expect(lifeLeft(shown, T0)).toBe(1);
  });

  it("never reads more than its lifetime left, nor a negative age, a tick before first sight", () => {
    const shown = settleFutureStamp(skewed(), T0);
    const tickBefore = T0 - 800;
    expect(timeLeft(shown, tickBefore)).toBe(RETENTION_MS);
    expect(formatCountdown(timeLeft(shown, tickBefore))).toBe("10:00 left");
    expect(ageOf(shown, tickBefore)).toBe(0);
    expect(timeLeft(shown, T0 + 60_000)).toBe(RETENTION_MS - 60_000);
    expect(ageOf(shown, T0 + 60_000)).toBe(60_000);
  });

  it("sorts where it arrived, so a code that comes later goes above it", () => {
    const first = settleFutureStamp(skewed(), T0);
    const later = makeCode({ id: "later", receivedAt: T0 + 30_000 });
    expect(liveCodes([first, later], T0 + 31_000).map((c) => c.id)).toEqual(["later", "skewed"]);
  });

  it("leaves one lifetime after it was first seen, before its own expireAt", () => {
    const code = skewed();
    const shown = settleFutureStamp(code, T0);
    expect(isExpired(shown, T0 + RETENTION_MS - 1)).toBe(false);
    expect(isExpired(shown, T0 + RETENTION_MS)).toBe(true);
    expect(shown.expireAt).toBeLessThan(code.expireAt);
  });

  it("leaves codes stamped at, before or seconds after first sight as they are", () => {
    const onTime = makeCode({ receivedAt: T0 - 2_000 });
    expect(settleFutureStamp(onTime, T0)).toBe(onTime);
    const exact = makeCode({ receivedAt: T0 });
    expect(settleFutureStamp(exact, T0)).toBe(exact);
    // A lagging listener makes fresh codes look seconds ahead of the page's
    // clock estimate: they keep their stamps, and so their order.
    const lagged = makeCode({ receivedAt: T0 + 8_000 });
    expect(settleFutureStamp(lagged, T0)).toBe(lagged);
    expect(ageOf(lagged, T0)).toBe(0);
    expect(timeLeft(lagged, T0)).toBe(RETENTION_MS);
  });

  it("remembers when each code was first seen across snapshots and forgets codes that left", () => {
    const a = makeCode({ id: "a" });
    const b = makeCode({ id: "b" });
    const once = firstSightings(new Map(), [a], T0);
    const twice = firstSightings(once, [a, b], T0 + 5_000);
    expect([...twice]).toEqual([
      ["a", T0],
      ["b", T0 + 5_000],
    ]);
    expect([...firstSightings(twice, [b], T0 + 9_000)]).toEqual([["b", T0 + 5_000]]);
  });
});

describe("when the page next has to look at the clock", () => {
  it("is the earliest deadline still ahead", () => {
    expect(nextDeadline([5_000, 3_000, 9_000], 2_000)).toBe(3_000);
    expect(nextDeadline([5_000, 3_000, 9_000], 3_000)).toBe(5_000);
    expect(nextDeadline([1_000], 2_000)).toBeUndefined();
    expect(nextDeadline([], 2_000)).toBeUndefined();
  });

  it("is the next live code's expiry, whatever the snapshot's order", () => {
    const codes = [
      makeCode({ receivedAt: T0, expireAt: T0 + 60_000 }),
      makeCode({ receivedAt: T0 - 9 * 60_000, expireAt: T0 + 30_000 }),
      makeCode({ receivedAt: T0 - 11 * 60_000, expireAt: T0 - 60_000 }),
    ];
    expect(nextExpiry(codes, T0)).toBe(T0 + 30_000);
    expect(nextExpiry(codes, T0 + 30_000)).toBe(T0 + 60_000);
    expect(nextExpiry(codes, T0 + 60_000)).toBeUndefined();
  });
});

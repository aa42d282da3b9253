import { describe, expect, it } from "vitest";
import {
  isExpired,
  lifeLeft,
  liveCodes,
  QUERY_SLACK_MS,
  queryWindowStart,
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

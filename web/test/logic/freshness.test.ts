import { describe, expect, it } from "vitest";
import {
  afterCheck,
  afterFailedCheck,
  afterSnapshot,
  afterTime,
  CATCH_UP_GRACE_MS,
  type ListenerView,
  nextFreshnessChange,
  PROOF_MAX_AGE_MS,
} from "../../src/logic/freshness.js";

const view = (ids: string[], newestAt: number | null): ListenerView => ({
  ids: new Set(ids),
  newestAt,
});

describe("freshness: what a server read proves", () => {
  it("proves the list current when the server's newest code is on it, or nothing exists", () => {
    expect(afterCheck({ id: "a", receivedAt: 10 }, view(["a", "b"], 10), 100)).toEqual({
      kind: "proven",
      at: 100,
    });
    expect(afterCheck(null, view([], null), 100).kind).toBe("proven");
    // The listener already holds something newer than the read saw.
    expect(afterCheck({ id: "gone", receivedAt: 10 }, view(["c"], 20), 100).kind).toBe("proven");
  });

  it("gives a listener that lacks the server's newest code a grace, then calls it behind", () => {
    const lagging = afterCheck({ id: "new", receivedAt: 50 }, view(["old"], 10), 100);
    expect(lagging).toEqual({ kind: "catching-up", id: "new", receivedAt: 50, since: 100 });
    expect(nextFreshnessChange(lagging)).toBe(100 + CATCH_UP_GRACE_MS);
    // It arrives in time: proven.
    expect(afterSnapshot(lagging, view(["new", "old"], 50), 200)).toEqual({
      kind: "proven",
      at: 200,
    });
    // It does not: behind, since the read.
    expect(afterTime(lagging, 100 + CATCH_UP_GRACE_MS - 1)).toBe(lagging);
    expect(afterTime(lagging, 100 + CATCH_UP_GRACE_MS)).toEqual({ kind: "behind", since: 100 });
  });

  it("lets proof age out when no read renews it (a hidden tab, a read that hangs)", () => {
    const proven = { kind: "proven", at: 1000 } as const;
    expect(afterTime(proven, 1000 + PROOF_MAX_AGE_MS)).toBe(proven);
    expect(afterTime(proven, 1001 + PROOF_MAX_AGE_MS)).toEqual({ kind: "unknown" });
  });

  it("keeps the start of a run of failed reads", () => {
    const first = afterFailedCheck({ kind: "proven", at: 0 }, 100);
    expect(first).toEqual({ kind: "unanswered", since: 100 });
    expect(afterFailedCheck(first, 900)).toBe(first);
  });
});

import { describe, expect, it } from "vitest";
import {
  type ConnectionInputs,
  deriveConnection,
  IDLE_LISTENER,
  isStale,
  type ListenerStatus,
  type LiveRun,
  NO_LIVE_RUN,
  nextLiveRun,
  onErrorStatus,
  onSnapshotStatus,
  restartingStatus,
  WAITING_LISTENER,
} from "../../src/logic/connection.js";
import type { Freshness } from "../../src/logic/freshness.js";

const snap = (prev: ListenerStatus, fromCache: boolean, at = 1000) =>
  onSnapshotStatus(prev, fromCache, at);
const liveListener = snap(WAITING_LISTENER, false);
const PROVEN: Freshness = { kind: "proven", at: 1000 };

const state = (listeners: ListenerStatus[], overrides: Partial<ConnectionInputs> = {}) =>
  deriveConnection({
    online: true,
    reachable: true,
    listeners,
    freshness: PROVEN,
    sdkDead: false,
    ...overrides,
  });

describe("connection state", () => {
  it("is idle when nothing listens", () => {
    expect(state([IDLE_LISTENER, IDLE_LISTENER])).toEqual({ kind: "idle" });
    expect(state([])).toEqual({ kind: "idle" });
  });

  it("is connecting until the server has answered every listener", () => {
    expect(state([WAITING_LISTENER, WAITING_LISTENER]).kind).toBe("connecting");
    const cachedFirst = snap(WAITING_LISTENER, true);
    expect(state([cachedFirst, liveListener]).kind).toBe("connecting");
  });

  it("is live only when every listener is confirmed by the server and a server read proves it", () => {
    expect(state([liveListener, liveListener])).toEqual({ kind: "live" });
    expect(state([liveListener, liveListener], { freshness: { kind: "unknown" } }).kind).toBe(
      "checking",
    );
    expect(
      state([liveListener, liveListener], {
        freshness: { kind: "catching-up", id: "x", receivedAt: 1, since: 1 },
      }).kind,
    ).toBe("checking");
  });

  it("says reconnecting, not live, when in sync but behind or unanswered by the server", () => {
    for (const freshness of [
      { kind: "behind", since: 1 },
      { kind: "unanswered", since: 1 },
    ] as const) {
      expect(state([liveListener, liveListener], { freshness })).toEqual({
        kind: "reconnecting",
        lastSyncedAt: 1000,
        reason: "behind",
      });
    }
  });

  it("says reconnecting when confirmed data falls back to the cache, with the last sync time", () => {
    const lost = snap(snap(WAITING_LISTENER, false, 5000), true, 9000);
    expect(lost.lastSyncedAt).toBe(5000);
    expect(state([lost, liveListener])).toEqual({
      kind: "reconnecting",
      lastSyncedAt: 1000,
      reason: "network",
    });
    const back = snap(lost, false, 12_000);
    expect(state([back, liveListener]).kind).toBe("live");
  });

  it("says reconnecting, not connecting, while listeners attached again wait for the server", () => {
    const restarted = restartingStatus(liveListener);
    expect(restarted.everSynced).toBe(true);
    expect(state([restarted, liveListener]).kind).toBe("reconnecting");
  });

  it("says reconnecting when the Firestore host stops answering, before the SDK notices", () => {
    expect(state([liveListener, liveListener], { reachable: false })).toEqual({
      kind: "reconnecting",
      lastSyncedAt: 1000,
      reason: "network",
    });
    expect(state([WAITING_LISTENER, liveListener], { reachable: false }).kind).toBe("connecting");
  });

  it("never says live with a failed SDK, whatever its listeners last said", () => {
    expect(state([liveListener, liveListener], { sdkDead: true })).toEqual({
      kind: "reconnecting",
      lastSyncedAt: 1000,
      reason: "sdk",
    });
  });

  it("says offline whenever the browser says so, even if the SDK has not noticed", () => {
    expect(state([liveListener, liveListener], { online: false })).toEqual({
      kind: "offline",
      lastSyncedAt: 1000,
    });
  });

  it("reports a refusal as not allowed and other errors as failed", () => {
    const denied = onErrorStatus(liveListener, { code: "permission-denied", message: "no" });
    expect(state([denied, liveListener])).toEqual({ kind: "not-allowed" });
    const broken = onErrorStatus(liveListener, { code: "failed-precondition", message: "index" });
    expect(state([liveListener, broken]).kind).toBe("failed");
  });

  it("marks the list stale unless live, checking or connecting", () => {
    expect(isStale({ kind: "live" })).toBe(false);
    expect(isStale({ kind: "checking" })).toBe(false);
    expect(isStale({ kind: "connecting" })).toBe(false);
    expect(isStale({ kind: "reconnecting", lastSyncedAt: null, reason: "behind" })).toBe(true);
    expect(isStale({ kind: "offline", lastSyncedAt: null })).toBe(true);
  });
});

describe("runs of Live", () => {
  const runs = (kinds: Parameters<typeof nextLiveRun>[1][]): LiveRun[] => {
    const seen: LiveRun[] = [];
    let run = NO_LIVE_RUN;
    for (const kind of kinds) {
      run = nextLiveRun(run, kind);
      seen.push(run);
    }
    return seen;
  };

  it("starts one when the page first turns live, not while it only checks", () => {
    expect(runs(["connecting", "checking", "live"]).map((r) => r.count)).toEqual([0, 0, 1]);
  });

  it("keeps the run through freshness checks, as under a stream of codes", () => {
    const seen = runs(["live", "checking", "live", "checking", "live"]);
    expect(seen.map((r) => [r.count, r.inRun])).toEqual([
      [1, true],
      [1, true],
      [1, true],
      [1, true],
      [1, true],
    ]);
  });

  it("starts a new one after the page was out of sync", () => {
    for (const lost of ["reconnecting", "offline", "failed", "connecting"] as const) {
      const seen = runs(["live", lost, "checking", "live"]);
      expect(seen.map((r) => [r.count, r.inRun])).toEqual([
        [1, true],
        [1, false],
        [1, false],
        [2, true],
      ]);
    }
  });
});

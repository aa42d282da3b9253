import { describe, expect, it } from "vitest";
import {
  deriveConnection,
  IDLE_LISTENER,
  isStale,
  type ListenerStatus,
  onErrorStatus,
  onSnapshotStatus,
  WAITING_LISTENER,
} from "../../src/logic/connection.js";

const snap = (prev: ListenerStatus, fromCache: boolean, at = 1000) =>
  onSnapshotStatus(prev, fromCache, at);
const liveListener = snap(WAITING_LISTENER, false);

describe("connection state", () => {
  it("is idle when nothing listens", () => {
    expect(deriveConnection(true, true, [IDLE_LISTENER, IDLE_LISTENER])).toEqual({ kind: "idle" });
    expect(deriveConnection(true, true, [])).toEqual({ kind: "idle" });
  });

  it("is connecting until the server has answered every listener", () => {
    expect(deriveConnection(true, true, [WAITING_LISTENER, WAITING_LISTENER]).kind).toBe(
      "connecting",
    );
    const cachedFirst = snap(WAITING_LISTENER, true);
    expect(deriveConnection(true, true, [cachedFirst, liveListener]).kind).toBe("connecting");
  });

  it("is live only when every listener is confirmed by the server", () => {
    expect(deriveConnection(true, true, [liveListener, liveListener])).toEqual({ kind: "live" });
  });

  it("says reconnecting when confirmed data falls back to the cache, with the last sync time", () => {
    const lost = snap(snap(WAITING_LISTENER, false, 5000), true, 9000);
    expect(lost.lastSyncedAt).toBe(5000);
    expect(deriveConnection(true, true, [lost, liveListener])).toEqual({
      kind: "reconnecting",
      lastSyncedAt: 1000,
    });
    const back = snap(lost, false, 12_000);
    expect(deriveConnection(true, true, [back, liveListener]).kind).toBe("live");
  });

  it("says reconnecting when the Firestore host stops answering, before the SDK notices", () => {
    expect(deriveConnection(true, false, [liveListener, liveListener])).toEqual({
      kind: "reconnecting",
      lastSyncedAt: 1000,
    });
    expect(deriveConnection(true, false, [WAITING_LISTENER, liveListener]).kind).toBe("connecting");
  });

  it("says offline whenever the browser says so, even if the SDK has not noticed", () => {
    expect(deriveConnection(false, true, [liveListener, liveListener])).toEqual({
      kind: "offline",
      lastSyncedAt: 1000,
    });
  });

  it("reports a refusal as not allowed and other errors as failed", () => {
    const denied = onErrorStatus(liveListener, { code: "permission-denied", message: "no" });
    expect(deriveConnection(true, true, [denied, liveListener])).toEqual({ kind: "not-allowed" });
    const broken = onErrorStatus(liveListener, { code: "failed-precondition", message: "index" });
    expect(deriveConnection(false, true, [liveListener, broken]).kind).toBe("failed");
  });

  it("marks the list stale unless live or connecting", () => {
    expect(isStale({ kind: "live" })).toBe(false);
    expect(isStale({ kind: "connecting" })).toBe(false);
    expect(isStale({ kind: "reconnecting", lastSyncedAt: null })).toBe(true);
    expect(isStale({ kind: "offline", lastSyncedAt: null })).toBe(true);
  });
});

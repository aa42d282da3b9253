// What the connection indicator says. Honest means: "live" only while both
// listeners hold data confirmed by the server and a server read proves that
// nothing newer exists (logic/freshness.ts); anything else says what it is.
// Firestore marks snapshots `fromCache` when it cannot confirm them with the
// backend (it flips there after a failed reconnect or ~10 s without one).
import { type Freshness, isDoubtful } from "./freshness.js";
import type { DataError } from "./types.js";

export interface ListenerStatus {
  /** idle: not listening; waiting: no snapshot yet; error: the listener stopped. */
  phase: "idle" | "waiting" | "snapshot" | "error";
  fromCache: boolean;
  /** Whether any snapshot since subscribing was confirmed by the server. */
  everSynced: boolean;
  /** Browser time of the last server-confirmed snapshot. */
  lastSyncedAt: number | null;
  error: DataError | null;
}

export const IDLE_LISTENER: ListenerStatus = {
  phase: "idle",
  fromCache: true,
  everSynced: false,
  lastSyncedAt: null,
  error: null,
};

export const WAITING_LISTENER: ListenerStatus = { ...IDLE_LISTENER, phase: "waiting" };

/**
 * A listener attached again (a heal, a retry, a new Firestore instance):
 * waiting for its first answer, but still known to have been in sync, and
 * when, so the page says "Reconnecting…" and not "Connecting…".
 */
export function restartingStatus(previous: ListenerStatus): ListenerStatus {
  return { ...previous, phase: "waiting", fromCache: true, error: null };
}

export function onSnapshotStatus(
  previous: ListenerStatus,
  fromCache: boolean,
  nowMs: number,
): ListenerStatus {
  return {
    phase: "snapshot",
    fromCache,
    everSynced: previous.everSynced || !fromCache,
    lastSyncedAt: fromCache ? previous.lastSyncedAt : nowMs,
    error: null,
  };
}

export function onErrorStatus(previous: ListenerStatus, error: DataError): ListenerStatus {
  return { ...previous, phase: "error", error };
}

/** Why the page is reconnecting: the network, a server read it is behind, or a failed SDK. */
export type StaleReason = "network" | "behind" | "sdk";

export type ConnectionState =
  | { kind: "idle" }
  | { kind: "connecting" }
  | { kind: "live" }
  /** In sync, but not yet proven current (a server read is on its way). */
  | { kind: "checking" }
  | { kind: "reconnecting"; lastSyncedAt: number | null; reason: StaleReason }
  | { kind: "offline"; lastSyncedAt: number | null }
  | { kind: "not-allowed" }
  | { kind: "failed"; error: DataError };

export interface ConnectionInputs {
  /** The browser's network flag. */
  online: boolean;
  /** Whether the Firestore host answers probes. */
  reachable: boolean;
  listeners: readonly ListenerStatus[];
  /** What the server reads prove (logic/freshness.ts). */
  freshness: Freshness;
  /** The SDK's queue failed: nothing it says can be trusted until it is replaced. */
  sdkDead: boolean;
}

/** "Live" only while the listeners are in sync, the host answers and a server read proves it. */
export function deriveConnection({
  online,
  reachable,
  listeners,
  freshness,
  sdkDead,
}: ConnectionInputs): ConnectionState {
  if (listeners.length === 0 || listeners.every((l) => l.phase === "idle")) return { kind: "idle" };
  const failed = listeners.find((l) => l.phase === "error" && l.error);
  if (failed?.error?.code === "permission-denied") return { kind: "not-allowed" };
  const synced = listeners.map((l) => l.lastSyncedAt).filter((t): t is number => t !== null);
  const lastSyncedAt = synced.length > 0 ? Math.min(...synced) : null;
  if (!online) return { kind: "offline", lastSyncedAt };
  if (sdkDead) return { kind: "reconnecting", lastSyncedAt, reason: "sdk" };
  if (failed?.error) return { kind: "failed", error: failed.error };
  const confirmed = listeners.every((l) => l.phase === "snapshot" && !l.fromCache);
  if (confirmed && reachable) {
    if (freshness.kind === "proven") return { kind: "live" };
    if (isDoubtful(freshness)) return { kind: "reconnecting", lastSyncedAt, reason: "behind" };
    return { kind: "checking" };
  }
  if (listeners.some((l) => !l.everSynced)) return { kind: "connecting" };
  // Synced before, and now either the SDK or the probe says the server is out of reach.
  return { kind: "reconnecting", lastSyncedAt, reason: "network" };
}

/** Whether what is on screen may be out of date (the list is greyed and a notice says so). */
export const isStale = (state: ConnectionState): boolean =>
  state.kind === "reconnecting" || state.kind === "offline" || state.kind === "failed";

/**
 * Which run of "Live" the page is in. A run starts when the page turns live
 * from anything but a freshness check: under a stream of codes each check
 * finds one still on its way and says "Checking…" for a moment, and the live
 * pulse restarting on every check kept Chromium drawing 60 frames a second.
 */
export interface LiveRun {
  /** Runs so far: the pulse plays once at the start of each. */
  count: number;
  /** Live, or checking since it was. */
  inRun: boolean;
}

export const NO_LIVE_RUN: LiveRun = { count: 0, inRun: false };

export function nextLiveRun(previous: LiveRun, kind: ConnectionState["kind"]): LiveRun {
  if (kind === "checking") return previous;
  if (kind === "live")
    return previous.inRun ? previous : { count: previous.count + 1, inRun: true };
  return previous.inRun ? { count: previous.count, inRun: false } : previous;
}

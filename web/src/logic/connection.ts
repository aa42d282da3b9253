// What the connection indicator says. Honest means: "live" only while both
// listeners hold data confirmed by the server; anything else says what it is.
// Firestore marks snapshots `fromCache` when it cannot confirm them with the
// backend (it flips there after a failed reconnect or ~10 s without one).
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

export type ConnectionState =
  | { kind: "idle" }
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "reconnecting"; lastSyncedAt: number | null }
  | { kind: "offline"; lastSyncedAt: number | null }
  | { kind: "not-allowed" }
  | { kind: "failed"; error: DataError };

/**
 * @param online the browser's network flag.
 * @param reachable whether the Firestore host answers probes.
 */
export function deriveConnection(
  online: boolean,
  reachable: boolean,
  listeners: readonly ListenerStatus[],
): ConnectionState {
  if (listeners.length === 0 || listeners.every((l) => l.phase === "idle")) return { kind: "idle" };
  const failed = listeners.find((l) => l.phase === "error" && l.error);
  if (failed?.error) {
    return failed.error.code === "permission-denied"
      ? { kind: "not-allowed" }
      : { kind: "failed", error: failed.error };
  }
  const synced = listeners.map((l) => l.lastSyncedAt).filter((t): t is number => t !== null);
  const lastSyncedAt = synced.length > 0 ? Math.min(...synced) : null;
  if (!online) return { kind: "offline", lastSyncedAt };
  const confirmed = listeners.every((l) => l.phase === "snapshot" && !l.fromCache);
  if (confirmed && reachable) return { kind: "live" };
  if (listeners.some((l) => !l.everSynced)) return { kind: "connecting" };
  // Synced before, and now either the SDK or the probe says the server is out of reach.
  return { kind: "reconnecting", lastSyncedAt };
}

/** Whether what is on screen can be trusted as current. */
export const isStale = (state: ConnectionState): boolean =>
  state.kind === "reconnecting" || state.kind === "offline" || state.kind === "failed";

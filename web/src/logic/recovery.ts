// The quiet note after the page healed: how long the list was out of date.
// Only time spent visibly stale counts (Reconnecting…, Offline, Interrupted),
// not a hidden tab's unchecked minutes, and blips shorter than
// NOTE_AFTER_STALE_MS say nothing.
import { type ConnectionState, isStale } from "./connection.js";

export const NOTE_AFTER_STALE_MS = 2000;
/** The note leaves by itself after this. */
export const NOTE_SHOWN_MS = 30_000;

export type RecoveryNote =
  | { kind: "caught-up"; at: number; behindMs: number }
  | { kind: "reloaded"; at: number; reason: string };

/** When the page last turned stale, while it still is (or not yet proven current again). */
export type StaleSince = number | null;

export function trackRecovery(
  staleSince: StaleSince,
  state: ConnectionState | null,
  now: number,
): { staleSince: StaleSince; note: RecoveryNote | null } {
  if (state === null || state.kind === "idle" || state.kind === "not-allowed") {
    return { staleSince: null, note: null };
  }
  if (isStale(state)) return { staleSince: staleSince ?? now, note: null };
  if (state.kind !== "live" || staleSince === null) return { staleSince, note: null };
  const behindMs = now - staleSince;
  return {
    staleSince: null,
    note: behindMs >= NOTE_AFTER_STALE_MS ? { kind: "caught-up", at: now, behindMs } : null,
  };
}

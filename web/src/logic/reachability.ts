// Is Firestore reachable at all? The SDK's WebChannel retries a broken
// stream for up to ~30 s before Firestore reports anything, and all that time
// the list would claim to be live. A tiny probe of the Firestore host every
// few seconds notices within seconds; two failures in a row (the second one a
// quick re-check) count as unreachable, one success as reachable again.

export const PROBE_INTERVAL_MS = 5000;
export const PROBE_RECHECK_MS = 1000;
/** While unreachable, look more often so the page is live again soon after the host is back. */
export const PROBE_RECOVERY_MS = 2000;
export const PROBE_TIMEOUT_MS = 3000;
const FAILURES_BEFORE_UNREACHABLE = 2;

export interface Reachability {
  reachable: boolean;
  consecutiveFailures: number;
}

export const REACHABLE: Reachability = { reachable: true, consecutiveFailures: 0 };

export function afterProbe(state: Reachability, ok: boolean): Reachability {
  if (ok) return REACHABLE;
  const consecutiveFailures = state.consecutiveFailures + 1;
  return {
    reachable: state.reachable && consecutiveFailures < FAILURES_BEFORE_UNREACHABLE,
    consecutiveFailures,
  };
}

/** A first failure is re-checked quickly, an outage watched closely, otherwise the normal pace. */
export function nextProbeDelay(state: Reachability): number {
  if (!state.reachable) return PROBE_RECOVERY_MS;
  return state.consecutiveFailures === 1 ? PROBE_RECHECK_MS : PROBE_INTERVAL_MS;
}

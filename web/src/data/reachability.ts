// Probes the Firestore host and, when it cannot be reached, takes the SDK
// offline on purpose (disableNetwork): listeners then report fromCache at once
// instead of after WebChannel's own retries. When the host answers again,
// enableNetwork opens a fresh stream straight away instead of waiting out
// WebChannel's backoff. The probe is a no-cors GET: any HTTP answer counts.
//
// The loop never stops by accident: every step is bounded (the probe has its
// own timeout, the network call is settled with one), and the next probe is
// scheduled in `finally`. It pauses while the tab is hidden and probes at once
// when the tab is shown again.
import {
  afterProbe,
  nextProbeDelay,
  PROBE_TIMEOUT_MS,
  REACHABLE,
  type Reachability,
} from "../logic/reachability.js";
import { settle } from "../logic/settle.js";
import type { Unsubscribe } from "./inbox-data.js";

/** Past the probe's own timeout, in case a fetch ignores its abort signal. */
const STEP_TIMEOUT_MS = PROBE_TIMEOUT_MS + 2000;

/**
 * One GET of the host; true for any HTTP answer. AbortSignal.timeout is not in
 * Safari before 16, which the build otherwise supports: a timer aborts instead.
 */
export async function probeHost(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await fetch(url, {
      mode: "no-cors",
      cache: "no-store",
      credentials: "omit",
      signal: controller.signal,
    });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export interface ReachabilityDeps {
  probe(): Promise<boolean>;
  /** Takes the SDK off the network or back; may throw, reject or never settle. */
  setNetwork(enabled: boolean): Promise<void>;
  isVisible(): boolean;
  /** Calls back whenever the tab's visibility changes. */
  onVisibilityChange(listener: () => void): Unsubscribe;
}

export function watchReachability(
  deps: ReachabilityDeps,
  next: (reachable: boolean) => void,
): Unsubscribe {
  let state: Reachability = REACHABLE;
  let stopped = false;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = undefined;
    if (!stopped && deps.isVisible()) timer = setTimeout(run, delay);
  };
  const run = async () => {
    timer = undefined;
    if (stopped || running) return;
    running = true;
    try {
      const probed = await settle(deps.probe, STEP_TIMEOUT_MS);
      if (stopped) return;
      const previous = state;
      state = afterProbe(state, probed.ok && probed.value);
      if (previous.reachable !== state.reachable) {
        await settle(() => deps.setNetwork(state.reachable), STEP_TIMEOUT_MS);
        if (!stopped) next(state.reachable);
      }
    } finally {
      running = false;
      schedule(nextProbeDelay(state));
    }
  };
  const stopWatchingVisibility = deps.onVisibilityChange(() => {
    // Shown again: look now rather than at the next interval.
    if (deps.isVisible()) schedule(0);
    else {
      clearTimeout(timer);
      timer = undefined;
    }
  });
  schedule(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopWatchingVisibility();
    if (!state.reachable) void settle(() => deps.setNetwork(true), STEP_TIMEOUT_MS);
  };
}

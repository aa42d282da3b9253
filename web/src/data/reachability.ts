// Probes the Firestore host and, when it cannot be reached, takes the SDK
// offline on purpose (disableNetwork): listeners then report fromCache at once
// instead of after WebChannel's own retries. When the host answers again,
// enableNetwork opens a fresh stream straight away instead of waiting out
// WebChannel's backoff. The probe is a no-cors GET: any HTTP answer counts.
import { disableNetwork, enableNetwork, type Firestore } from "firebase/firestore";
import {
  afterProbe,
  nextProbeDelay,
  PROBE_TIMEOUT_MS,
  REACHABLE,
  type Reachability,
} from "../logic/reachability.js";
import type { Unsubscribe } from "./inbox-data.js";

async function probe(url: string): Promise<boolean> {
  try {
    await fetch(url, {
      mode: "no-cors",
      cache: "no-store",
      credentials: "omit",
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  }
}

export function watchReachability(
  db: Firestore,
  url: string,
  next: (reachable: boolean) => void,
): Unsubscribe {
  let state: Reachability = REACHABLE;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async () => {
    const ok = await probe(url);
    if (stopped) return;
    const previous = state;
    state = afterProbe(state, ok);
    if (previous.reachable !== state.reachable) {
      // Errors here only mean the SDK is shutting down; nothing to recover.
      await (state.reachable ? enableNetwork(db) : disableNetwork(db)).catch(() => {});
      next(state.reachable);
    }
    if (!stopped) timer = setTimeout(run, nextProbeDelay(state));
  };
  timer = setTimeout(run, nextProbeDelay(state));
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (!state.reachable) void enableNetwork(db).catch(() => {});
  };
}

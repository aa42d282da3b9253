// Wraps a listener's handlers so that during a stream or a flood snapshots reach the page
// at most once per tier gap (logic/coalesce.ts); outside one each passes
// at once. A change of connection state (fromCache) and an error always pass
// at once: the page says "Reconnecting…" or "Live" the moment Firestore does.
import type { Snapshot, SnapshotHandlers } from "../data/inbox-data.js";
import { recentArrivals, snapshotDelay } from "../logic/coalesce.js";

export interface Coalesced<T> extends SnapshotHandlers<T> {
  /** Drops a held snapshot (the listener is going away). */
  cancel(): void;
}

export function coalesceSnapshots<T>(handlers: SnapshotHandlers<T>): Coalesced<T> {
  let arrivals: number[] = [];
  let lastAt: number | null = null;
  let lastFromCache: boolean | null = null;
  let held: Snapshot<T> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const snapshot = held;
    held = null;
    if (!snapshot) return;
    lastAt = Date.now();
    lastFromCache = snapshot.fromCache;
    handlers.next(snapshot);
  };
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    held = null;
  };
  return {
    next(snapshot) {
      const now = Date.now();
      arrivals = recentArrivals(arrivals, now);
      held = snapshot;
      const delay = snapshotDelay(arrivals.length, lastAt, now);
      if (snapshot.fromCache !== lastFromCache || delay === 0) flush();
      else timer ??= setTimeout(flush, delay);
    },
    error(error) {
      cancel();
      handlers.error(error);
    },
    cancel,
  };
}

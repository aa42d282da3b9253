// Wraps a listener's handlers so that during a stream or a flood snapshots reach the page
// only on the tier's render slots (logic/coalesce.ts); outside one each passes
// at once. A change of connection state (fromCache) and an error always pass
// at once: the page says "Reconnecting…" or "Live" the moment Firestore does.
import type { Snapshot, SnapshotHandlers } from "../data/inbox-data.js";
import { recentArrivals, snapshotDue } from "../logic/coalesce.js";
import { wakeAt } from "./wake-scheduler.js";

export interface Coalesced<T> extends SnapshotHandlers<T> {
  /** Drops a held snapshot (the listener is going away). */
  cancel(): void;
}

export function coalesceSnapshots<T>(handlers: SnapshotHandlers<T>): Coalesced<T> {
  let arrivals: number[] = [];
  let lastFromCache: boolean | null = null;
  let held: Snapshot<T> | null = null;
  let cancelWake: (() => void) | undefined;
  const cancel = () => {
    cancelWake?.();
    cancelWake = undefined;
    held = null;
  };
  const flush = () => {
    const snapshot = held;
    cancel();
    if (!snapshot) return;
    lastFromCache = snapshot.fromCache;
    handlers.next(snapshot);
  };
  return {
    next(snapshot) {
      const now = Date.now();
      arrivals = recentArrivals(arrivals, now);
      held = snapshot;
      const due = snapshotDue(arrivals.length, now);
      if (snapshot.fromCache !== lastFromCache || due === undefined || due <= now) flush();
      else cancelWake ??= wakeAt(due, flush);
    },
    error(error) {
      cancel();
      handlers.error(error);
    },
    cancel,
  };
}

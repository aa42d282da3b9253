// Wraps a listener's handlers so snapshots reach the page at most once per
// SNAPSHOT_GAP_MS (logic/coalesce.ts). A change of connection state (fromCache)
// and an error pass at once: the page says "Reconnecting…" or "Live" the
// moment Firestore does.
import type { Snapshot, SnapshotHandlers } from "../data/inbox-data.js";
import { snapshotDelay } from "../logic/coalesce.js";

export interface Coalesced<T> extends SnapshotHandlers<T> {
  /** Drops a held snapshot (the listener is going away). */
  cancel(): void;
}

export function coalesceSnapshots<T>(handlers: SnapshotHandlers<T>, gapMs?: number): Coalesced<T> {
  let lastAt: number | null = null;
  let lastFromCache: boolean | null = null;
  let held: Snapshot<T> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
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
      held = snapshot;
      if (snapshot.fromCache !== lastFromCache) {
        clearTimeout(timer);
        flush();
        return;
      }
      if (timer !== undefined) return;
      const delay = snapshotDelay(lastAt, Date.now(), gapMs);
      if (delay === 0) flush();
      else timer = setTimeout(flush, delay);
    },
    error(error) {
      cancel();
      handlers.error(error);
    },
    cancel,
  };
}

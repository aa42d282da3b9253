// A listener that stops on an error is attached again after a backoff
// (1 s, 2 s, 4 s … 30 s), for good: none of the page's listeners may stop
// for ever on one error. The wait starts again from 1 s after a snapshot the
// server confirmed.
import type { SnapshotHandlers, Unsubscribe } from "../data/inbox-data.js";
import { type Backoff, backoffDelay, LISTENER_BACKOFF } from "../logic/backoff.js";

export function attachWithRetry<T>(
  attach: (handlers: SnapshotHandlers<T>) => Unsubscribe,
  handlers: SnapshotHandlers<T>,
  backoff: Backoff = LISTENER_BACKOFF,
): Unsubscribe {
  let stopped = false;
  let failures = 0;
  let current: Unsubscribe | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    timer = undefined;
    let failed = false;
    const unsubscribe = attach({
      next(snapshot) {
        if (failed || stopped) return;
        if (!snapshot.fromCache) failures = 0;
        handlers.next(snapshot);
      },
      error(error) {
        if (failed || stopped) return;
        failed = true;
        current?.();
        current = null;
        handlers.error(error);
        failures += 1;
        timer = setTimeout(open, backoffDelay(failures, backoff));
      },
    });
    if (failed) unsubscribe();
    else current = unsubscribe;
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    current?.();
    current = null;
  };
}

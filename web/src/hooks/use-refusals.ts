// The refusal trail while the inbox is shown: refused deliveries of the last
// window (plus slack for a fast clock), kept as the listener reports them.
// An error keeps the banner as it was and the listener attaches again by
// itself (hooks/reattach.ts); the codes' own listeners say when Firestore is
// unreachable.
import { REFUSALS } from "functions/contract/refusals";
import { useEffect, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import { type InboxRefusal, type RefusalSummary, summariseRefusals } from "../logic/refusals.js";
import { minutesToMs, nextDeadline, QUERY_SLACK_MS } from "../logic/time-window.js";
import { attachWithRetry } from "./reattach.js";
import { useTimedMemo } from "./use-timed-memo.js";

/** @param generation the Firestore instance: a new one means attaching again. */
export function useRefusals(data: InboxData, active: boolean, generation = 0): InboxRefusal[] {
  const [refusals, setRefusals] = useState<InboxRefusal[]>([]);
  useEffect(() => {
    if (!active) {
      setRefusals([]);
      return;
    }
    const since = Date.now() - minutesToMs(REFUSALS.windowMinutes) - QUERY_SLACK_MS;
    return attachWithRetry<InboxRefusal[]>((handlers) => data.watchRefusals(since, handlers), {
      next: ({ items }) => setRefusals(items),
      error: () => {},
    });
  }, [data, active, generation]);
  return refusals;
}

/**
 * The banner's summary, computed again when the trail changes and when its
 * oldest refusal leaves the window (not on every second).
 * @param clockOffsetMs how far the browser clock runs ahead of the server's.
 */
export function useRefusalSummary(
  data: InboxData,
  active: boolean,
  clockOffsetMs: number,
  generation = 0,
): RefusalSummary | null {
  const refusals = useRefusals(data, active, generation);
  return useTimedMemo(
    (browserNow) => {
      const now = browserNow - clockOffsetMs;
      const windowMs = minutesToMs(REFUSALS.windowMinutes);
      // A refusal counts while refusedAt >= now − window: it leaves just after refusedAt + window.
      const leaves = nextDeadline(
        refusals.map((refusal) => refusal.refusedAt + windowMs),
        now - 1,
      );
      return {
        value: summariseRefusals(refusals, now),
        next: leaves === undefined ? undefined : leaves + clockOffsetMs,
      };
    },
    [refusals, clockOffsetMs],
    { onTick: true },
  );
}

// The refusal trail while the inbox is shown: refused deliveries of the last
// window (plus slack for a fast clock), kept as the listener reports them.
// A failure here only hides the banner: the codes' own listeners say when
// Firestore is unreachable.
import { REFUSALS } from "functions/contract/refusals";
import { useEffect, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import { type InboxRefusal, type RefusalSummary, summariseRefusals } from "../logic/refusals.js";
import { minutesToMs, nextDeadline, QUERY_SLACK_MS } from "../logic/time-window.js";
import { useTimedMemo } from "./use-timed-memo.js";

export function useRefusals(data: InboxData, active: boolean): InboxRefusal[] {
  const [refusals, setRefusals] = useState<InboxRefusal[]>([]);
  useEffect(() => {
    if (!active) {
      setRefusals([]);
      return;
    }
    const since = Date.now() - minutesToMs(REFUSALS.windowMinutes) - QUERY_SLACK_MS;
    return data.watchRefusals(since, {
      next: ({ items }) => setRefusals(items),
      error: () => setRefusals([]),
    });
  }, [data, active]);
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
): RefusalSummary | null {
  const refusals = useRefusals(data, active);
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
  );
}

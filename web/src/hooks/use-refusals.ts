// The refusal trail while the inbox is shown: refused deliveries of the last
// window (plus slack for a fast clock), kept as the listener reports them.
// An error keeps the banner as it was and the listener attaches again by
// itself (hooks/reattach.ts); the codes' own listeners say when Firestore is
// unreachable.
import { REFUSALS } from "functions/contract/refusals";
import { useEffect, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import type { InboxRefusal } from "../logic/refusals.js";
import { minutesToMs, QUERY_SLACK_MS } from "../logic/time-window.js";
import { attachWithRetry } from "./reattach.js";

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

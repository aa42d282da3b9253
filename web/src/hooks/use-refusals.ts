// The refusal trail while the inbox is shown: refused deliveries of the last
// window (plus slack for a fast clock), kept as the listener reports them.
// A failure here only hides the banner: the codes' own listeners say when
// Firestore is unreachable.
import { REFUSALS } from "functions/contract/refusals";
import { useEffect, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import type { InboxRefusal } from "../logic/refusals.js";
import { minutesToMs, QUERY_SLACK_MS } from "../logic/time-window.js";

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

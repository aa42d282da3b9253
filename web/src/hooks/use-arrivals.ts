// What a new code sets off beyond appearing in the list: a short highlight,
// the screen-reader line, the count in the tab title and, when switched on,
// the chime and a browser notification (only while the tab is hidden).

import { useCallback, useRef, useState } from "preact/hooks";
import { showNotification } from "../data/notifications.js";
import { addFresh, announcement, freshAt, notificationText, who } from "../logic/attention.js";
import { directory, displayLabel } from "../logic/labels.js";
import { ownerKeyOf } from "../logic/owner.js";
import type { Preferences } from "../logic/preferences.js";
import { nextDeadline } from "../logic/time-window.js";
import type { InboxCode, PhoneLabelEntry } from "../logic/types.js";
import { type Chime, useHiddenCount } from "./use-attention.js";
import { useTimedMemo } from "./use-timed-memo.js";

/** How long a new code stays highlighted. */
export const FRESH_MS = 4000;

export interface Arrivals {
  /**
   * The codes highlighted now. The same set until a code arrives or a
   * highlight ends (a timer at the next end, not the one-second tick).
   */
  freshIds: ReadonlySet<string>;
  /** The polite live-region line about the newest arrival. */
  announced: string;
  onArrivals(codes: InboxCode[], labels: readonly PhoneLabelEntry[]): void;
}

export function useArrivals(prefs: Preferences, chime: Chime, baseTitle: string): Arrivals {
  const { countArrivals } = useHiddenCount(baseTitle);
  const [freshUntil, setFreshUntil] = useState<ReadonlyMap<string, number>>(new Map());
  const [announced, setAnnounced] = useState("");
  // Read at arrival time, so switching sound or masking never re-subscribes the listeners.
  const prefsRef = useRef(prefs);
  prefsRef.current = prefs;
  const { play } = chime;

  const onArrivals = useCallback(
    (arrived: InboxCode[], labelEntries: readonly PhoneLabelEntry[]) => {
      const current = prefsRef.current;
      const ids = arrived.map((code) => code.id);
      const arrivedAt = Date.now();
      setFreshUntil((until) => addFresh(until, ids, arrivedAt, FRESH_MS));
      const newest = arrived[0];
      if (!newest) return;
      const label = displayLabel(newest, directory(labelEntries));
      countArrivals(arrived.length, who(newest, label));
      setAnnounced(announcement(newest, label, current.mask));
      if (current.sound) play();
      if (current.notifications && document.visibilityState === "hidden") {
        const { title, body } = notificationText(newest, label, current.mask);
        // Tagged by person: a shared number's next code for someone else must
        // not replace this one's notification.
        showNotification(title, body, ownerKeyOf(newest));
      }
    },
    [countArrivals, play],
  );

  const freshIds = useTimedMemo(
    (now) => ({ value: freshAt(freshUntil, now), next: nextDeadline(freshUntil.values(), now) }),
    [freshUntil],
    { onTick: true },
  );

  return { freshIds, announced, onArrivals };
}

// The page's live state: who is signed in, whether public mode is on, and the
// codes and labels listeners with their connection status. Subscriptions are
// opened only while someone may read, and re-opened on retry or a new user.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import { shouldListen } from "../logic/access.js";
import { newArrivals } from "../logic/attention.js";
import { addClockSample, type ClockOffset, NO_CLOCK_OFFSET, serverNow } from "../logic/clock.js";
import {
  IDLE_LISTENER,
  type ListenerStatus,
  onErrorStatus,
  onSnapshotStatus,
  WAITING_LISTENER,
} from "../logic/connection.js";
import { firstSightings, queryWindowStart, settleFutureStamp } from "../logic/time-window.js";
import type { InboxCode, PhoneLabelEntry, SignedInUser } from "../logic/types.js";
import { coalesceSnapshots } from "./coalesce-snapshots.js";

/** How long a signed-out visitor waits for config/public before the sign-in screen. */
export const PUBLIC_MODE_WAIT_MS = 5000;

export interface InboxState {
  authResolved: boolean;
  user: SignedInUser | null;
  publicMode: boolean | undefined;
  online: boolean;
  /** The Firestore host answers probes (always true while not listening). */
  reachable: boolean;
  codes: InboxCode[];
  /** The codes query stopped at its limit: older codes exist unseen. */
  codesLimitReached: boolean;
  codesStatus: ListenerStatus;
  labels: PhoneLabelEntry[];
  labelsStatus: ListenerStatus;
  clock: ClockOffset;
  /** Subscribe again (after an error, or to re-check access). */
  retry(): void;
}

/** New codes, with the labels on screen when they came (to name who they are for). */
export type ArrivalHandler = (codes: InboxCode[], labels: readonly PhoneLabelEntry[]) => void;

export function useInbox(
  data: InboxData,
  retentionMs: number,
  onArrivals: ArrivalHandler,
): InboxState {
  const [authResolved, setAuthResolved] = useState(false);
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [publicMode, setPublicMode] = useState<boolean | undefined>(undefined);
  const [online, setOnline] = useState(true);
  const [reachable, setReachable] = useState(true);
  const [codes, setCodes] = useState<InboxCode[]>([]);
  const [codesLimitReached, setCodesLimitReached] = useState(false);
  const [codesStatus, setCodesStatus] = useState<ListenerStatus>(IDLE_LISTENER);
  const [labels, setLabels] = useState<PhoneLabelEntry[]>([]);
  const [labelsStatus, setLabelsStatus] = useState<ListenerStatus>(IDLE_LISTENER);
  const [clock, setClock] = useState<ClockOffset>(NO_CLOCK_OFFSET);
  const [attempt, setAttempt] = useState(0);
  const arrivalsRef = useRef(onArrivals);
  arrivalsRef.current = onArrivals;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  // The clock as of the latest arrivals, before React has re-rendered with it.
  const clockRef = useRef(clock);

  useEffect(
    () =>
      data.watchAuth((next) => {
        setUser(next);
        setAuthResolved(true);
      }),
    [data],
  );
  // Only once auth has answered: Firestore's first stream then starts with the
  // right credentials, instead of being torn down and reopened for a restored session.
  useEffect(() => {
    if (!authResolved) return;
    return data.watchPublicMode(setPublicMode);
  }, [data, authResolved]);
  useEffect(() => data.watchOnline(setOnline), [data]);

  useEffect(() => {
    if (!authResolved || user || publicMode !== undefined) return;
    const timer = setTimeout(
      () => setPublicMode((current) => current ?? false),
      PUBLIC_MODE_WAIT_MS,
    );
    return () => clearTimeout(timer);
  }, [authResolved, user, publicMode]);

  const listen = shouldListen({ authResolved, user, publicMode });
  const uid = user?.uid ?? null;
  // uid and attempt are dependencies on purpose: a new user or a retry re-opens the listeners.
  useEffect(() => {
    if (!listen) return;
    // Ids seen so far; null until the server has answered once, so neither
    // the first load nor a reconnect's re-query counts as new arrivals.
    let known: Set<string> | null = null;
    let sightings = new Map<string, number>();
    setCodesStatus(WAITING_LISTENER);
    setLabelsStatus(WAITING_LISTENER);
    const codeHandlers = coalesceSnapshots<InboxCode[]>({
      next: ({ items, fromCache, limitReached = false }) => {
        const now = Date.now();
        setCodesLimitReached(limitReached);
        setCodesStatus((previous) => onSnapshotStatus(previous, fromCache, now));
        // Clock samples come from the stamps as stored (a slow browser is
        // learnt from them); future stamps are settled only after that.
        const show = () => {
          sightings = firstSightings(sightings, items, serverNow(now, clockRef.current));
          setCodes(items.map((code) => settleFutureStamp(code, sightings.get(code.id) ?? now)));
        };
        if (known === null) {
          if (!fromCache) known = new Set(items.map((code) => code.id));
          show();
          return;
        }
        const arrived = newArrivals(known, items);
        for (const code of arrived) known.add(code.id);
        if (arrived.length > 0) {
          clockRef.current = arrived.reduce(
            (acc, code) => addClockSample(acc, now, code.receivedAt),
            clockRef.current,
          );
          setClock(clockRef.current);
        }
        show();
        if (arrived.length > 0) arrivalsRef.current(arrived, labelsRef.current);
      },
      error: (error) => setCodesStatus((previous) => onErrorStatus(previous, error)),
    });
    const stopCodes = data.watchCodes(queryWindowStart(Date.now(), retentionMs), codeHandlers);
    const stopLabels = data.watchLabels({
      next: ({ items, fromCache }) => {
        const now = Date.now();
        setLabels(items);
        setLabelsStatus((previous) => onSnapshotStatus(previous, fromCache, now));
      },
      error: (error) => setLabelsStatus((previous) => onErrorStatus(previous, error)),
    });
    return () => {
      stopCodes();
      codeHandlers.cancel();
      stopLabels();
      setCodes([]);
      setCodesLimitReached(false);
      setLabels([]);
      setCodesStatus(IDLE_LISTENER);
      setLabelsStatus(IDLE_LISTENER);
    };
  }, [data, listen, uid, attempt, retentionMs]);

  useEffect(() => {
    if (!listen) return;
    const stop = data.watchReachability(setReachable);
    return () => {
      stop();
      setReachable(true);
    };
  }, [data, listen]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    authResolved,
    user,
    publicMode,
    online,
    reachable,
    codes,
    codesLimitReached,
    codesStatus,
    labels,
    labelsStatus,
    clock,
    retry,
  };
}

// The page's live state: who is signed in, whether public mode is on, and the
// codes and labels listeners with their connection status, kept honest and
// healed: a server read proves the list current (use-freshness.ts), and a
// watchdog restarts the network, the listeners or the SDK itself when the
// backend answers but the listeners have gone stale (use-watchdog.ts). What is
// on screen stays through every restart, marked stale, until fresh data
// replaces it. Subscriptions are opened only while someone may read.
import type { NotedPerson } from "functions/contract/people";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { InboxData, SdkHealth } from "../data/inbox-data.js";
import { shouldListen } from "../logic/access.js";
import { newArrivals } from "../logic/attention.js";
import { addClockSample, type ClockOffset, NO_CLOCK_OFFSET, serverNow } from "../logic/clock.js";
import {
  IDLE_LISTENER,
  type ListenerStatus,
  onErrorStatus,
  onSnapshotStatus,
  restartingStatus,
  WAITING_LISTENER,
} from "../logic/connection.js";
import type { Freshness } from "../logic/freshness.js";
import { firstSightings, queryWindowStart, settleFutureStamp } from "../logic/time-window.js";
import type { InboxCode, PhoneLabelEntry, SignedInUser } from "../logic/types.js";
import type { HealAction } from "../logic/watchdog.js";
import { coalesceSnapshots } from "./coalesce-snapshots.js";
import { attachWithRetry } from "./reattach.js";
import { useFreshness } from "./use-freshness.js";
import { useWatchdog } from "./use-watchdog.js";

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
  /** Whom the webhook noted at their first code or email (people/): their cards. */
  people: NotedPerson[];
  labelsStatus: ListenerStatus;
  clock: ClockOffset;
  /** What the server reads prove about the list (logic/freshness.ts). */
  freshness: Freshness;
  /** The Firestore instance's health: a failed SDK is replaced. */
  sdk: SdkHealth;
  /** Subscribe again (after an error, or to re-check access), keeping what is shown. */
  retry(): void;
  /** "Reconnect now": restart the network and the listeners, probe and check at once. */
  reconnectNow(): void;
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
  const [visible, setVisible] = useState(true);
  const [reachable, setReachable] = useState(true);
  const [sdk, setSdk] = useState<SdkHealth>({ generation: 0, failure: null });
  const [codes, setCodes] = useState<InboxCode[]>([]);
  const [codesLimitReached, setCodesLimitReached] = useState(false);
  const [codesStatus, setCodesStatus] = useState<ListenerStatus>(IDLE_LISTENER);
  const [labels, setLabels] = useState<PhoneLabelEntry[]>([]);
  const [labelsStatus, setLabelsStatus] = useState<ListenerStatus>(IDLE_LISTENER);
  const [people, setPeople] = useState<NotedPerson[]>([]);
  const [clock, setClock] = useState<ClockOffset>(NO_CLOCK_OFFSET);
  const [windowStart, setWindowStart] = useState(0);
  /** Bumped to attach the listeners again (retry, a heal) without clearing the screen. */
  const [restarts, setRestarts] = useState(0);
  /** Bumped to restart the probe loop and check freshness at once. */
  const [rechecks, setRechecks] = useState(0);
  const arrivalsRef = useRef(onArrivals);
  arrivalsRef.current = onArrivals;
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  // The clock as of the latest arrivals, before React has re-rendered with it.
  const clockRef = useRef(clock);
  // Ids seen so far, across restarts: null until the server has answered
  // once, so neither the first load nor a reconnect's re-query counts as new
  // arrivals, while codes that came during an outage do.
  const knownRef = useRef<Set<string> | null>(null);
  const sightingsRef = useRef(new Map<string, number>());

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
  // An error keeps what the page knew (a public-mode visitor stays on the
  // codes) and the listener attaches again by itself.
  useEffect(() => {
    if (!authResolved) return;
    return attachWithRetry<boolean>(
      (handlers) =>
        data.watchPublicMode({
          next: (enabled) => handlers.next({ items: enabled, fromCache: false }),
          error: handlers.error,
        }),
      { next: ({ items }) => setPublicMode(items), error: () => {} },
    );
  }, [data, authResolved, sdk.generation]);
  useEffect(() => data.watchOnline(setOnline), [data]);
  useEffect(() => data.watchVisibility(setVisible), [data]);
  useEffect(() => data.watchSdkHealth(setSdk), [data]);

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

  // A new reader (or none): start from nothing, and clear the screen after.
  useEffect(() => {
    if (!listen) return;
    knownRef.current = null;
    sightingsRef.current = new Map();
    setCodesStatus(WAITING_LISTENER);
    setLabelsStatus(WAITING_LISTENER);
    return () => {
      knownRef.current = null;
      setCodes([]);
      setCodesLimitReached(false);
      setLabels([]);
      setPeople([]);
      setCodesStatus(IDLE_LISTENER);
      setLabelsStatus(IDLE_LISTENER);
    };
  }, [data, listen, uid]);

  // The listeners. Re-attached on a retry, a heal or a new Firestore instance
  // (restarts, sdk.generation), never clearing what is shown: a listener's
  // answers from the cache replace nothing until the server has confirmed one.
  useEffect(() => {
    if (!listen) return;
    setCodesStatus(restartingStatus);
    setLabelsStatus(restartingStatus);
    const since = queryWindowStart(Date.now(), retentionMs);
    setWindowStart(since);
    let codesConfirmed = false;
    const codeHandlers = coalesceSnapshots<InboxCode[]>({
      next: ({ items, fromCache, limitReached = false }) => {
        const now = Date.now();
        setCodesStatus((previous) => onSnapshotStatus(previous, fromCache, now));
        codesConfirmed ||= !fromCache;
        const known = knownRef.current;
        if (!codesConfirmed && known !== null) return;
        setCodesLimitReached(limitReached);
        // Clock samples come from the stamps as stored (a slow browser is
        // learnt from them); future stamps are settled only after that.
        const show = () => {
          sightingsRef.current = firstSightings(
            sightingsRef.current,
            items,
            serverNow(now, clockRef.current),
          );
          const sightings = sightingsRef.current;
          setCodes(items.map((code) => settleFutureStamp(code, sightings.get(code.id) ?? now)));
        };
        if (known === null) {
          if (!fromCache) knownRef.current = new Set(items.map((code) => code.id));
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
    const stopCodes = attachWithRetry((handlers) => data.watchCodes(since, handlers), codeHandlers);
    let labelsConfirmed = false;
    const stopLabels = attachWithRetry<PhoneLabelEntry[]>(
      (handlers) => data.watchLabels(handlers),
      {
        next: ({ items, fromCache }) => {
          const now = Date.now();
          setLabelsStatus((previous) => onSnapshotStatus(previous, fromCache, now));
          labelsConfirmed ||= !fromCache;
          if (labelsConfirmed || knownRef.current === null) setLabels(items);
        },
        error: (error) => setLabelsStatus((previous) => onErrorStatus(previous, error)),
      },
    );
    // Cards of people met by their codes: not part of the connection state
    // (the codes and labels prove the page current); a failed listener
    // attaches again by itself and the cards keep what they showed.
    let peopleConfirmed = false;
    const stopPeople = attachWithRetry<NotedPerson[]>((handlers) => data.watchPeople(handlers), {
      next: ({ items, fromCache }) => {
        peopleConfirmed ||= !fromCache;
        if (peopleConfirmed || knownRef.current === null) setPeople(items);
      },
      error: () => {},
    });
    return () => {
      stopCodes();
      codeHandlers.cancel();
      stopLabels();
      stopPeople();
    };
  }, [data, listen, uid, restarts, sdk.generation, retentionMs]);

  // rechecks restarts the loop on purpose ("Reconnect now" probes at once).
  useEffect(() => {
    if (!listen) return;
    const stop = data.watchReachability(setReachable);
    return () => {
      stop();
      setReachable(true);
    };
  }, [data, listen, rechecks]);

  const synced = [codesStatus, labelsStatus].every((s) => s.phase === "snapshot" && !s.fromCache);
  const everSynced = codesStatus.everSynced && labelsStatus.everSynced;
  const sdkDead = sdk.failure !== null;
  const freshness = useFreshness(data, {
    active: listen && visible && online && reachable && synced && !sdkDead,
    windowStart,
    codes,
    checkKey: rechecks,
    serverNow: () => serverNow(Date.now(), clockRef.current),
  });

  const heal = useCallback(
    (action: HealAction) => {
      const renew = () =>
        data.heal.renewFirestore().catch(() => {
          data.heal.reload("a new connection to Firestore could not be made");
        });
      switch (action) {
        case "restart-network":
          void data.heal.restartNetwork().then(() => setRechecks((n) => n + 1));
          return;
        case "restart-listeners":
          setRestarts((n) => n + 1);
          return;
        case "renew-sdk":
          void renew();
          return;
        case "reload":
          // Refused when the page reloaded itself a moment ago: a new instance again.
          if (!data.heal.reload("Firestore's SDK kept failing inside the page")) void renew();
          return;
      }
    },
    [data],
  );
  const watchdog = useWatchdog(
    { listening: listen, online, reachable, synced, everSynced, freshness, sdkDead },
    heal,
  );

  const retry = useCallback(() => setRestarts((n) => n + 1), []);
  const reconnectNow = useCallback(() => {
    watchdog.reset();
    void data.heal.restartNetwork().finally(() => {
      setRestarts((n) => n + 1);
      setRechecks((n) => n + 1);
    });
  }, [data, watchdog]);

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
    people,
    clock,
    freshness,
    sdk,
    retry,
    reconnectNow,
  };
}

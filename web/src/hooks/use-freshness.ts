// The page's proof that it is current (logic/freshness.ts): while the tab is
// visible and the listeners say they are in sync, the newest code in the
// window that is a few seconds old (SETTLED_AFTER_MS) is read from the server
// every few seconds and compared with what the codes listener shows.
import { useEffect, useRef, useState } from "preact/hooks";
import type { InboxData } from "../data/inbox-data.js";
import {
  afterCheck,
  afterFailedCheck,
  afterSnapshot,
  afterTime,
  FRESHNESS_CHECK_INTERVAL_MS,
  FRESHNESS_CHECK_TIMEOUT_MS,
  type Freshness,
  type ListenerView,
  nextFreshnessChange,
  settledBefore,
  UNKNOWN_FRESHNESS,
} from "../logic/freshness.js";
import { settle } from "../logic/settle.js";
import type { InboxCode } from "../logic/types.js";

function viewOf(codes: readonly InboxCode[]): ListenerView {
  let newestAt: number | null = null;
  for (const code of codes)
    if (newestAt === null || code.receivedAt > newestAt) newestAt = code.receivedAt;
  return { ids: new Set(codes.map((code) => code.id)), newestAt };
}

export interface FreshnessInputs {
  /** Checks run only while this is true (listening, visible, online, in sync, SDK alive). */
  active: boolean;
  /** The codes listener's window start: the read asks the same window. */
  windowStart: number;
  /** What the codes listener shows. */
  codes: readonly InboxCode[];
  /** Changes to check at once (a heal, "Reconnect now"). */
  checkKey: number;
  /** The server's clock now (the page's learnt offset applied). */
  serverNow(): number;
}

export function useFreshness(data: InboxData, inputs: FreshnessInputs): Freshness {
  const { active, windowStart, codes, checkKey } = inputs;
  const serverNowRef = useRef(inputs.serverNow);
  serverNowRef.current = inputs.serverNow;
  const [freshness, setFreshness] = useState<Freshness>(UNKNOWN_FRESHNESS);
  const codesRef = useRef(codes);
  codesRef.current = codes;

  useEffect(() => {
    setFreshness((previous) => afterSnapshot(previous, viewOf(codes), Date.now()));
  }, [codes]);

  useEffect(() => {
    const at = nextFreshnessChange(freshness);
    if (at === null) return;
    const timer = setTimeout(
      () => setFreshness((previous) => afterTime(previous, Date.now())),
      Math.max(0, at - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [freshness]);

  // checkKey is a dependency on purpose: a heal or "Reconnect now" checks at once.
  useEffect(() => {
    if (!active) {
      setFreshness(UNKNOWN_FRESHNESS);
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const result = await settle(
        () => data.readNewestCode(windowStart, settledBefore(serverNowRef.current())),
        FRESHNESS_CHECK_TIMEOUT_MS,
      );
      if (stopped) return;
      const now = Date.now();
      setFreshness((previous) =>
        result.ok
          ? afterCheck(result.value, viewOf(codesRef.current), now)
          : afterFailedCheck(previous, now),
      );
      timer = setTimeout(check, FRESHNESS_CHECK_INTERVAL_MS);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [data, active, windowStart, checkKey]);

  return freshness;
}

// Runs the watchdog (logic/watchdog.ts) on the page's live inputs: looks
// again whenever they change and when the watchdog asks to be woken, and
// hands each heal action to `act`.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import {
  CALM,
  type HealAction,
  type WatchdogInput,
  type WatchdogState,
  watchdogStep,
} from "../logic/watchdog.js";

export interface Watchdog {
  /** Forget the current trouble's attempts (a person pressed "Reconnect now"). */
  reset(): void;
}

export function useWatchdog(
  input: Omit<WatchdogInput, "now">,
  act: (action: HealAction) => void,
): Watchdog {
  const state = useRef<WatchdogState>(CALM);
  const [wake, setWake] = useState(0);
  const actRef = useRef(act);
  actRef.current = act;
  const inputRef = useRef(input);
  inputRef.current = input;
  const { listening, online, reachable, synced, everSynced, sdkDead } = input;
  const freshnessKind = input.freshness.kind;

  // The primitive inputs and `wake` are the dependencies on purpose: the
  // watchdog looks again when one changes or when its own timer fires.
  useEffect(() => {
    const step = watchdogStep(state.current, { ...inputRef.current, now: Date.now() });
    state.current = step.state;
    if (step.action) actRef.current(step.action);
    if (step.wakeAt === null) return;
    const timer = setTimeout(() => setWake((n) => n + 1), Math.max(0, step.wakeAt - Date.now()));
    return () => clearTimeout(timer);
  }, [listening, online, reachable, synced, everSynced, sdkDead, freshnessKind, wake]);

  const reset = useCallback(() => {
    state.current = CALM;
    setWake((n) => n + 1);
  }, []);
  return { reset };
}

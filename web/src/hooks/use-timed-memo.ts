// A value that depends on the clock, computed again when its inputs change or
// when it says it will change by itself (a code's expiry, the end of a
// highlight, a refusal leaving its window): one wake at that deadline instead
// of a render of the whole page on every second.
import { useEffect, useMemo, useState } from "preact/hooks";
import { nextSlot } from "../logic/render-slots.js";
import { wakeAt } from "./wake-scheduler.js";

export interface Timed<T> {
  value: T;
  /** When (browser clock, epoch ms) `value` changes with no new input; undefined: never. */
  next: number | undefined;
}

export interface TimedMemoOptions {
  /**
   * Wake on the one-second tick at or after `next` rather than at `next`
   * itself: for a change shown beside the ticking ages and countdowns (a
   * highlight's end, an expiry), which then renders with them in one pass.
   */
  onTick?: boolean;
}

/**
 * useMemo for a computation that reads the clock: `compute` gets the browser
 * clock, and runs again when `deps` change or once the clock passes the `next`
 * it returned.
 */
export function useTimedMemo<T>(
  compute: (browserNowMs: number) => Timed<T>,
  deps: unknown[],
  { onTick = false }: TimedMemoOptions = {},
): T {
  const [wakes, setWakes] = useState(0);
  // The caller's deps, plus the wake-ups: compute reads the clock, which no dep shows.
  const timed = useMemo(() => compute(Date.now()), [...deps, wakes]);
  useEffect(() => {
    if (timed.next === undefined) return;
    // Just past the deadline: compute sees a clock that shows it passed.
    const at = timed.next + 1;
    return wakeAt(onTick ? nextSlot(at) : at, () => setWakes((n) => n + 1));
  }, [timed, onTick]);
  return timed.value;
}

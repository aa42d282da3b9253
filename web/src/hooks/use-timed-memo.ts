// A value that depends on the clock, computed again when its inputs change or
// when it says it will change by itself (a code's expiry, the end of a
// highlight, a refusal leaving its window): one timer at that deadline instead
// of a render of the whole page on every second.
import { useEffect, useMemo, useState } from "preact/hooks";

export interface Timed<T> {
  value: T;
  /** When (browser clock, epoch ms) `value` changes with no new input; undefined: never. */
  next: number | undefined;
}

/**
 * useMemo for a computation that reads the clock: `compute` gets the browser
 * clock, and runs again when `deps` change or once the clock passes the `next`
 * it returned.
 */
export function useTimedMemo<T>(compute: (browserNowMs: number) => Timed<T>, deps: unknown[]): T {
  const [wakes, setWakes] = useState(0);
  // The caller's deps, plus the wake-ups: compute reads the clock, which no dep shows.
  const timed = useMemo(() => compute(Date.now()), [...deps, wakes]);
  useEffect(() => {
    const at = timed.next;
    if (at === undefined) return;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      // A timer may fire a little early: wait out the rest rather than compute
      // again with a clock that does not yet show the deadline passed.
      const left = at - Date.now();
      if (left >= 0) timer = setTimeout(check, left + 1);
      else setWakes((n) => n + 1);
    };
    timer = setTimeout(check, Math.max(0, at - Date.now() + 1));
    return () => clearTimeout(timer);
  }, [timed]);
  return timed.value;
}

import { useCallback, useRef } from "preact/hooks";

/**
 * A function that keeps its identity across renders but always runs the
 * latest `fn`: memoised rows and cards get callbacks that never make them
 * render again, and that never act on state captured in an older render.
 */
export function useStableCallback<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  const latest = useRef(fn);
  latest.current = fn;
  return useCallback((...args: A) => latest.current(...args), []);
}

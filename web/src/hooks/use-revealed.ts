import { useCallback, useLayoutEffect, useState } from "preact/hooks";

const NONE: ReadonlySet<string> = new Set();

/** Codes clicked open while masking is on, by id, and the click that opens or hides one. */
export function useRevealed(masked: boolean): [ReadonlySet<string>, (codeId: string) => void] {
  const [revealed, setRevealed] = useState(NONE);
  // Forgotten as masking goes off, so switching it on again hides every code.
  // A layout effect, so no frame ever shows a code that was revealed the time before.
  useLayoutEffect(() => {
    if (!masked) setRevealed(NONE);
  }, [masked]);
  const toggle = useCallback(
    (codeId: string) =>
      setRevealed((set) => {
        const next = new Set(set);
        if (!next.delete(codeId)) next.add(codeId);
        return next;
      }),
    [],
  );
  return [revealed, toggle];
}

import { useCallback, useEffect, useRef, useState } from "preact/hooks";

export const COPIED_FEEDBACK_MS = 1600;

async function writeText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies text and remembers which item was copied last, for a short
 * "Copied" confirmation. `copy` resolves false when the browser refused.
 */
export function useClipboard(): {
  copiedKey: string | null;
  failedKey: string | null;
  copy(key: string, text: string): Promise<boolean>;
} {
  const [copiedKey, setCopiedKey] = useState<string | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback(async (key: string, text: string) => {
    const ok = await writeText(text);
    clearTimeout(timer.current);
    setCopiedKey(ok ? key : null);
    setFailedKey(ok ? null : key);
    timer.current = setTimeout(() => {
      setCopiedKey(null);
      setFailedKey(null);
    }, COPIED_FEEDBACK_MS);
    return ok;
  }, []);
  return { copiedKey, failedKey, copy };
}

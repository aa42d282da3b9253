import { useCallback, useEffect, useState } from "preact/hooks";

export const TOAST_MS = 2500;

/** One short status line at a time (copied, refused, nothing to copy); it hides itself. */
export function useToast(): { toast: { text: string } | null; say(text: string): void } {
  // A fresh object per message, not the bare string, so saying the same thing
  // twice is still a state change and restarts the timer.
  const [toast, setToast] = useState<{ text: string } | null>(null);
  const say = useCallback((text: string) => setToast({ text }), []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  return { toast, say };
}

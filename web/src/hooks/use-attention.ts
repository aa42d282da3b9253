// Attention for new codes beyond the list itself: a count in the tab title
// while the tab is hidden, and (when switched on) a short chime. Browser
// notifications are in data/notifications.ts.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { pageTitle } from "../logic/attention.js";

export function useHiddenCount(baseTitle: string): {
  /** @param newestFor whom the newest of them is for. */
  countArrivals(n: number, newestFor: string): void;
} {
  const [unseen, setUnseen] = useState({ count: 0, newestFor: "" });
  useEffect(() => {
    const reset = () => {
      if (document.visibilityState === "visible") setUnseen({ count: 0, newestFor: "" });
    };
    document.addEventListener("visibilitychange", reset);
    return () => document.removeEventListener("visibilitychange", reset);
  }, []);
  useEffect(() => {
    document.title = pageTitle(baseTitle, unseen.count, unseen.newestFor);
  }, [baseTitle, unseen]);
  const countArrivals = useCallback((n: number, newestFor: string) => {
    if (document.visibilityState === "hidden")
      setUnseen((state) => ({ count: state.count + n, newestFor }));
  }, []);
  return { countArrivals };
}

export interface Chime {
  /** Unlocks audio; only works inside a user gesture. */
  prime(): void;
  play(): void;
}

/**
 * A short two-note chime, synthesised so no audio file is needed.
 * @param soundOn the reader wants sound: their key presses unlock audio.
 */
export function useChime(soundOn: boolean): Chime {
  const context = useRef<AudioContext | null>(null);
  // Browsers start audio only after a user gesture: prime() runs in the click
  // that switches sound on, and after a reload every key press tries again.
  const prime = useCallback(() => {
    if (typeof AudioContext === "undefined") return;
    context.current ??= new AudioContext();
    void context.current.resume();
  }, []);
  useEffect(() => {
    if (!soundOn) return;
    document.addEventListener("keydown", prime);
    return () => document.removeEventListener("keydown", prime);
  }, [soundOn, prime]);
  const play = useCallback(() => {
    const ctx = context.current;
    if (ctx?.state !== "running") return;
    const start = ctx.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.3);
    }
  }, []);
  return { prime, play };
}

// The one-second tick, for the components that show time (ages, countdowns)
// and only them: one wake, on the browser clock's whole seconds, serves every
// subscriber, so all ages on the page tick together in one render pass.
// Nothing else re-renders on the tick: the list, the highlight and the
// refusal banner wake at their own deadlines (use-timed-memo.ts), put on the
// tick's slot when they need no finer time (logic/render-slots.ts).
import { useEffect, useState } from "preact/hooks";
import { nextSlot } from "../logic/render-slots.js";
import { wakeAt } from "./wake-scheduler.js";

type Subscriber = (nowMs: number) => void;

const subscribers = new Set<Subscriber>();
let cancelTick: (() => void) | undefined;
/** The clock as of the last tick: what a component mounted between ticks shows too. */
let current = 0;

function schedule(): void {
  cancelTick = wakeAt(nextSlot(Date.now() + 1), tick);
}

function tick(): void {
  current = Date.now();
  schedule();
  for (const subscriber of subscribers) subscriber(current);
}

/** The last tick's reading, or the clock now when nothing ticks. */
function latest(): number {
  if (cancelTick === undefined) current = Date.now();
  return current;
}

function subscribe(subscriber: Subscriber): () => void {
  subscribers.add(subscriber);
  if (cancelTick === undefined) schedule();
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size > 0) return;
    cancelTick?.();
    cancelTick = undefined;
  };
}

/**
 * The browser clock, re-read on every whole second (the same reading for every
 * subscriber). While `paused` it holds still; on resuming it jumps to the
 * latest reading at once.
 */
export function useNow(paused = false): number {
  const [now, setNow] = useState(latest);
  useEffect(() => {
    if (paused) return;
    setNow(latest());
    return subscribe(setNow);
  }, [paused]);
  return now;
}

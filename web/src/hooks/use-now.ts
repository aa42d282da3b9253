// The one-second tick, for the components that show time (ages, countdowns)
// and only them: one timer, aligned to the browser clock's whole seconds,
// serves every subscriber, so all ages on the page tick together in one
// render pass. Nothing else re-renders on the tick: the list, the highlight
// and the refusal banner wake at their own deadlines (use-wake-at.ts).
import { useEffect, useState } from "preact/hooks";

type Subscriber = (nowMs: number) => void;

const subscribers = new Set<Subscriber>();
let timer: ReturnType<typeof setTimeout> | undefined;
/** The clock as of the last tick: what a component mounted between ticks shows too. */
let current = 0;

function schedule(): void {
  // 5 ms past the second, so a timer that fires a little early still reads the new second.
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

function tick(): void {
  current = Date.now();
  for (const subscriber of subscribers) subscriber(current);
  schedule();
}

function subscribe(subscriber: Subscriber): () => void {
  subscribers.add(subscriber);
  if (timer === undefined) schedule();
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size > 0) return;
    clearTimeout(timer);
    timer = undefined;
  };
}

/** The browser clock, re-read on every whole second (the same reading for every subscriber). */
export function useNow(): number {
  const [now, setNow] = useState(() => {
    if (timer === undefined) current = Date.now();
    return current;
  });
  useEffect(() => subscribe(setNow), []);
  return now;
}

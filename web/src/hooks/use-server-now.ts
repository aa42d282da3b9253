// Server time for the components that show it: the shared one-second tick
// (use-now.ts) minus the page's learnt clock offset (logic/clock.ts), which
// the inbox screen provides. A context, so rows and cards that are otherwise
// memoised need no prop that changes on every tick.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { useNow } from "./use-now.js";

/** Milliseconds the browser clock runs ahead of the server's (clockOffsetMs). */
export const ClockOffsetContext = createContext(0);

/** The server's clock, ticking once a second (holding still while `paused`). */
export function useServerNow(paused = false): number {
  return useNow(paused) - useContext(ClockOffsetContext);
}

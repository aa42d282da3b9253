// The instants at which the clock may wake the page. A render costs Chromium
// a frame whatever it changes, so renders the clock sets off for different
// reasons (the ages' one-second tick, a highlight's end, a code's expiry, a
// held snapshot under a stream of codes) are put on one grid: those due in the
// same slot run in one task, and Preact renders them in one pass. Under six
// codes a second this halved the frames the page drew.

/** Past the browser clock's whole second, so a timer that fires a little early still reads the new second. */
export const SLOT_OFFSET_MS = 5;

/**
 * The first slot at or after `atMs` on a grid of `perSecond` slots spread
 * evenly over each second of the browser clock; every grid includes the
 * whole seconds (plus SLOT_OFFSET_MS), where the one-second tick falls.
 */
export function nextSlot(atMs: number, perSecond = 1): number {
  if (!Number.isInteger(perSecond) || perSecond < 1) {
    throw new RangeError(`perSecond must be a positive integer, not ${perSecond}`);
  }
  // The grid's whole second at or before atMs.
  const second = Math.floor((atMs - SLOT_OFFSET_MS) / 1000) * 1000 + SLOT_OFFSET_MS;
  for (let k = 0; k < perSecond; k++) {
    const slot = second + Math.round((k * 1000) / perSecond);
    if (slot >= atMs) return slot;
  }
  return second + 1000;
}

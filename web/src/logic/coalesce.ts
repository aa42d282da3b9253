// Every snapshot re-renders the list, and at a steady stream (a login test
// loop, six codes a second) rendering each one kept the renderer busy for a
// quarter of a core; under a flood (a load test, a runaway script: dozens a
// second) the page would stop answering keys. A snapshot is a whole state, not
// a change, so only the latest matters. But merging costs latency, and a
// demo's codes must show the moment they land, two at once included. So
// snapshots pass at once until more than a tier's count have come within
// WINDOW_MS, which no person logging in produces; from then on each is held
// for the tier's next render slot (logic/render-slots.ts) and those held
// together are merged into one. The slots include the one-second tick's, so
// one render a second serves both. The longest a code waits is the flood's
// gap: well inside the second the inbox promises.
import { nextSlot } from "./render-slots.js";

export const WINDOW_MS = 1_000;

/** A steady stream: more snapshots a second than a person logging in makes; three renders a second. */
export const STREAM_SNAPSHOTS = 4;
export const STREAM_RENDERS_PER_S = 3;
/** The longest a snapshot waits in a stream. */
export const STREAM_GAP_MS = Math.ceil(1000 / STREAM_RENDERS_PER_S);

/** A flood: two a second. Ten demo users logging in at once stay well under this. */
export const FLOOD_SNAPSHOTS = 20;
export const FLOOD_RENDERS_PER_S = 2;
/** The longest a snapshot waits in a flood. */
export const FLOOD_GAP_MS = Math.ceil(1000 / FLOOD_RENDERS_PER_S);

/** The arrival times still inside the window that ends at `nowMs`, this one included. */
export function recentArrivals(
  arrivals: readonly number[],
  nowMs: number,
  windowMs: number = WINDOW_MS,
): number[] {
  return [...arrivals.filter((at) => at > nowMs - windowMs), nowMs];
}

/** Renders a second for this many snapshots inside the window: undefined renders each at once. */
export function rendersPerSecond(recent: number): number | undefined {
  if (recent > FLOOD_SNAPSHOTS) return FLOOD_RENDERS_PER_S;
  if (recent > STREAM_SNAPSHOTS) return STREAM_RENDERS_PER_S;
  return undefined;
}

/**
 * When to deliver a snapshot that comes at `nowMs`, the `recent`-th inside
 * the window: undefined delivers it now.
 */
export function snapshotDue(recent: number, nowMs: number): number | undefined {
  const perSecond = rendersPerSecond(recent);
  return perSecond === undefined ? undefined : nextSlot(nowMs, perSecond);
}

// Every snapshot re-renders the list, and at a steady stream (a login test
// loop, six codes a second) rendering each one kept the renderer busy for a
// quarter of a core; under a flood (a load test, a runaway script: dozens a
// second) the page would stop answering keys. A snapshot is a whole state, not
// a change, so only the latest matters. But merging costs latency, and a
// demo's codes must show the moment they land, two at once included. So
// snapshots pass at once until more than a tier's count have come within
// WINDOW_MS, which no person logging in produces; from then on those that
// follow a render within the tier's gap are merged into one, delivered when
// the gap is up. The longest a code waits is the flood's gap: well inside the
// second the inbox promises.

export const WINDOW_MS = 1_000;

/** A steady stream: more snapshots a second than a person logging in makes; three renders a second. */
export const STREAM_SNAPSHOTS = 4;
export const STREAM_GAP_MS = 333;

/** A flood: two a second. Ten demo users logging in at once stay well under this. */
export const FLOOD_SNAPSHOTS = 20;
export const FLOOD_GAP_MS = 500;

/** The arrival times still inside the window that ends at `nowMs`, this one included. */
export function recentArrivals(
  arrivals: readonly number[],
  nowMs: number,
  windowMs: number = WINDOW_MS,
): number[] {
  return [...arrivals.filter((at) => at > nowMs - windowMs), nowMs];
}

/** The gap between renders for this many snapshots inside the window: 0 renders each. */
export function renderGap(recent: number): number {
  if (recent > FLOOD_SNAPSHOTS) return FLOOD_GAP_MS;
  if (recent > STREAM_SNAPSHOTS) return STREAM_GAP_MS;
  return 0;
}

/**
 * How long to hold a snapshot that comes at `nowMs`, the `recent`-th inside
 * the window: 0 delivers it now.
 */
export function snapshotDelay(
  recent: number,
  lastDeliveredAt: number | null,
  nowMs: number,
): number {
  const gapMs = renderGap(recent);
  if (gapMs === 0 || lastDeliveredAt === null) return 0;
  return Math.max(0, lastDeliveredAt + gapMs - nowMs);
}

// Under a flood (a load test, a runaway script: dozens of codes a second) every
// snapshot would re-render and re-lay out the list, and the page would stop
// answering keys. A snapshot is a whole state, not a change, so only the latest
// matters. But merging costs latency, and a demo's codes must show the moment
// they land, two at once included. So snapshots pass at once until more than
// FLOOD_SNAPSHOTS have come within FLOOD_WINDOW_MS, which no person logging in
// produces; from then on those that follow a render within FLOOD_GAP_MS are
// merged into one, delivered when the gap is up.

export const FLOOD_WINDOW_MS = 1_000;
/** Ten demo users logging in at once stay well under this. */
export const FLOOD_SNAPSHOTS = 20;
export const FLOOD_GAP_MS = 500;

/** The arrival times still inside the window that ends at `nowMs`, this one included. */
export function recentArrivals(
  arrivals: readonly number[],
  nowMs: number,
  windowMs: number = FLOOD_WINDOW_MS,
): number[] {
  return [...arrivals.filter((at) => at > nowMs - windowMs), nowMs];
}

/**
 * How long to hold a snapshot that comes at `nowMs`, the `recent`-th inside
 * the window: 0 delivers it now.
 */
export function snapshotDelay(
  recent: number,
  lastDeliveredAt: number | null,
  nowMs: number,
  gapMs: number = FLOOD_GAP_MS,
): number {
  if (recent <= FLOOD_SNAPSHOTS || lastDeliveredAt === null) return 0;
  return Math.max(0, lastDeliveredAt + gapMs - nowMs);
}

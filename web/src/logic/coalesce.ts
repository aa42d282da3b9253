// Under a flood (a load test, a runaway script: dozens of codes a second) every
// snapshot would re-render and re-lay out the list, and the page would stop
// answering keys. A snapshot is a whole state, not a change, so only the latest
// matters: one passes at once after a quiet spell, and those that follow within
// SNAPSHOT_GAP_MS are merged into one, delivered when the gap is up. A demo's
// single code is never delayed.

export const SNAPSHOT_GAP_MS = 500;

/** How long to hold a snapshot that comes at `nowMs`: 0 delivers it now. */
export function snapshotDelay(
  lastDeliveredAt: number | null,
  nowMs: number,
  gapMs: number = SNAPSHOT_GAP_MS,
): number {
  if (lastDeliveredAt === null) return 0;
  return Math.max(0, lastDeliveredAt + gapMs - nowMs);
}

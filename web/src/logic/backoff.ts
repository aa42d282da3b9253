// How long to wait before trying again after the n-th failure in a row: a
// listener that re-attaches, a heal that did not take. Doubling from a short
// first wait, capped so that a page left open through a long outage still
// tries often enough to come back soon after the backend does.

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** Listeners re-attach after an error: 1 s, 2 s, 4 s … at most 30 s. */
export const LISTENER_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000 };

/** @param failures failures in a row so far, at least 1. */
export function backoffDelay(failures: number, { firstMs, maxMs }: Backoff): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(maxMs, firstMs * 2 ** exponent);
}

// Browser and Node timestamps on one clock: a page's epoch milliseconds
// (performance.timeOrigin + performance.now()) minus Node's, estimated NTP-style
// from the round trip over the DevTools connection with the smallest delay.
import type { Page } from "playwright-core";

/** Node's epoch milliseconds, sub-millisecond, like the page's. */
export const nodeNow = (): number => performance.timeOrigin + performance.now();

export interface ClockOffset {
  /** Add to a Node time to get the page's; subtract from a page time to get Node's. */
  offsetMs: number;
  /** Half the best round trip: the offset is right to within this. */
  uncertaintyMs: number;
}

export async function browserClockOffset(page: Page, rounds = 30): Promise<ClockOffset> {
  let offsetMs = 0;
  let bestRoundTrip = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rounds; i++) {
    const sent = nodeNow();
    const browserNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const received = nodeNow();
    if (received - sent < bestRoundTrip) {
      bestRoundTrip = received - sent;
      offsetMs = browserNow - (sent + received) / 2;
    }
  }
  return { offsetMs, uncertaintyMs: bestRoundTrip / 2 };
}

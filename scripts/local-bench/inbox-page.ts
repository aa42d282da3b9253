// The inbox page in Chromium as the bench sees it: signed in through the Auth
// emulator's Google route, with every code row's first appearance in the DOM
// timestamped by a MutationObserver inside the page.
import { browserClockOffset, type ClockOffset } from "@sms-inbox/local-stack/browser-clock";
import type { Browser, BrowserContext, Page } from "playwright-core";

/**
 * Installed before any page script: window.__arrivals[id] = epoch ms (page
 * clock) at which a row first appeared. No named functions inside: tsx would
 * wrap them in a helper the page does not have.
 */
export function recordRowArrivals(rows: { selector: string; attribute: string }): void {
  const seen: Record<string, number> = {};
  (window as unknown as { __arrivals: Record<string, number> }).__arrivals = seen;
  new MutationObserver(() => {
    const at = performance.timeOrigin + performance.now();
    for (const row of document.querySelectorAll<HTMLElement>(rows.selector)) {
      const id = row.getAttribute(rows.attribute);
      if (id && !(id in seen)) seen[id] = at;
    }
  }).observe(document, { childList: true, subtree: true });
}

export interface TimedPage {
  context: BrowserContext;
  page: Page;
  clock: ClockOffset;
  /** Node-clock epoch ms at which each id first appeared; waits until all have. */
  arrivals(ids: readonly string[], timeoutMs?: number): Promise<number[]>;
}

export async function timedPage(context: BrowserContext, page: Page): Promise<TimedPage> {
  const clock = await browserClockOffset(page);
  return {
    context,
    page,
    clock,
    async arrivals(ids, timeoutMs = 60_000) {
      const wanted = [...ids];
      const handle = await page
        .waitForFunction(
          (list) => {
            const seen = (window as unknown as { __arrivals?: Record<string, number> }).__arrivals;
            const times = list.map((id) => seen?.[id]);
            return times.every((t) => t !== undefined) ? times : undefined;
          },
          wanted,
          { timeout: timeoutMs, polling: "raf" },
        )
        .catch(async (error: unknown) => {
          const state = await page
            .evaluate(() => {
              const seen = (window as unknown as { __arrivals?: Record<string, number> })
                .__arrivals;
              return `${seen ? Object.keys(seen).length : "no"} rows recorded; page: ${document.body?.textContent?.slice(0, 300)}`;
            })
            .catch(() => "page unreadable");
          throw new Error(`${wanted.length} rows (${wanted[0]} …) never appeared: ${state}`, {
            cause: error,
          });
        });
      const times = (await handle.jsonValue()) as number[];
      return times.map((t) => t - clock.offsetMs);
    },
  };
}

export const CODE_ROW = { selector: ".code-row[data-code-id]", attribute: "data-code-id" };

/** A fresh browser context with the inbox open, signed in as `email` (who must be allowed), live. */
export async function openSignedInInbox(
  browser: Browser,
  inboxUrl: string,
  email: string,
): Promise<TimedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordRowArrivals, CODE_ROW);
  const page = await context.newPage();
  await page.goto(inboxUrl);
  await signInWithEmulatedGoogle(page, email);
  await page.locator('.connection[data-state="live"]').waitFor({ timeout: 60_000 });
  return timedPage(context, page);
}

/** The emulator build's Google sign-in (the Auth emulator's own popup needs the internet). */
export async function signInWithEmulatedGoogle(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await page.getByLabel("Google account email").fill(email);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
}

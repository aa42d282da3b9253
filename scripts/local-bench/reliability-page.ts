// The inbox page open in headless Chromium while test:reliability loads the
// webhook: what a presenter would notice, measured inside the page (rows as
// they appear, key presses from the input event to the page's reaction), so
// the figures are the page's own, not Node polling it.
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import {
  allow,
  type InboxPage,
  openInbox,
  signInWithGoogle,
  waitForConnection,
} from "@sms-inbox/local-stack/inbox-page";
import type { Browser } from "playwright-core";

export interface KeyPress {
  /** From the key event's timestamp to the shortcut's handler moving focus. */
  handledMs: number;
  /** From the key event to the next animation frame after it: the reaction painted. */
  paintedMs: number;
}

export interface PageRecord {
  /** When each code id first showed as a row (epoch ms). */
  seen: Record<string, number>;
  /** The most code rows in the DOM at any one time. */
  maxRows: number;
  presses: KeyPress[];
}

interface Recorder extends PageRecord {
  keyAt: number | null;
  /** Called by each recorded press: the driver's wait for it. */
  onPress: (() => void) | null;
}

export interface WatchedInbox {
  inbox: InboxPage;
  /** Presses "/" (focus the filter), waits for the page's reaction, and blurs the field again. */
  keyPress(): Promise<KeyPress>;
  record(): Promise<PageRecord>;
  /** Code ids in the order the list shows them. */
  rowIds(): Promise<string[]>;
  /** The line that says older codes are hidden, if shown. */
  hiddenNotice(): Promise<string | null>;
  close(): Promise<void>;
}

export async function openWatchedInbox(email: string): Promise<WatchedInbox> {
  const browser: Browser = await launchChromium();
  try {
    await allow(email);
    const inbox = await openInbox(browser);
    await signInWithGoogle(inbox.page, email);
    await waitForConnection(inbox.page, "live", 60_000);
    // tsx compiles with esbuild's keepNames, which wraps named functions in
    // __name(): the functions below run in the page, where it must exist.
    await inbox.page.evaluate("globalThis.__name = (fn) => fn");
    await inbox.page.evaluate(() => {
      const record: Recorder = {
        seen: {},
        maxRows: 0,
        presses: [],
        keyAt: null,
        onPress: null,
      };
      (window as unknown as { __reliability: Recorder }).__reliability = record;
      const note = () => {
        const rows = document.querySelectorAll<HTMLElement>(".code-row[data-code-id]");
        record.maxRows = Math.max(record.maxRows, rows.length);
        const at = performance.timeOrigin + performance.now();
        for (const row of rows) {
          const id = row.dataset.codeId;
          if (id && !(id in record.seen)) record.seen[id] = at;
        }
      };
      new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
      note();
      // Capture phase: stamped before the page's own handler runs.
      document.addEventListener(
        "keydown",
        (event) => {
          if (event.key === "/") record.keyAt = event.timeStamp;
        },
        true,
      );
      document.addEventListener("focusin", () => {
        const keyAt = record.keyAt;
        if (keyAt === null) return;
        record.keyAt = null;
        const handledMs = performance.now() - keyAt;
        requestAnimationFrame(() => {
          record.presses.push({ handledMs, paintedMs: performance.now() - keyAt });
          record.onPress?.();
        });
      });
    });
    const page = inbox.page;
    const record = () =>
      page.evaluate(() => {
        const { seen, maxRows, presses } = (window as unknown as { __reliability: Recorder })
          .__reliability;
        return { seen, maxRows, presses };
      });
    // Presses so far: each keyPress() waits for its own before the next.
    let pressed = 0;
    return {
      inbox,
      async keyPress() {
        await page.keyboard.press("/");
        // A press that times out still takes its place: the next one's is the next.
        const waiting = pressed;
        pressed += 1;
        // One round trip that waits inside the page: polling from here would
        // run a check in the page on every frame, work a presenter's page never
        // does, on the same main thread the figure measures.
        return page.evaluate(
          (n) =>
            new Promise<KeyPress>((resolve, reject) => {
              const recorder = (window as unknown as { __reliability: Recorder }).__reliability;
              const timer = setTimeout(() => {
                recorder.onPress = null;
                reject(new Error("the page did not react to the key within 10 s"));
              }, 10_000);
              const settle = () => {
                const recorded = recorder.presses[n];
                if (!recorded) return;
                clearTimeout(timer);
                recorder.onPress = null;
                (document.activeElement as HTMLElement | null)?.blur();
                resolve(recorded);
              };
              recorder.onPress = settle;
              settle();
            }),
          waiting,
        );
      },
      record,
      rowIds: () =>
        page
          .locator(".code-list .code-row")
          .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-code-id") ?? "")),
      hiddenNotice: async () => {
        const notice = page.locator(".hidden-notice");
        return (await notice.count()) > 0 ? await notice.textContent() : null;
      },
      async close() {
        await inbox.context.close();
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** "p50 12 ms, p95 30 ms, max 41 ms" */
export function quantiles(samples: readonly number[]): { p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

export const describeQuantiles = (samples: readonly number[]): string => {
  const { p50, p95, max } = quantiles(samples);
  return `p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${max.toFixed(0)} ms`;
};

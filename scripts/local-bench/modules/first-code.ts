// Row 6, time: from navigation to the first code rendered, signed in. Each
// load is a fresh browser context (nothing cached) holding the session the
// page left in IndexedDB, as a returning presenter's browser does.
import { clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { BENCH_PRESENTER, benchPayload, writeBenchLabels } from "../bench-data.js";
import { type BenchModule, type StackContext, standing } from "../bench-module.js";
import { openSignedInInbox } from "../inbox-page.js";
import { describeSummary, summarize } from "../stats.js";
import { allowPresenter } from "./screen.js";

const TARGET_MS = 1_500;

/** Init script: window.__firstCode = ms since navigation start when a code row first appears. */
function recordFirstCode(): void {
  const target = window as unknown as { __firstCode?: number };
  new MutationObserver(() => {
    if (target.__firstCode === undefined && document.querySelector(".code-row[data-code-id]")) {
      target.__firstCode = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
}

export const firstCodeModule: BenchModule = {
  key: "first-code",
  name: "navigation → first code (row 6)",
  scope: "per-firestore",
  async run({ profile, stack, db, browser }: StackContext) {
    const loads = profile === "quick" ? 3 : 10;
    await clearFirestore();
    await writeBenchLabels(db);
    await allowPresenter(db);
    const chromium = await browser();
    const signedIn = await openSignedInInbox(chromium, stack.env.inboxUrl, BENCH_PRESENTER);
    const response = await fetch(stack.env.webhookUrl, {
      method: "POST",
      headers: {
        authorization: `Bearer ${stack.env.webhookSecret}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(benchPayload(0, `bench-first-code-${Date.now()}`)),
    });
    if (response.status !== 201) throw new Error(`the webhook answered ${response.status}`);
    await signedIn.page.locator(".code-row").first().waitFor();
    const session = await signedIn.context.storageState({ indexedDB: true });
    await signedIn.context.close();

    const samples: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await chromium.newContext({
        storageState: session,
        viewport: { width: 1280, height: 900 },
      });
      try {
        await context.addInitScript(recordFirstCode);
        const page = await context.newPage();
        await page.goto(stack.env.inboxUrl);
        const handle = await page.waitForFunction(
          () => (window as unknown as { __firstCode?: number }).__firstCode,
          undefined,
          { timeout: 30_000 },
        );
        samples.push((await handle.jsonValue()) as number);
      } finally {
        await context.close();
      }
    }
    const s = summarize(samples);
    return [
      {
        id: "6c",
        measurement: `Navigation → first code rendered, signed in (fresh browser context per load, session restored)`,
        result: describeSummary(s),
        target: `≤ ${TARGET_MS} ms`,
        standing: standing(s.max <= TARGET_MS),
      },
    ];
  },
};

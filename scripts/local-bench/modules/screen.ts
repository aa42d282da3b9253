// Rows 1–3: how long a code takes from the start of its webhook request to its
// row in the signed-in inbox's DOM; the floor, a document written straight
// into Firestore with firebase-admin, to the same page; and the seed's page,
// a reader that re-queries every 5 s, measured from the same webhook requests.
// Webhook and floor codes alternate, so both see the same machine.
import { nodeNow } from "@sms-inbox/local-stack/browser-clock";
import { clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { addEntries, parseAccessEntry } from "@sms-inbox/operator/access/access-list";
import { changeAccess } from "@sms-inbox/operator/access/access-store";
import type { Firestore } from "firebase-admin/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import type { OtpWebhookPayload } from "functions/contract/webhook-payload";
import {
  BENCH_PRESENTER,
  benchPayload,
  codesCollection,
  deleteRunCodes,
  storedCodeFor,
  writeBenchLabels,
} from "../bench-data.js";
import { type BenchModule, type BenchRow, type StackContext, standing } from "../bench-module.js";
import { openSignedInInbox, type TimedPage } from "../inbox-page.js";
import { openPollingReader } from "../polling-reader/reader.js";
import { describeSummary, ms, type Summary, summarize, times } from "../stats.js";

const POLL_INTERVAL_MS = 5_000;
const BATCH = 10;

interface Sent {
  id: string;
  /** Node clock, epoch ms, when the request or write started. */
  startedAt: number;
}

export async function allowPresenter(db: Firestore): Promise<void> {
  await changeAccess(db, (current) => addEntries(current, [parseAccessEntry(BENCH_PRESENTER)]));
}

function webhookSender(url: string, secret: string) {
  return async (payload: OtpWebhookPayload): Promise<Sent> => {
    const startedAt = nodeNow();
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const text = await response.text();
    const id = response.status === 201 ? (JSON.parse(text) as { id?: string }).id : undefined;
    if (!id) throw new Error(`the webhook answered ${response.status}: ${text.slice(0, 200)}`);
    return { id, startedAt };
  };
}

function directWriter(db: Firestore) {
  return async (payload: OtpWebhookPayload): Promise<Sent> => {
    const ref = codesCollection(db).doc();
    const doc = storedCodeFor(payload);
    const startedAt = nodeNow();
    await ref.create(doc);
    return { id: ref.id, startedAt };
  };
}

interface Measured {
  sent: Sent[];
  latencies: number[];
  /** Why codes of the batch were not stored (a 503 under load, say); they have no latency. */
  failures: string[];
}

/** Sends `batch` codes at once and waits for each stored one on the page; latencies in ms. */
async function measure(
  page: TimedPage,
  send: (payload: OtpWebhookPayload) => Promise<Sent>,
  payloads: () => OtpWebhookPayload,
  batch: number,
): Promise<Measured> {
  const results = await Promise.allSettled(Array.from({ length: batch }, () => send(payloads())));
  const sent = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failures = results.flatMap((r) =>
    r.status === "rejected"
      ? [r.reason instanceof Error ? r.reason.message : String(r.reason)]
      : [],
  );
  const seen = await page.arrivals(sent.map((s) => s.id));
  return {
    sent,
    latencies: seen.map((at, i) => at - (sent[i]?.startedAt ?? Number.NaN)),
    failures,
  };
}

function latencyRows(
  id: string,
  how: string,
  webhook: Summary,
  floor: Summary,
): { ours: BenchRow; floorRow: BenchRow } {
  const medianRatio = webhook.median / floor.median;
  return {
    ours: {
      id: `1${id}`,
      measurement: `Webhook → screen, ${how}`,
      result: describeSummary(webhook),
      reference: `floor (2${id}): ${times(webhook.median, floor.median)} at the median, ${times(webhook.p95, floor.p95)} at p95`,
      target: "median ≤ 2× the floor, p95 ≤ 100 ms",
      standing: standing(medianRatio <= 2 && webhook.p95 <= 100),
    },
    floorRow: {
      id: `2${id}`,
      measurement: `Floor: firebase-admin create → the same page, ${how}`,
      result: describeSummary(floor),
    },
  };
}

export const screenModule: BenchModule = {
  key: "screen",
  name: "webhook → screen, its floor and 5 s polling (rows 1–3)",
  scope: "per-firestore",
  async run({ profile, stack, db, browser, log }: StackContext) {
    const count = profile === "quick" ? 40 : 200;
    const warmup = profile === "quick" ? 5 : 20;
    await clearFirestore();
    await writeBenchLabels(db);
    await allowPresenter(db);
    const chromium = await browser();
    const inbox = await openSignedInInbox(chromium, stack.env.inboxUrl, BENCH_PRESENTER);
    const [host = "127.0.0.1", port = "8080"] = stack.env.firestoreHost.split(":");
    const reader = await openPollingReader(chromium, {
      host,
      port: Number(port),
      projectId: stack.env.projectId,
      email: BENCH_PRESENTER,
      collection: COLLECTIONS.codes,
      sinceMs: Date.now() - 60_000,
      intervalMs: POLL_INTERVAL_MS,
    });
    log(
      `  page clock offset ${ms(inbox.clock.offsetMs)} ± ${ms(inbox.clock.uncertaintyMs)} ms; ` +
        `reader ± ${ms(reader.clock.uncertaintyMs)} ms`,
    );
    const post = webhookSender(stack.env.webhookUrl, stack.env.webhookSecret);
    const write = directWriter(db);
    const tag = `bench-screen-${Date.now()}`;
    let n = 0;
    const next = () => benchPayload(n++, tag);

    try {
      // Warm-up: the Functions emulator starts workers, the page and SDKs
      // settle (a code a cold worker fails to store is of no interest here).
      for (let i = 0; i < warmup; i++) {
        await measure(inbox, post, next, 1);
        await measure(inbox, write, next, 1);
      }
      for (let i = 0; i < 3; i++) {
        await measure(inbox, post, next, BATCH);
        await measure(inbox, write, next, BATCH);
      }
      await deleteRunCodes(db, tag);

      const failures: string[] = [];
      const webhookOne: number[] = [];
      const floorOne: number[] = [];
      const polled: Sent[] = [];
      for (let i = 0; i < count; i++) {
        const ours = await measure(inbox, post, next, 1);
        webhookOne.push(...ours.latencies);
        polled.push(...ours.sent);
        const floor = await measure(inbox, write, next, 1);
        floorOne.push(...floor.latencies);
        failures.push(...ours.failures, ...floor.failures);
      }
      log(`  one at a time: ${count} webhook codes, ${count} direct writes`);
      // The reader shows each code at its next poll, at most 5 s later.
      const readerSeen = await reader
        .arrivals(
          polled.map((s) => s.id),
          3 * POLL_INTERVAL_MS + 30_000,
        )
        .catch(async (error: unknown) => {
          const state = await reader.page.evaluate(() => ({
            polls: window.pollingReader.polls,
            lastSize: window.pollingReader.lastSize,
            errors: window.pollingReader.errors.slice(-3),
          }));
          throw new Error(`the polling reader: ${JSON.stringify(state)}`, { cause: error });
        });
      const polling = readerSeen.map((at, i) => at - (polled[i]?.startedAt ?? Number.NaN));
      await deleteRunCodes(db, tag);

      const webhookTen: number[] = [];
      const floorTen: number[] = [];
      for (let i = 0; i < count / BATCH; i++) {
        const ours = await measure(inbox, post, next, BATCH);
        webhookTen.push(...ours.latencies);
        const floor = await measure(inbox, write, next, BATCH);
        floorTen.push(...floor.latencies);
        failures.push(...ours.failures, ...floor.failures);
      }
      log(`  ${BATCH} at a time: ${count} webhook codes, ${count} direct writes`);
      if (failures.length > 0) {
        log(`  ${failures.length} codes not stored (left out of the figures), e.g. ${failures[0]}`);
      }

      const one = latencyRows("a", "one at a time", summarize(webhookOne), summarize(floorOne));
      const ten = latencyRows(
        "b",
        `${BATCH} at a time`,
        summarize(webhookTen),
        summarize(floorTen),
      );
      const ours = summarize(webhookOne);
      const seed = summarize(polling);
      return [
        one.ours,
        ten.ours,
        one.floorRow,
        ten.floorRow,
        {
          id: "3",
          measurement:
            "Seed's baseline: a reader re-querying every 5 s, same webhook requests as 1a",
          result: describeSummary(seed),
          reference: `1a is ${times(seed.median, ours.median)} faster at the median, ${times(seed.p95, ours.p95)} at p95`,
          target: "1a ≥ 25× faster at the median",
          standing: standing(seed.median / ours.median >= 25),
        },
      ];
    } finally {
      await inbox.context.close();
      await reader.close();
      await deleteRunCodes(db, tag).catch(() => 0);
    }
  },
};

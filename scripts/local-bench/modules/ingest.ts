// Row 4: requests per second and latency at concurrency 1, 10 and 50, (a)
// through the Functions emulator (a worker process per concurrent request: not
// what production runs) and (b) on functions-framework in one process, each
// with an exact check that every accepted code was stored once; beside (b),
// the floor: firebase-admin creating the same documents on the same Firestore.
import { startFrameworkFunction } from "@sms-inbox/local-stack/functions-framework";
import { clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import type { Firestore } from "firebase-admin/firestore";
import { FUNCTION_ID } from "functions/config";
import { IDEMPOTENCY_HEADER } from "functions/contract/notification";
import {
  benchPayload,
  codesCollection,
  firstTimePayload,
  storedCodeFor,
  writeBenchLabels,
} from "../bench-data.js";
import { type BenchModule, type BenchRow, type StackContext, standing } from "../bench-module.js";
import { describeStatuses, type LoadFigures, runLoad } from "../load.js";
import { peakRssMiB } from "../process-memory.js";
import { ms, summarize, times } from "../stats.js";

const CONCURRENCY = [1, 10, 50] as const;
/** The target's concurrency: ingest ≥ 0.7 × the floor there. */
const TARGET_CONCURRENCY = 50;
const TARGET_RATIO = 0.7;

interface Ingest {
  figures: LoadFigures;
  /** "2000 accepted, 2000 stored, each once" or what went wrong. */
  check: string;
}

interface Floor {
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
}

let runs = 0;
const newTag = (what: string) => `bench-ingest-${what}-${Date.now()}-${runs++}`;

/**
 * Every accepted code stored exactly once: the run's documents against its 201
 * answers. A document without an answer (the client timed out, or a 5xx came
 * after the write landed) breaks nothing: the sender retries with the same key.
 */
async function exactCheck(db: Firestore, tag: string, acceptedIds: string[]): Promise<string> {
  const stored = await codesCollection(db).where("tenant", "==", tag).get();
  const storedIds = new Set(stored.docs.map((doc) => doc.id));
  const duplicates = stored.size - new Set(stored.docs.map((doc) => doc.get("code"))).size;
  const missing = acceptedIds.filter((id) => !storedIds.has(id)).length;
  const repeated = acceptedIds.length - new Set(acceptedIds).size;
  const unanswered = stored.size - (acceptedIds.length - missing - repeated);
  if (missing === 0 && duplicates === 0 && repeated === 0) {
    return (
      `${acceptedIds.length} accepted, each stored once` +
      (unanswered > 0 ? `; ${unanswered} more stored whose answer never arrived` : "")
    );
  }
  return (
    `NOT EXACT: ${acceptedIds.length} accepted, ${missing} of them not stored, ` +
    `${repeated} ids answered twice, ${duplicates} codes stored twice`
  );
}

/** Which codes a load run posts: the demo users' mix, or each from someone never seen before. */
export type IngestMix = "demo" | "first-time";

export async function loadWebhook(
  db: Firestore,
  url: string,
  secret: string,
  connections: number,
  amount: number,
  mix: IngestMix = "demo",
): Promise<Ingest> {
  const tag = newTag(`c${connections}`);
  const series = runs;
  const payload = (n: number) =>
    mix === "demo" ? benchPayload(n, tag) : firstTimePayload(n, tag, series);
  const accepted: string[] = [];
  const figures = await runLoad({
    url,
    connections,
    amount,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    requestHeaders: (n) => ({ [IDEMPOTENCY_HEADER]: `${tag}-${n}` }),
    body: (n) => JSON.stringify(payload(n)),
    onResponse: (status, body) => {
      if (status === 201) accepted.push((JSON.parse(body) as { id: string }).id);
    },
  });
  return { figures, check: await exactCheck(db, tag, accepted) };
}

/** The same documents, created straight with firebase-admin, `connections` in flight. */
export async function loadFloor(
  db: Firestore,
  connections: number,
  amount: number,
): Promise<Floor> {
  const tag = newTag(`floor-c${connections}`);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < amount) {
      const doc = storedCodeFor(benchPayload(next++, tag));
      const t0 = performance.now();
      try {
        await codesCollection(db).doc().create(doc);
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(latencies);
  return { perSecond: latencies.length / seconds, p50: s.median, p90: s.p90, p99: s.p99, errors };
}

const describeIngest = ({ figures, check }: Ingest): string =>
  `${figures.perSecond.toFixed(0)} req/s; latency p50 ${figures.latency.p50} · p90 ${figures.latency.p90} · ` +
  `p99 ${figures.latency.p99} · max ${figures.latency.max} ms; non-2xx ${figures.non2xx} ` +
  `[${describeStatuses(figures)}]; ${check}`;

const describeFloor = (floor: Floor): string =>
  `${floor.perSecond.toFixed(0)} docs/s; latency p50 ${ms(floor.p50)} · p90 ${ms(floor.p90)} · p99 ${ms(floor.p99)} ms` +
  (floor.errors ? `; ${floor.errors} errors` : "");

export const ingestModule: BenchModule = {
  key: "ingest",
  name: "ingest (row 4)",
  scope: "per-firestore",
  async run({ profile, stack, db, log }: StackContext) {
    const amount = profile === "quick" ? 300 : 2000;
    const warmup = profile === "quick" ? 60 : 200;
    // Each run starts from the demo users alone, so none pays for another's
    // documents (the in-memory Firestore slows as a collection grows).
    const reset = async () => {
      await clearFirestore();
      await writeBenchLabels(db);
    };
    await reset();
    const secret = stack.env.webhookSecret;
    const framework = await startFrameworkFunction({
      target: FUNCTION_ID,
      firestoreHost: stack.env.firestoreHost,
      env: { OTP_WEBHOOK_SECRET: secret },
    });
    const rows: BenchRow[] = [];
    try {
      for (const connections of CONCURRENCY) {
        // Warm-ups at the same concurrency: the emulator's workers start, the
        // function's phoneLabels listener has its first snapshot, JITs settle.
        await reset();
        await loadWebhook(db, framework.url, secret, connections, warmup);
        const onFramework = await loadWebhook(db, framework.url, secret, connections, amount);
        // At the target's concurrency, the slow path beside the demo mix: every
        // code from a number and a person never seen (one read, one batch each).
        let firstTime: Ingest | undefined;
        if (connections === TARGET_CONCURRENCY) {
          await reset();
          await loadWebhook(db, framework.url, secret, connections, warmup, "first-time");
          firstTime = await loadWebhook(
            db,
            framework.url,
            secret,
            connections,
            amount,
            "first-time",
          );
        }
        await reset();
        await loadFloor(db, connections, warmup);
        const floor = await loadFloor(db, connections, amount);
        await reset();
        await loadWebhook(db, stack.env.functionUrl, secret, connections, warmup);
        const onEmulator = await loadWebhook(
          db,
          stack.env.functionUrl,
          secret,
          connections,
          amount,
        );
        log(
          `  concurrency ${connections}: emulator ${onEmulator.figures.perSecond.toFixed(0)} req/s, ` +
            `functions-framework ${onFramework.figures.perSecond.toFixed(0)} req/s` +
            (firstTime
              ? `, first-time people ${firstTime.figures.perSecond.toFixed(0)} req/s`
              : "") +
            `, floor ${floor.perSecond.toFixed(0)} docs/s`,
        );
        const ratio = onFramework.figures.perSecond / floor.perSecond;
        const atTarget = connections === TARGET_CONCURRENCY;
        rows.push(
          {
            id: `4a·${connections}`,
            measurement: `Ingest through the Functions emulator (a worker per concurrent request), concurrency ${connections}, ${amount} requests`,
            result: describeIngest(onEmulator),
          },
          {
            id: `4b·${connections}`,
            measurement: `Ingest on functions-framework (one process), concurrency ${connections}, ${amount} requests`,
            result: describeIngest(onFramework),
            reference: `floor (4f·${connections}): ${times(onFramework.figures.perSecond, floor.perSecond)} its rate`,
            ...(atTarget
              ? {
                  target: `≥ ${TARGET_RATIO}× the floor`,
                  standing: standing(ratio >= TARGET_RATIO),
                }
              : {}),
          },
          ...(firstTime
            ? [
                {
                  id: `4p·${connections}`,
                  measurement: `Ingest on functions-framework, codes from first-time people (each from a number and a person never seen before), concurrency ${connections}, ${amount} requests`,
                  result: describeIngest(firstTime),
                  reference:
                    `floor (4f·${connections}): ${times(firstTime.figures.perSecond, floor.perSecond)} its rate; ` +
                    `the demo mix (4b·${connections}): ${times(firstTime.figures.perSecond, onFramework.figures.perSecond)}`,
                },
              ]
            : []),
          {
            id: `4f·${connections}`,
            measurement: `Floor: firebase-admin creates the same documents, ${connections} in flight, ${amount} documents`,
            result: describeFloor(floor),
          },
        );
      }
      const peak = peakRssMiB(framework.process.pid);
      if (peak !== undefined) log(`  functions-framework peak RSS ${peak.toFixed(0)} MiB`);
    } finally {
      await framework.stop();
    }
    return rows;
  },
};

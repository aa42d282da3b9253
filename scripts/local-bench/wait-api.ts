// The codes API's wait on the production runtime (functions-framework, one
// process) against a given Firestore:
//  1. webhook → waiting client: from the start of the webhook request to the
//     waiting client's answer, one code at a time;
//  2. concurrent waits one process holds, the memory each costs, and that
//     every one is answered with its own code.
//
//   npm run bench:wait [-- --codes 200 --waits 400]
//
// measureWaitApi() starts a Firestore of its own, of the kind given, and
// returns the figures (`npm run bench` row 7 calls it with the stack's kind):
// its own, because the functions emulator's idle workers keep listeners open
// on the stack's, and Google's emulator makes every commit wait on every open
// listener (see docs/codes-api.md), which would measure them, not the waits.
import { waitForCode } from "@sms-inbox/inbox-client";
import { chooseFirestore, type FirestoreChoice } from "@sms-inbox/local-stack/firestore-choice";
import { probeFirestore } from "@sms-inbox/local-stack/firestore-probe";
import { startFrameworkFunction } from "@sms-inbox/local-stack/functions-framework";
import { freePort } from "@sms-inbox/local-stack/ports";
import { startStackFirestore } from "@sms-inbox/local-stack/stack-firestore";
import { isEntryPoint } from "@sms-inbox/operator/cli/command";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { CODES_API_FUNCTION_ID, FUNCTION_ID } from "functions/config";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { deliver } from "./deliver.js";
import { rssMiB } from "./process-memory.js";
import { describeSummary, type Summary, summarize } from "./stats.js";

const READ_TOKEN = "bench-read-token-0123456789";
const SECRET = "bench-webhook-secret-0123456789";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WaitApiOptions {
  /** Which Firestore to start for the run. */
  firestore: FirestoreChoice;
  /** Codes for the latency figure, one at a time. */
  codes: number;
  /** Waits held at once. */
  waits: number;
  log?: (line: string) => void;
}

export interface WaitApiFigures {
  /** Start of the webhook request → the waiting client's answer. */
  latency: Summary;
  waits: number;
  /** How many of the held waits were answered with their own code. */
  answeredOwn: number;
  idleRssMiB: number;
  holdingRssMiB: number;
  kibPerWait: number;
  /** How fast the webhook stored codes while every wait was open. */
  postsPerSecond: number;
  /** A code's post → its waiter's answer, while they were all open. */
  heldLatency: Summary;
  /** Codes the webhook stored only when asked again (a 503 past its Firestore deadline). */
  retried: number;
}

export async function measureWaitApi(options: WaitApiOptions): Promise<WaitApiFigures> {
  const port = await freePort("127.0.0.1");
  const firestore = await startStackFirestore({
    choice: options.firestore,
    host: "127.0.0.1",
    port,
    projectId: DEMO_PROJECT_ID,
    repoRoot: REPO_ROOT,
    interruptible: false,
    log: () => {},
  });
  try {
    return await measureOn(`127.0.0.1:${port}`, options);
  } finally {
    await firestore.stop();
  }
}

async function measureOn(firestoreHost: string, options: WaitApiOptions): Promise<WaitApiFigures> {
  const { codes: codeCount, waits: waitCount } = options;
  const log = options.log ?? (() => {});
  const env = {
    OTP_READ_TOKEN: READ_TOKEN,
    OTP_WEBHOOK_SECRET: SECRET,
    CODES_API_MAX_WAITS: String(Math.max(waitCount, 400)),
  };
  const [codes, webhook] = await Promise.all([
    startFrameworkFunction({ target: CODES_API_FUNCTION_ID, firestoreHost, env }),
    startFrameworkFunction({ target: FUNCTION_ID, firestoreHost, env }),
  ]);
  // Every run's people are its own, so a rerun on the same Firestore is not answered by the last.
  const run = Date.now().toString(36);
  const ask = (query: string) =>
    fetch(`${codes.url}?${query}`, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
  let retried = 0;
  const post = async (recipient: string, code: string, email: string) => {
    const { id, attempts } = await deliver(
      webhook.url,
      SECRET,
      { recipient, code, user: { email } },
      `${run}-${recipient}-${code}`,
    );
    retried += attempts > 1 ? 1 : 0;
    return id;
  };
  try {
    // 1. One waiting client, one code at a time.
    const latencies: number[] = [];
    const email = `latency-${run}@example.com`;
    let after = "";
    for (let i = 0; i < codeCount; i++) {
      const waiting = ask(
        `user=${encodeURIComponent(email)}&wait=20${after ? `&after=${after}` : ""}`,
      );
      await sleep(100); // let the listener start: the code must arrive during the wait
      const started = performance.now();
      const [answer] = await Promise.all([
        waiting.then(async (response) => {
          const body = (await response.json()) as { id: string };
          return { body, at: performance.now() };
        }),
        post("+61400000001", String(100000 + i), email),
      ]);
      latencies.push(answer.at - started);
      after = answer.body.id;
    }
    const latency = summarize(latencies);
    log(`  webhook → waiting client: ${describeSummary(latency)}`);

    // 2. Many waits held at once by one process.
    await sleep(1_000);
    const idleRssMiB = rssMiB(codes.process.pid) ?? Number.NaN;
    const people = Array.from({ length: waitCount }, (_, i) => ({
      email: `waiter${i}-${run}@example.com`,
      number: `+6141${String(i).padStart(7, "0")}`,
      code: String(200000 + i),
    }));
    // The client module asks again when a 30 s wait ends empty, as a login test
    // would; the codes go out one at a time, about 1/s on Google's emulator
    // with 400 listeners open, so the last waits the longest.
    const postedAt = new Array<number>(waitCount).fill(Number.NaN);
    const held = people.map((person, i) =>
      waitForCode({
        baseUrl: codes.url,
        token: READ_TOKEN,
        user: person.email,
        timeoutMs: 20 * 60_000,
      }).then(
        (answer) => ({
          ok: answer.code === person.code,
          ms: performance.now() - (postedAt[i] ?? 0),
        }),
        () => ({ ok: false, ms: Number.NaN }),
      ),
    );
    await sleep(Math.max(5_000, waitCount * 8));
    const holdingRssMiB = rssMiB(codes.process.pid) ?? Number.NaN;
    const postStarted = performance.now();
    // One at a time: with hundreds of listeners open, Google's emulator takes
    // each commit slowly enough that codes sent together would queue past the
    // webhook's 8 s deadline; one at a time measures the rate it sustains.
    for (const [i, p] of people.entries()) {
      postedAt[i] = performance.now();
      await post(p.number, p.code, p.email);
    }
    const postSeconds = (performance.now() - postStarted) / 1000;
    const answers = await Promise.all(held);
    const own = answers.filter((answer) => answer.ok);
    const figures: WaitApiFigures = {
      latency,
      waits: waitCount,
      answeredOwn: own.length,
      idleRssMiB,
      holdingRssMiB,
      kibPerWait: ((holdingRssMiB - idleRssMiB) * 1024) / waitCount,
      postsPerSecond: waitCount / postSeconds,
      heldLatency: summarize(own.map((answer) => answer.ms)),
      retried,
    };
    log(`  ${describeHeld(figures)}`);
    return figures;
  } finally {
    await Promise.all([codes.stop(), webhook.stop()]);
  }
}

export const describeHeld = (f: WaitApiFigures): string =>
  `${f.waits} concurrent waits in one process: RSS ${f.idleRssMiB.toFixed(0)} MiB idle → ` +
  `${f.holdingRssMiB.toFixed(0)} MiB holding them (${f.kibPerWait.toFixed(1)} KiB per wait); ` +
  `${f.answeredOwn}/${f.waits} answered with their own code; codes stored at ` +
  `${f.postsPerSecond.toFixed(0)}/s while they waited; post → its waiter ${describeSummary(f.heldLatency)}` +
  (f.retried
    ? `; ${f.retried} codes stored only on a retry (503 past the webhook's deadline)`
    : "");

if (isEntryPoint(import.meta.url)) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: {
      codes: { type: "string", default: "200" },
      waits: { type: "string", default: "400" },
    },
  });
  const codes = Number(values.codes);
  const waits = Number(values.waits);
  if (![codes, waits].every((n) => Number.isInteger(n) && n >= 1)) {
    console.error("--codes and --waits must be whole numbers, 1 or more");
    process.exit(64);
  }
  const choice = chooseFirestore(await probeFirestore(process.env));
  console.log(
    `Codes API wait on functions-framework, Node ${process.version}; Firestore: ${choice.reason}\n`,
  );
  await measureWaitApi({
    firestore: choice,
    codes,
    waits,
    log: (line) => console.log(line.trim()),
  });
}

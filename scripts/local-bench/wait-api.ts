// The codes API's wait on the production runtime (functions-framework, one
// process), against the same Firestore the local stack picks:
//  1. webhook → waiting client: from the start of the webhook request to the
//     waiting client's answer, one code at a time;
//  2. concurrent waits one process holds, the memory each costs, and that
//     every one is answered with its own code.
//
//   npm run bench:wait [-- --codes 200 --waits 400]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { waitForCode } from "@sms-inbox/inbox-client";
import { chooseFirestore } from "@sms-inbox/local-stack/firestore-choice";
import { probeFirestore } from "@sms-inbox/local-stack/firestore-probe";
import { startFrameworkFunction } from "@sms-inbox/local-stack/functions-framework";
import { freePort } from "@sms-inbox/local-stack/ports";
import { startStackFirestore } from "@sms-inbox/local-stack/stack-firestore";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";

const { values } = parseArgs({
  options: {
    codes: { type: "string", default: "200" },
    waits: { type: "string", default: "400" },
  },
});
const codeCount = Number(values.codes);
const waitCount = Number(values.waits);
const readToken = "bench-read-token-0123456789";
const secret = "bench-webhook-secret-0123456789";

const rssMiB = (pid: number): number => {
  const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kib) / 1024;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const choice = chooseFirestore(await probeFirestore(process.env));
const port = await freePort("127.0.0.1");
const firestore = await startStackFirestore({
  choice,
  host: "127.0.0.1",
  port,
  projectId: DEMO_PROJECT_ID,
  repoRoot: REPO_ROOT,
  interruptible: false,
  log: () => {},
});
const firestoreHost = `127.0.0.1:${port}`;
const env = {
  OTP_READ_TOKEN: readToken,
  OTP_WEBHOOK_SECRET: secret,
  CODES_API_MAX_WAITS: String(Math.max(waitCount, 400)),
};
const [codes, webhook] = await Promise.all(
  ["codes", "otp"].map((target) => startFrameworkFunction({ target, firestoreHost, env })),
);
if (!codes || !webhook) throw new Error("functions-framework did not start");

const ask = (query: string) =>
  fetch(`${codes.url}?${query}`, { headers: { authorization: `Bearer ${readToken}` } });
const post = async (recipient: string, code: string, email: string) => {
  const response = await fetch(webhook.url, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ recipient, code, user: { email } }),
  });
  return ((await response.json()) as { id: string }).id;
};

try {
  console.log(
    `Codes API wait on functions-framework, Node ${process.version}; Firestore: ${choice.reason}\n`,
  );

  // 1. One waiting client, one code at a time.
  const latencies: number[] = [];
  let after = "";
  for (let i = 0; i < codeCount; i++) {
    const waiting = ask(`user=latency@example.com&wait=20${after ? `&after=${after}` : ""}`);
    await sleep(100); // let the listener start: the code must arrive during the wait
    const started = performance.now();
    const [answer] = await Promise.all([
      waiting.then(async (response) => {
        const body = (await response.json()) as { id: string };
        return { body, at: performance.now() };
      }),
      post("+61400000001", String(100000 + i), "latency@example.com"),
    ]);
    latencies.push(answer.at - started);
    after = answer.body.id;
  }
  latencies.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `webhook → waiting client (${codeCount} codes): min ${fmt(latencies[0] ?? 0)}, median ${fmt(percentile(latencies, 50))}, ` +
      `p95 ${fmt(percentile(latencies, 95))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1) ?? 0)}`,
  );

  // 2. Many waits held at once by one process.
  await sleep(1_000);
  const baseline = rssMiB(codes.process.pid ?? 0);
  const people = Array.from({ length: waitCount }, (_, i) => ({
    email: `waiter${i}@example.com`,
    number: `+6141${String(i).padStart(7, "0")}`,
    code: String(200000 + i),
  }));
  // The client module asks again when a 30 s wait ends empty, as a login test would.
  const postedAt = new Array<number>(waitCount).fill(Number.NaN);
  const held = people.map((person, i) =>
    waitForCode({
      baseUrl: codes.url,
      token: readToken,
      user: person.email,
      timeoutMs: 300_000,
    }).then(
      (answer) => ({ ok: answer.code === person.code, ms: performance.now() - (postedAt[i] ?? 0) }),
      () => ({ ok: false, ms: Number.NaN }),
    ),
  );
  await sleep(Math.max(5_000, waitCount * 8));
  const holding = rssMiB(codes.process.pid ?? 0);
  const postStarted = performance.now();
  for (let i = 0; i < people.length; i += 10) {
    await Promise.all(
      people.slice(i, i + 10).map((p, k) => {
        postedAt[i + k] = performance.now();
        return post(p.number, p.code, p.email);
      }),
    );
  }
  const postSeconds = (performance.now() - postStarted) / 1000;
  const answers = await Promise.all(held);
  const own = answers.filter((answer) => answer.ok);
  const delays = own.map((answer) => answer.ms).sort((a, b) => a - b);
  console.log(
    `${waitCount} concurrent waits in one process: RSS ${baseline.toFixed(0)} MiB idle → ${holding.toFixed(0)} MiB holding them ` +
      `(${(((holding - baseline) * 1024) / waitCount).toFixed(1)} KiB per wait); ` +
      `${own.length}/${waitCount} answered with their own code; ${waitCount} codes posted in ${postSeconds.toFixed(1)} s ` +
      `(${(waitCount / postSeconds).toFixed(0)}/s); post → its waiter median ${fmt(percentile(delays, 50))}, p95 ${fmt(percentile(delays, 95))}`,
  );
} finally {
  await Promise.all([codes.stop(), webhook.stop()]);
  await firestore.stop();
}

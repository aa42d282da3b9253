// Webhook throughput and latency on the production runtime: the built function
// served by @google-cloud/functions-framework (what Cloud Run functions runs),
// storing into the in-memory Firestore. Quick and self-contained; `npm run
// bench` measures the same against both Firestores beside the direct-write floor.
//
//   npm run bench:webhook [-- --requests 5000 --concurrency 25] [-- --only demo|new-number|rejections] [-- --cpu-prof]
//
// --cpu-prof runs the function under node --cpu-prof and prints where its CPU
// went (the profile stays in .local-stack/profiles/ for Chrome DevTools).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startInMemoryFirestore } from "@sms-inbox/in-memory-firestore";
import { chooseFirestore } from "@sms-inbox/local-stack/firestore-choice";
import { probeFirestore } from "@sms-inbox/local-stack/firestore-probe";
import { startFrameworkFunction } from "@sms-inbox/local-stack/functions-framework";
import { freePort } from "@sms-inbox/local-stack/ports";
import { startStackFirestore } from "@sms-inbox/local-stack/stack-firestore";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { FUNCTION_ID } from "functions/config";
import { DEMO_PROJECT_ID } from "functions/contract/local-stack";
import { describeShares, readNewestProfile, summarizeProfile } from "./cpu-profile.js";
import { describeStatuses, type LoadFigures, runLoad } from "./load.js";
import { peakRssMiB } from "./process-memory.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "25" },
    "cpu-prof": { type: "boolean", default: false },
    /** demo (a demo user's codes), new-number (first codes on new numbers), rejections, or all. */
    only: { type: "string", default: "all" },
    /** in-memory (quick) or google (Google's emulator, what `npm run bench` measures first). */
    firestore: { type: "string", default: "in-memory" },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const secret = "bench-secret-not-used-anywhere-else";
const DEMO = { phoneNumber: "+61400000001", email: "owner@atko.email" };

async function startFirestore(): Promise<{ host: string; stop(): Promise<void> }> {
  if (values.firestore === "in-memory") {
    const memory = await startInMemoryFirestore({ host: "127.0.0.1", port: 0 });
    return { host: `127.0.0.1:${memory.port}`, stop: () => memory.stop() };
  }
  if (values.firestore !== "google") throw new Error("--firestore is in-memory or google");
  const choice = chooseFirestore(
    await probeFirestore({ ...process.env, SMS_INBOX_FIRESTORE: "google" }),
  );
  if (choice.kind !== "google") throw new Error(choice.reason);
  // A port of its own, so it never meets a stack someone else runs.
  const port = await freePort("127.0.0.1");
  const google = await startStackFirestore({
    choice,
    host: "127.0.0.1",
    port,
    projectId: DEMO_PROJECT_ID,
    repoRoot: REPO_ROOT,
    interruptible: false,
    log: () => {},
  });
  return { host: `127.0.0.1:${port}`, stop: () => google.stop() };
}

const firestore = await startFirestore();
const firestoreHost = firestore.host;
process.env.FIRESTORE_EMULATOR_HOST = firestoreHost;
const admin = adminFirestore(DEMO_PROJECT_ID);
await writePhoneLabels(admin, [
  { phoneNumber: DEMO.phoneNumber, users: [{ label: DEMO.email, email: DEMO.email, order: 0 }] },
]);
const profileDir = join(REPO_ROOT, ".local-stack", "profiles");
if (values["cpu-prof"]) mkdirSync(profileDir, { recursive: true });
const fn = await startFrameworkFunction({
  target: FUNCTION_ID,
  firestoreHost,
  env: { OTP_WEBHOOK_SECRET: secret },
  nodeOptions: values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
});

const print = (title: string, figures: LoadFigures) =>
  console.log(
    `${title.padEnd(40)} ${figures.perSecond.toFixed(0).padStart(6)} req/s   ` +
      `latency p50 ${figures.latency.p50} ms  p90 ${figures.latency.p90} ms  p99 ${figures.latency.p99} ms   ` +
      `[${describeStatuses(figures)}]`,
  );
const code = (n: number) => String(100000 + (n % 900000));
const authorized = { authorization: `Bearer ${secret}`, "content-type": "application/json" };

try {
  console.log(
    `Webhook on functions-framework (NODE_ENV=production), Node ${process.version}, ` +
      `${concurrency} connections; ${requests} stored per run, ${requests * 5} per rejection run\n`,
  );
  const base = { url: fn.url, connections: concurrency, amount: requests };
  const runs = (name: string) => values.only === "all" || values.only === name;
  if (runs("demo"))
    print(
      "demo user's code, stored",
      await runLoad({
        ...base,
        headers: authorized,
        body: (n) =>
          JSON.stringify({
            recipient: DEMO.phoneNumber,
            code: code(n),
            messageText: `Your verification code is ${code(n)}`,
            user: { email: DEMO.email },
          }),
      }),
    );
  // Each code is a first-time person on a number never seen: one read, one batch.
  if (runs("new-number"))
    print(
      "first code on a new number, stored",
      await runLoad({
        ...base,
        headers: authorized,
        body: (n) =>
          JSON.stringify({
            recipient: `+614100${String(n % 100000).padStart(5, "0")}`,
            code: code(n),
            messageText: `Your verification code is ${code(n)}`,
            user: { email: `visitor${n}@atko.email` },
          }),
      }),
    );
  // Rejections are fast: more of them, so the run lasts long enough to measure.
  if (runs("rejections"))
    print(
      "wrong token, rejected (401)",
      await runLoad({
        ...base,
        amount: requests * 5,
        headers: { ...authorized, authorization: "Bearer wrong" },
        body: () => JSON.stringify({ recipient: "+61400000001", code: "123456" }),
      }),
    );
  if (runs("rejections"))
    print(
      "invalid body, rejected (400)",
      await runLoad({
        ...base,
        amount: requests * 5,
        headers: authorized,
        body: () => JSON.stringify({ recipient: "0400", code: "1" }),
      }),
    );
  const peak = peakRssMiB(fn.process.pid);
  console.log(`\nfunction process peak RSS: ${peak ? `${peak.toFixed(0)} MiB` : "n/a (no /proc)"}`);
} finally {
  await fn.stop();
  await admin.terminate();
  await firestore.stop();
}
if (values["cpu-prof"]) {
  const summary = summarizeProfile(readNewestProfile(profileDir));
  console.log(`\nfunction CPU profile (${summary.seconds.toFixed(1)} s, self time):`);
  console.log(["by place:", ...describeShares(summary.byPlace)].join("\n  "));
  console.log(["by function:", ...describeShares(summary.byFunction)].join("\n  "));
}

// Webhook throughput and latency on the production runtime: the built function
// served by @google-cloud/functions-framework (what Cloud Run functions runs),
// storing into the in-memory Firestore. The Functions emulator starts a worker
// per concurrent request, so its figures would measure the emulator, not us.
//
//   npm run bench:webhook [-- --requests 5000 --concurrency 25]
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { startInMemoryFirestore } from "@sms-inbox/in-memory-firestore";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import autocannon from "autocannon";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "25" },
  },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const secret = "bench-secret-not-used-anywhere-else";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function waitForHttp(url: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error("functions-framework exited");
    const ok = await fetch(url).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** Peak resident memory of a process, from Linux's /proc (VmHWM). */
function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const firestorePort = await freePort();
const firestore = await startInMemoryFirestore({ host: "127.0.0.1", port: firestorePort });
const port = await freePort();
// The package exports only its API; its CLI (main.js) sits beside the entry.
const frameworkBin = join(
  dirname(createRequire(import.meta.url).resolve("@google-cloud/functions-framework")),
  "main.js",
);
const server = spawn(
  process.execPath,
  [frameworkBin, "--target=otp", `--source=${join(REPO_ROOT, "functions")}`, `--port=${port}`],
  {
    env: {
      ...process.env,
      NODE_ENV: "production",
      METADATA_SERVER_DETECTION: "none",
      GCLOUD_PROJECT: "demo-sms-inbox",
      FIRESTORE_EMULATOR_HOST: `127.0.0.1:${firestorePort}`,
      OTP_WEBHOOK_SECRET: secret,
      OTP_RETENTION_MINUTES: "10",
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
const url = `http://127.0.0.1:${port}/`;

async function run(title: string, options: Partial<autocannon.Options>) {
  const started = performance.now();
  const result = await autocannon({
    url,
    method: "POST",
    connections: concurrency,
    amount: requests,
    ...options,
  });
  const seconds = (performance.now() - started) / 1000;
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(" ");
  console.log(
    `${title.padEnd(34)} ${(result.requests.total / seconds).toFixed(0).padStart(6)} req/s   ` +
      `latency p50 ${result.latency.p50} ms  p97.5 ${result.latency.p97_5} ms  p99 ${result.latency.p99} ms   ` +
      `[${statuses}${result.errors ? ` errors×${result.errors}` : ""}]`,
  );
}

try {
  await waitForHttp(url, server);
  console.log(
    `Webhook on functions-framework (NODE_ENV=production), Node ${process.version}, ` +
      `${concurrency} connections; ${requests} stored, ${requests * 5} per rejection run\n`,
  );
  let n = 0;
  await run("valid code, stored", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest: (request) => {
          n += 1;
          return {
            ...request,
            body: JSON.stringify({
              recipient: `+614000${String(n % 100000).padStart(5, "0")}`,
              code: String(100000 + (n % 900000)),
              messageText: "Your verification code is …",
              user: { email: "owner@atko.email" },
            }),
          };
        },
      },
    ],
  });
  // Rejections are fast: more of them, so the run lasts long enough to measure.
  await run("wrong token, rejected (401)", {
    amount: requests * 5,
    headers: { authorization: "Bearer wrong", "content-type": "application/json" },
    body: JSON.stringify({ recipient: "+61400000001", code: "123456" }),
  });
  await run("invalid body, rejected (400)", {
    amount: requests * 5,
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ recipient: "0400", code: "1" }),
  });
  const peak = server.pid ? peakRssMiB(server.pid) : undefined;
  console.log(`\nfunction process peak RSS: ${peak ? `${peak.toFixed(0)} MiB` : "n/a (no /proc)"}`);
} finally {
  server.kill("SIGTERM");
  await firestore.stop();
}

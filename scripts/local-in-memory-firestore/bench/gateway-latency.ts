// Write → listener latency on the local in-memory Firestore, in one run:
//   - browser: firebase browser SDK in headless Chromium, through the WebChannel gateway;
//   - Node: the firebase-admin SDK's onSnapshot, gRPC straight to the emulator.
// One document is written (firebase-admin) one write at a time; each listener
// timestamps the snapshot that carries that write. Browser and Node clocks are
// aligned NTP-style over the DevTools connection before measuring.
//
//   npm run bench:gateway [-- --writes 200 --transport streaming|long-polling|fetch]
import { parseArgs } from "node:util";
import { browserClockOffset, nodeNow as now } from "@sms-inbox/local-stack/browser-clock";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import { GatewayPage, type PageConfig, startPageServer } from "../browser-harness/harness.js";
import { startInMemoryFirestore } from "../index.js";

const { values } = parseArgs({
  options: {
    writes: { type: "string", default: "200" },
    warmup: { type: "string", default: "20" },
    transport: { type: "string", default: "streaming" },
    "pause-ms": { type: "string", default: "100" },
  },
});
const writes = Number(values.writes);
const warmup = Number(values.warmup);
const pauseMs = Number(values["pause-ms"]);
const TRANSPORTS: Record<string, Partial<PageConfig>> = {
  streaming: {},
  "long-polling": { forceLongPolling: true },
  fetch: { useFetchStreams: true },
};
const transport = TRANSPORTS[values.transport ?? ""];
if (!Number.isInteger(writes) || writes < 100 || !transport) {
  throw new Error(
    `Usage: --writes <n ≥ 100> --transport ${Object.keys(TRANSPORTS).join("|")} (got ${values.writes}, ${values.transport})`,
  );
}

const HOST = "127.0.0.1";
const PROJECT = "demo-gateway-bench";
const DOC = "bench/latency";

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}

const firestore = await startInMemoryFirestore({ host: HOST, port: 0 });
process.env.FIRESTORE_EMULATOR_HOST = `${HOST}:${firestore.port}`;
const admin = adminFirestore(PROJECT);
const [browser, server] = await Promise.all([launchChromium(), startPageServer()]);

try {
  const page = await GatewayPage.open(browser, server, {
    host: HOST,
    port: firestore.port,
    projectId: PROJECT,
    ...transport,
  });

  const { offsetMs: offset, uncertaintyMs } = await browserClockOffset(page.page);

  const nodeSeen = new Map<number, number>();
  const waiters = new Map<number, () => void>();
  const unsubscribe = admin.doc(DOC).onSnapshot((snap) => {
    const seq = snap.get("seq") as number | undefined;
    if (seq === undefined || nodeSeen.has(seq)) return;
    nodeSeen.set(seq, now());
    waiters.get(seq)?.();
  });
  await page.listen({ name: "bench", doc: DOC });

  const writtenAt = new Map<number, number>();
  for (let seq = 1; seq <= warmup + writes; seq++) {
    const nodeArrived = new Promise<void>((resolve) => waiters.set(seq, resolve));
    writtenAt.set(seq, now());
    await admin.doc(DOC).set({ seq });
    await nodeArrived;
    await page.page.waitForFunction(
      (s) => window.gatewayPage.arrivals.some((a) => a.docs[0]?.data.seq === s),
      seq,
    );
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  unsubscribe();

  const browserSeen = new Map<number, number>();
  for (const arrival of await page.arrivals()) {
    const seq = arrival.docs[0]?.data.seq as number | undefined;
    if (seq !== undefined && !browserSeen.has(seq)) browserSeen.set(seq, arrival.at - offset);
  }
  const measured = [...writtenAt.keys()].filter((seq) => seq > warmup);
  const latency = (seen: Map<number, number>) =>
    measured.map((seq) => (seen.get(seq) ?? Number.NaN) - (writtenAt.get(seq) ?? Number.NaN));
  const browserMs = summary(latency(browserSeen));
  const nodeMs = summary(latency(nodeSeen));

  const row = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(44)} ${[s.median, s.p95, s.min, s.max].map((v) => v.toFixed(1).padStart(7)).join(" ")}`;
  console.log(
    `${writes} writes (after ${warmup} warm-up), browser transport: ${values.transport}; clock offset ±${uncertaintyMs.toFixed(2)} ms`,
  );
  console.log(`${"write → listener (ms)".padEnd(44)}  median     p95     min     max`);
  console.log(row("browser SDK via WebChannel gateway", browserMs));
  console.log(row("Node SDK (firebase-admin) over gRPC", nodeMs));
  console.log(
    `gateway + browser overhead, median: ${(browserMs.median - nodeMs.median).toFixed(1)} ms`,
  );
} finally {
  await browser.close();
  await server.close();
  await admin.terminate();
  await firestore.stop();
}

// Records real wire samples for the unit tests: runs the firebase browser SDK in
// headless Chromium through the gateway and saves what crossed the wire, the
// WebChannel HTTP exchanges (browser side) and the protobuf Listen messages
// (emulator side), to ../fixtures/wire-samples.json.
//
//   npx tsx scripts/local-in-memory-firestore/browser-harness/record-wire-samples.ts
import { writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import { FieldValue, GeoPoint, Timestamp } from "firebase-admin/firestore";
import { startInMemoryFirestore } from "../index.js";
import { GatewayPage, startPageServer } from "./harness.js";

export interface WireExchange {
  method: string;
  /** The WebChannel parameters that matter (RID, AID, CI, TYPE); session ids and cache busters are dropped. */
  params: Record<string, string>;
  requestBody: string;
  status: number;
  responseText: string;
}

export interface WireSamples {
  sdk: string;
  recordedAt: string;
  exchanges: WireExchange[];
  /** base64 protobuf ListenRequests the gateway sent to the emulator. */
  grpcRequests: string[];
  /** base64 protobuf ListenResponses the emulator sent to the gateway. */
  grpcResponses: string[];
}

const PROJECT = "demo-wire-samples";
const KEPT_PARAMS = ["RID", "AID", "CI", "TYPE", "VER", "CVER"];
const OUTPUT = new URL("../fixtures/wire-samples.json", import.meta.url);

const exchanges: WireExchange[] = [];
const grpcRequests: string[] = [];
const grpcResponses: string[] = [];

function capture(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? "/", "http://recorder.invalid");
  if (!url.pathname.endsWith("/Listen/channel")) return;
  const params = Object.fromEntries(
    KEPT_PARAMS.flatMap((key) => {
      const value = url.searchParams.get(key);
      return value === null ? [] : [[key, value]];
    }),
  );
  const exchange: WireExchange = {
    method: req.method ?? "",
    params,
    requestBody: "",
    status: 0,
    responseText: "",
  };
  exchanges.push(exchange);
  req.on("data", (data: Buffer | string) => {
    exchange.requestBody += String(data);
  });
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  const record = (chunk: unknown) => {
    exchange.status = res.statusCode;
    if (typeof chunk === "string") exchange.responseText += chunk;
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    record(chunk);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    record(chunk);
    return end(chunk, ...rest);
  }) as typeof res.end;
}

const firestore = await startInMemoryFirestore(
  { host: "127.0.0.1", port: 0 },
  {
    onHttpRequest: capture,
    wireTap: {
      request: (bytes) => grpcRequests.push(bytes.toString("base64")),
      response: (bytes) => grpcResponses.push(bytes.toString("base64")),
    },
  },
);
process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${firestore.port}`;
const admin = adminFirestore(PROJECT);
const [browser, server] = await Promise.all([launchChromium(), startPageServer()]);

try {
  const page = await GatewayPage.open(browser, server, {
    host: "127.0.0.1",
    port: firestore.port,
    projectId: PROJECT,
  });
  // What the inbox page does: a filtered, ordered, limited query, plus a document.
  await page.listen({
    name: "inbox",
    collection: "samples",
    where: ["kind", "==", "otp"],
    orderBy: ["n", "desc"],
    limit: 5,
  });
  await page.listen({ name: "label", doc: "labels/+15550100" });
  await admin.doc("labels/+15550100").set({ label: "Zoë 🎉" });
  await admin.doc("samples/every-type").set({
    kind: "otp",
    n: 1,
    big: 1234567890123,
    ratio: 0.25,
    text: "Grüße · 日本語 · 🎉👩‍💻",
    yes: true,
    nothing: null,
    when: Timestamp.fromMillis(1_700_000_000_123),
    receivedAt: FieldValue.serverTimestamp(),
    where: new GeoPoint(48.8566, 2.3522),
    raw: Buffer.from([0, 1, 2, 250]),
    ref: admin.doc("labels/+15550100"),
    list: ["a", 1, { nested: "ü" }],
    map: { inner: { deep: "✓" } },
  });
  await page.waitForIds("inbox", ["every-type"]);
  await page.waitForDoc("label", "+15550100", { label: "Zoë 🎉" });
  await page.unlisten("label");
  await admin.doc("samples/second").set({ kind: "otp", n: 2, text: "second" });
  await page.waitForIds("inbox", ["second", "every-type"]);
  await page.close();

  const samples: WireSamples = {
    sdk: "firebase@12.19.0 (browser, default streaming transport)",
    recordedAt: new Date().toISOString(),
    exchanges: exchanges.filter((exchange) => exchange.status !== 0),
    grpcRequests,
    grpcResponses,
  };
  await writeFile(OUTPUT, `${JSON.stringify(samples, null, 2)}\n`);
  console.log(
    `Recorded ${samples.exchanges.length} HTTP exchanges, ${grpcRequests.length} gRPC requests and ${grpcResponses.length} gRPC responses to ${OUTPUT.pathname}`,
  );
} finally {
  await browser.close();
  await server.close();
  await admin.terminate();
  await firestore.stop();
}

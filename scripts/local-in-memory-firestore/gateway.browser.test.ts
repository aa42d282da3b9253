// The gateway against the real firebase browser SDK in headless Chromium. Each
// file run starts its own in-memory Firestore on a free port; one browser serves
// all tests, each test opens its own page and uses its own collection.

import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { adminFirestore } from "@sms-inbox/operator/firestore/admin";
import { type Firestore, Timestamp } from "firebase-admin/firestore";
import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GatewayPage,
  type PageConfig,
  type PageServer,
  startPageServer,
} from "./browser-harness/harness.js";
import { type InMemoryFirestore, startInMemoryFirestore } from "./index.js";

const PROJECT = "demo-gateway-browser";
const HOST = "127.0.0.1";

let firestore: InMemoryFirestore;
let admin: Firestore;
let browser: Browser;
let server: PageServer;
const pages: GatewayPage[] = [];

async function openPage(options: Partial<PageConfig> = {}): Promise<GatewayPage> {
  const page = await GatewayPage.open(browser, server, {
    host: HOST,
    port: firestore.port,
    projectId: PROJECT,
    ...options,
  });
  pages.push(page);
  return page;
}

/** Back-channel requests the page makes (GET …&RID=rpc). */
function recordBackChannels(page: GatewayPage): Request[] {
  const requests: Request[] = [];
  page.page.on("request", (request) => {
    if (request.method() === "GET" && request.url().includes("RID=rpc")) requests.push(request);
  });
  return requests;
}

beforeAll(async () => {
  firestore = await startInMemoryFirestore({ host: HOST, port: 0 });
  process.env.FIRESTORE_EMULATOR_HOST = `${HOST}:${firestore.port}`;
  admin = adminFirestore(PROJECT);
  [browser, server] = await Promise.all([launchChromium(), startPageServer()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(pages.map((page) => page.close()));
  await browser?.close();
  await server?.close();
  await admin?.terminate();
  await firestore?.stop();
}, 30_000);

describe("WebChannel gateway in headless Chromium", { timeout: 45_000 }, () => {
  it("streams admin writes live to a document and an inbox-shaped query at once", async () => {
    const page = await openPage();
    const backChannels = recordBackChannels(page);
    const since = Date.now() - 60_000;
    const at = (offsetMs: number) => Timestamp.fromMillis(since + offsetMs);
    await page.listen({ name: "one", doc: "live/a" });
    // The inbox page's query: a receivedAt window, newest first, limited.
    await page.listen({
      name: "latest",
      collection: "live",
      since: ["receivedAt", since],
      orderBy: ["receivedAt", "desc"],
      limit: 2,
    });

    await admin.doc("live/old").set({ receivedAt: Timestamp.fromMillis(since - 1_000) });
    await admin.doc("live/a").set({ receivedAt: at(1_000), code: "111111" });
    await page.waitForIds("latest", ["a"]);
    await page.waitForDoc("one", "a", {
      receivedAt: {
        type: "firestore/timestamp/1.0", // Timestamp#toJSON in firebase 12
        seconds: at(1_000).seconds,
        nanoseconds: at(1_000).nanoseconds,
      },
      code: "111111",
    });

    await admin.doc("live/b").set({ receivedAt: at(2_000) });
    await admin.doc("live/c").set({ receivedAt: at(3_000) });
    await page.waitForIds("latest", ["c", "b"]);

    await admin.doc("live/a").update({ receivedAt: at(4_000) });
    await page.waitForIds("latest", ["a", "c"]);
    await admin.doc("live/c").delete();
    await page.waitForIds("latest", ["a", "b"]);

    // The default transport streamed: no back channel fell back to long polling.
    expect(backChannels.length).toBeGreaterThan(0);
    expect(backChannels.every((request) => request.url().includes("CI=0"))).toBe(true);
  });

  it("keeps non-ASCII text and emoji intact", async () => {
    const page = await openPage();
    await page.listen({ name: "text", doc: "unicode/a" });
    const data = { text: "Grüße · 日本語 · Ελληνικά · 🎉👩‍💻", code: "٠١٢٣" };
    await admin.doc("unicode/a").set(data);
    await page.waitForDoc("text", "a", data);
    // Text after the first non-ASCII chunk still parses: framing counts UTF-16 units.
    const next = { text: "après 🎉 encore", code: "✓" };
    await admin.doc("unicode/a").set(next);
    await page.waitForDoc("text", "a", next);
  });

  it("works with forced long polling", async () => {
    const page = await openPage({ forceLongPolling: true });
    const backChannels = recordBackChannels(page);
    await page.listen({ name: "lp", collection: "polling", orderBy: ["n", "asc"] });
    await admin.doc("polling/a").set({ n: 1 });
    await page.waitForIds("lp", ["a"]);
    await admin.doc("polling/b").set({ n: 2 });
    await page.waitForIds("lp", ["a", "b"]);
    expect(backChannels.length).toBeGreaterThan(1);
    expect(backChannels.every((request) => request.url().includes("CI=1"))).toBe(true);
  });

  it("works with fetch streams", async () => {
    const page = await openPage({ useFetchStreams: true });
    const backChannels = recordBackChannels(page);
    await page.listen({ name: "fetch", doc: "fetched/a" });
    await admin.doc("fetched/a").set({ v: "first" });
    await page.waitForDoc("fetch", "a", { v: "first" });
    await admin.doc("fetched/a").set({ v: "second" });
    await page.waitForDoc("fetch", "a", { v: "second" });
    expect(backChannels.length).toBeGreaterThan(0);
    expect(backChannels.every((request) => request.resourceType() === "fetch")).toBe(true);
  });

  it("stops a listener on unsubscribe while others keep receiving, and listens again", async () => {
    const page = await openPage();
    await page.listen({ name: "stays", collection: "unsub" });
    await page.listen({ name: "leaves", collection: "unsub", orderBy: ["n", "asc"] });
    await admin.doc("unsub/a").set({ n: 1 });
    await page.waitForIds("stays", ["a"]);
    await page.waitForIds("leaves", ["a"]);

    await page.unlisten("leaves");
    await admin.doc("unsub/b").set({ n: 2 });
    await page.waitForIds("stays", ["a", "b"]);
    expect(Object.keys(await page.docs("leaves"))).toEqual(["a"]);

    // The removal was acknowledged (synthetic REMOVE): the same query works again.
    await page.listen({ name: "again", collection: "unsub", orderBy: ["n", "asc"] });
    await page.waitForIds("again", ["a", "b"]);
  });

  it("serves getDoc through Listen and rejects browser writes as unimplemented", async () => {
    const page = await openPage();
    await admin.doc("oneshot/a").set({ v: 1 });
    expect(await page.getDoc("oneshot/a")).toEqual({ v: 1 });
    expect(await page.setDoc("oneshot/b", { v: 2 })).toBe("unimplemented");
  });

  // Last: it replaces the shared in-memory Firestore.
  it("recovers by itself after the in-memory Firestore restarts", async () => {
    const page = await openPage();
    await page.listen({ name: "restart", doc: "restart/a" });
    await admin.doc("restart/a").set({ v: "before" });
    await page.waitForDoc("restart", "a", { v: "before" });

    const { port } = firestore;
    await firestore.stop();
    firestore = await startInMemoryFirestore({ host: HOST, port });
    await admin.doc("restart/a").set({ v: "after" });
    // The old session is unknown to the new gateway: 400 "Unknown SID", the SDK
    // backs off (seconds) and handshakes again.
    await page.waitForDoc("restart", "a", { v: "after" }, 30_000);
  });
});

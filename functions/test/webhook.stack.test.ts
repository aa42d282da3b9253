// The webhook over HTTP, through the Hosting rewrite and at the function's own
// URL, against the emulators: what Auth0 (and anyone else) would see.

import {
  adminDb,
  callWebhook,
  clearFirestore,
  stackEnv,
  startFirestore,
  stopFirestore,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { beforeEach, describe, expect, it } from "vitest";
import { COLLECTIONS } from "../src/contract/firestore-schema.js";
import { LIMITS } from "../src/contract/notification.js";
import { readPerson } from "../src/contract/people.js";
import { readPhoneLabel } from "../src/contract/phone-labels.js";

const seedRequest = {
  recipient: "+61400000001",
  messageText: "Your code is 123456",
  code: "123456",
};

const codes = () => adminDb().collection(COLLECTIONS.codes);
// Counts only this file's seed-request codes: a write that an outage test saw
// answered 503 may still land seconds later (the function's gRPC channel
// retries it), after the next test has cleared Firestore. Outage tests send to
// their own number, so their late writes never meet these counts.
const countCodes = async () =>
  (await codes().where("recipient", "==", seedRequest.recipient).get()).size;
const OUTAGE_RECIPIENT = "+61400000098";
const SHARED = "+61400000002";
const FRESH = "+61400000097";
const labelsDoc = (phoneNumber: string) =>
  adminDb().collection(COLLECTIONS.phoneLabels).doc(phoneNumber);
const notedPeople = async () =>
  (await adminDb().collection(COLLECTIONS.people).get()).docs.map((doc) => readPerson(doc.data()));
const numberUsers = async (phoneNumber: string) =>
  readPhoneLabel(phoneNumber, (await labelsDoc(phoneNumber).get()).data());

describe("POST /api/otp", () => {
  beforeEach(async () => {
    await clearFirestore();
  });

  it("stores the seed article's exact request, labelled from an older {label} document", async () => {
    await adminDb()
      .collection(COLLECTIONS.phoneLabels)
      .doc("+61400000001")
      .set({ label: "owner@atko.email", updatedAt: new Date() });
    const reply = await callWebhook({ body: seedRequest });
    expect(reply.status).toBe(201);
    const { id } = reply.body as { id: string };
    const doc = (await codes().doc(id).get()).data();
    expect(doc).toMatchObject({
      ...seedRequest,
      messageType: "otp_verify",
      deliveryMethod: "text",
      label: "owner@atko.email",
    });
    const received = doc?.receivedAt.toMillis();
    expect(Math.abs(received - Date.now())).toBeLessThan(60_000);
    expect(doc?.expireAt.toMillis() - received).toBeGreaterThan(9.5 * 60_000);
    expect(doc?.expireAt.toMillis() - received).toBeLessThan(10.5 * 60_000);
  });

  it("stores the rich request, drops unknown fields and labels from the payload's user", async () => {
    const reply = await callWebhook({
      url: stackEnv().functionUrl,
      headers: { "Idempotency-Key": "rich-1" },
      body: {
        recipient: "+61400000002",
        code: "24680",
        messageText: "Your enrolment code is 24680",
        messageType: "otp_enroll",
        deliveryMethod: "voice",
        locale: "en_AU",
        user: { id: "auth0|2", email: "admin@atko.email", name: "Admin", picture: "x" },
        client: { id: "c1", name: "Demo" },
        tenant: "atko",
        injected: "never stored",
      },
    });
    expect(reply.status).toBe(201);
    const doc =
      (
        await codes()
          .doc((reply.body as { id: string }).id)
          .get()
      ).data() ?? {};
    expect(doc).toMatchObject({
      recipient: "+61400000002",
      code: "24680",
      messageType: "otp_enroll",
      deliveryMethod: "voice",
      locale: "en_AU",
      label: "admin@atko.email",
      user: { id: "auth0|2", email: "admin@atko.email", name: "Admin" },
      client: { id: "c1", name: "Demo" },
      tenant: "atko",
    });
    expect(doc).not.toHaveProperty("injected");
    expect(doc.user).not.toHaveProperty("picture");
    // The number is not named after them: the webhook writes no phoneLabels.
    expect((await labelsDoc("+61400000002").get()).exists).toBe(false);
  });

  it("names the payload's user and never overwrites the demo users the scripts wrote", async () => {
    const admin = { label: "Admin (Alice)", email: "admin@atko.email", order: 1 };
    await writePhoneLabels(adminDb(), [{ phoneNumber: SHARED, users: [admin] }]);
    const labelOf = async (body: Record<string, unknown>) => {
      const reply = await callWebhook({ body: { recipient: SHARED, code: "135790", ...body } });
      expect(reply.status).toBe(201);
      return (
        await codes()
          .doc((reply.body as { id: string }).id)
          .get()
      ).get("label");
    };
    // Someone no instance has met before (the Functions emulator's workers
    // outlive each test's cleared Firestore and remember whom they noted).
    const visitor = `visitor-${Date.now()}@atko.email`;
    expect(await labelOf({ user: { email: visitor, id: "auth0|v" } })).toBe(visitor);
    expect(await labelOf({ user: { email: visitor }, code: "246801" })).toBe(visitor);
    expect(await labelOf({ user: { email: "admin@atko.email" } })).toBe("admin@atko.email");
    // The seed's Action names nobody: the number's demo user is who it is for.
    expect(await labelOf({})).toBe("Admin (Alice)");
    const entry = await numberUsers(SHARED);
    expect(entry.users).toEqual([admin]);
    // Noted once, however many codes, with their Auth0 user id and first
    // number; a demo user of the number is not noted.
    expect(entry.seen).toEqual([]);
    expect(await notedPeople()).toEqual([
      {
        label: visitor,
        email: visitor,
        phoneNumber: SHARED,
        userId: "auth0|v",
        firstSeenAt: expect.any(Number),
      },
    ]);
    const raw = (await labelsDoc(SHARED).get()).data() ?? {};
    expect(raw).not.toHaveProperty("label");
  });

  it("never lets one user's first code name an unlabelled number for everyone", async () => {
    await labelsDoc(FRESH).delete();
    const first = await callWebhook({
      body: { recipient: FRESH, code: "112233", user: { email: "owner@atko.email" } },
    });
    expect(first.status).toBe(201);
    const seedStyle = await callWebhook({ body: { recipient: FRESH, code: "445566" } });
    const doc = await codes()
      .doc((seedStyle.body as { id: string }).id)
      .get();
    expect(doc.get("label")).toBe("");
    expect((await numberUsers(FRESH)).users).toEqual([]);
  });

  it("answers a repeated idempotency key with the same id and writes nothing new", async () => {
    const call = { headers: { "Idempotency-Key": "auth0-retry-42" }, body: seedRequest };
    const first = await callWebhook(call);
    const second = await callWebhook(call);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await countCodes()).toBe(1);
  });

  const failures: Array<[string, Parameters<typeof callWebhook>[0], number, string]> = [
    ["no token", { token: null, body: seedRequest }, 401, "unauthorized"],
    ["a wrong token", { token: "not-the-secret", body: seedRequest }, 401, "unauthorized"],
    ["a wrong method", { method: "PUT", body: seedRequest }, 405, "method_not_allowed"],
    [
      "a non-JSON body",
      { headers: { "content-type": "text/plain" }, body: "123456" },
      415,
      "unsupported_media_type",
    ],
    [
      "an invalid phone number",
      { body: { ...seedRequest, recipient: "0400 000 001" } },
      400,
      "invalid_request",
    ],
    ["a too-short code", { body: { ...seedRequest, code: "12" } }, 400, "invalid_request"],
    [
      "an oversized body",
      { body: { ...seedRequest, messageText: "x".repeat(LIMITS.maxBodyBytes) } },
      413,
      "payload_too_large",
    ],
    ["an empty JSON body", { body: "" }, 400, "malformed_json"],
  ];

  it.each(failures)(
    "rejects %s with a JSON error and writes nothing",
    async (_name, call, status, code) => {
      const reply = await callWebhook(call);
      expect(reply.status).toBe(status);
      expect(reply.body).toEqual({ error: { code, message: expect.any(String) } });
      expect(await countCodes()).toBe(0);
    },
  );

  it("says which field is invalid", async () => {
    const reply = await callWebhook({ body: { ...seedRequest, recipient: "12345" } });
    expect((reply.body as { error: { message: string } }).error.message).toMatch(/^recipient: /);
  });

  it("sends Allow: POST with 405", async () => {
    const reply = await callWebhook({ method: "GET" });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("POST");
  });

  it("malformed JSON is refused (400) by the platform's body parser before the function runs", async () => {
    const reply = await callWebhook({ body: "{not json" });
    expect(reply.status).toBe(400);
    expect(await countCodes()).toBe(0);
  });

  // Before the outage test, not after it: once Firestore is back, every idle
  // Functions-emulator worker's gRPC channel reconnects on its own backoff, and
  // a request that lands on one still backing off can pass the store deadline
  // (503): that is the outage test's subject, and no part of this one's.
  // Volume on the production runtime is test:reliability's (thousands of calls
  // on functions-framework); this is the Functions emulator's path.
  it("stores 200 requests sent 10 at a time exactly once each, retried as the Action does", async () => {
    const total = 200;
    // The Functions emulator starts a worker process per concurrent request: 10
    // keeps the machine responsive under CI (25 starved it on 2 busy cores).
    const concurrency = 10;
    // This run's own mark: only its documents are counted (see countCodes).
    const tenant = `load-${Date.now()}`;
    const ids: string[] = [];
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const n = next++;
        // A 503 is the function's answer when a write takes too long (a worker
        // whose channel to Firestore is still reconnecting after another test
        // restarted it): the Action retries it with the same key, and so does this.
        for (let attempt = 0; attempt < 5; attempt++) {
          const reply = await callWebhook({
            url: stackEnv().functionUrl,
            headers: { "Idempotency-Key": `${tenant}-${n}` },
            body: { ...seedRequest, code: String(100000 + n), tenant },
          });
          statuses.push(reply.status);
          if (reply.status === 503) continue;
          if (reply.status === 201 || reply.status === 200) {
            ids.push((reply.body as { id: string }).id);
          }
          break;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const tally = new Map<number, number>();
    for (const status of statuses) tally.set(status, (tally.get(status) ?? 0) + 1);
    const seen = [...tally].map(([status, count]) => `${status}×${count}`).join(" ");
    // Every delivery answered with its document, and nothing but 503s on the way.
    expect(ids.length, seen).toBe(total);
    expect(
      statuses.every((s) => s === 201 || s === 200 || s === 503),
      seen,
    ).toBe(true);
    const stored = await codes().where("tenant", "==", tenant).get();
    expect(stored.size).toBe(total);
    expect(new Set(stored.docs.map((d) => d.get("code"))).size).toBe(total);
    expect(stored.docs.map((d) => d.id).sort()).toEqual([...ids].sort());
  }, 300_000);

  it("answers 503 with Retry-After while Firestore is down; the sender's retries store the code once", async () => {
    const body = { ...seedRequest, recipient: OUTAGE_RECIPIENT };
    const stored = async () =>
      (await codes().where("recipient", "==", OUTAGE_RECIPIENT).get()).size;
    // As Auth0 retries one notification: every attempt carries the same key.
    const attempt = () =>
      callWebhook({ headers: { "Idempotency-Key": "outage-notification" }, body });
    await stopFirestore();
    try {
      const reply = await attempt();
      expect(reply.status).toBe(503);
      expect(reply.headers.get("retry-after")).toBe("5");
      expect(reply.body).toEqual({ error: { code: "unavailable", message: expect.any(String) } });
    } finally {
      await startFirestore();
    }
    // The function's gRPC channel reconnects with backoff, and the write that
    // was answered 503 may still land then: the key makes the retry find it
    // (200) or write it (201), never a second copy.
    let reply = await attempt();
    for (let tries = 1; tries < 20 && reply.status === 503; tries++) reply = await attempt();
    expect([200, 201]).toContain(reply.status);
    expect(await stored()).toBe(1);
  }, 240_000);
});

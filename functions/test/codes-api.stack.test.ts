// The codes API over HTTP against the local stack: through the Hosting
// rewrite, at the function's own URL, and on functions-framework (one process,
// as in production) for concurrent waits.

import {
  type FrameworkFunction,
  startFrameworkFunction,
} from "@sms-inbox/local-stack/functions-framework";
import {
  adminDb,
  callWebhook,
  clearFirestore,
  stackEnv,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LatestCodeAnswer } from "../src/contract/codes-api.js";
import type { EmailLink } from "../src/contract/email.js";
import { COLLECTIONS, type StoredEmail } from "../src/contract/firestore-schema.js";

const ALICE = { label: "Alice Demo", email: "alice@example.com" };
const BOB = { label: "Bob Demo", email: "bob@example.com" };
const ALICE_NUMBER = "+61400000011";
const SHARED_NUMBER = "+61400000012";

interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
  ms: number;
}

async function latest(
  query: string,
  options: { token?: string | null; url?: string; method?: string } = {},
): Promise<Reply> {
  const env = stackEnv();
  const token = options.token === undefined ? env.readToken : options.token;
  const started = performance.now();
  const response = await fetch(`${options.url ?? env.codesApiUrl}?${query}`, {
    method: options.method ?? "GET",
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
    ms: performance.now() - started,
  };
}

async function post(recipient: string, code: string, user?: { email: string }, url?: string) {
  const reply = await callWebhook({
    ...(url ? { url } : {}),
    body: { recipient, code, messageText: `Your code is ${code}`, ...(user ? { user } : {}) },
  });
  expect(reply.status).toBe(201);
  return (reply.body as { id: string }).id;
}

/**
 * An email as the webhook stores it (written directly: the webhook learns
 * emails in a parallel change). Firestore's clock for receivedAt, as the webhook.
 */
async function storeEmail(
  id: string,
  messageType: string,
  code: string,
  email: Partial<StoredEmail> = {},
) {
  await adminDb()
    .collection(COLLECTIONS.codes)
    .doc(id)
    .set({
      recipient: ALICE.email,
      code,
      messageText: email.subject ?? "",
      messageType,
      deliveryMethod: "email",
      channel: "email",
      email: { subject: "", links: [], mainLink: null, linksTruncated: false, ...email },
      label: ALICE.label,
      owners: [ALICE.email, ALICE.label.toLowerCase()],
      receivedAt: FieldValue.serverTimestamp(),
      expireAt: Timestamp.fromMillis(Date.now() + 10 * 60_000),
    });
}

const VERIFY: EmailLink = {
  url: "https://demo.eu.auth0.com/u/email-verification?ticket=T1cket#",
  text: "Verify your account",
};

const enc = encodeURIComponent;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("GET /api/codes/latest", () => {
  beforeEach(async () => {
    await clearFirestore();
    await writePhoneLabels(adminDb(), [
      { phoneNumber: ALICE_NUMBER, users: [{ ...ALICE, order: 0 }] },
      {
        phoneNumber: SHARED_NUMBER,
        users: [
          { ...ALICE, order: 0 },
          { ...BOB, order: 1 },
        ],
      },
    ]);
  });

  it("holds a wait until the webhook stores a code, and answers it", async () => {
    const waiting = latest(`user=${enc(ALICE.email)}&wait=20`);
    await sleep(1_500);
    const id = await post(ALICE_NUMBER, "246810", { email: ALICE.email });
    const reply = await waiting;
    expect(reply.status).toBe(200);
    // Hosting's header rules may replace the function's no-store; never cacheable either way.
    expect(reply.headers.get("cache-control")).toMatch(/^no-(store|cache)$/);
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
    const answer = reply.body as LatestCodeAnswer;
    expect(answer).toMatchObject({
      id,
      code: "246810",
      recipient: ALICE_NUMBER,
      label: ALICE.email,
      messageType: "otp_verify",
      deliveryMethod: "text",
    });
    // expireAt is the function's clock + 10 min; receivedAt is Firestore's.
    const retention = Date.parse(answer.expireAt) - Date.parse(answer.receivedAt);
    expect(Math.abs(retention - 10 * 60_000)).toBeLessThan(5_000);
  });

  it("answers at once with a code already there, by email, by label and by number, at the function's own URL too", async () => {
    const id = await post(ALICE_NUMBER, "135790");
    for (const query of [
      `user=${enc(ALICE.email)}`,
      `user=${enc("alice demo")}`,
      `recipient=${enc(ALICE_NUMBER)}`,
    ]) {
      for (const url of [stackEnv().codesApiUrl, stackEnv().codesFunctionUrl]) {
        const reply = await latest(`${query}&wait=10`, { url });
        expect(reply.status, `${url}?${query}`).toBe(200);
        expect(reply.body).toMatchObject({ id, code: "135790", label: ALICE.label });
      }
    }
  });

  it("ends an empty wait with 204 and Retry-After within a second of the asked wait", async () => {
    const reply = await latest(`user=${enc(ALICE.email)}&wait=2`);
    expect(reply.status).toBe(204);
    expect(reply.headers.get("retry-after")).toBe("1");
    expect(reply.ms).toBeGreaterThanOrEqual(2_000);
    expect(reply.ms).toBeLessThan(3_000);
  });

  it("never answers with another person's code, even on a shared number", async () => {
    await post(SHARED_NUMBER, "111111", { email: BOB.email });
    expect((await latest(`user=${enc(ALICE.email)}`)).status).toBe(204);
    expect((await latest(`user=${enc(BOB.label)}`)).body).toMatchObject({ code: "111111" });
    // A payload that names nobody on a shared number may be either demo user's.
    await post(SHARED_NUMBER, "222222");
    expect((await latest(`user=${enc(ALICE.label)}`)).body).toMatchObject({ code: "222222" });
    expect((await latest(`user=${enc(BOB.email)}`)).body).toMatchObject({ code: "222222" });
    expect((await latest(`recipient=${enc(ALICE_NUMBER)}`)).status).toBe(204);
  });

  it("never returns an expired code, though Firestore's TTL has not deleted it", async () => {
    const past = Date.now() - 60_000;
    await adminDb()
      .collection(COLLECTIONS.codes)
      .doc("expired")
      .set({
        recipient: ALICE_NUMBER,
        code: "999999",
        messageText: "",
        messageType: "otp_verify",
        deliveryMethod: "text",
        label: ALICE.label,
        owners: [ALICE.email, ALICE.label.toLowerCase()],
        receivedAt: Timestamp.fromMillis(past - 600_000),
        expireAt: Timestamp.fromMillis(past),
      });
    expect((await latest(`user=${enc(ALICE.email)}`)).status).toBe(204);
    expect((await latest(`recipient=${enc(ALICE_NUMBER)}&wait=1`)).status).toBe(204);
  });

  it("answers a code up to its expireAt and never after, with no TTL delete in between", async () => {
    // A few seconds from the boundary: generous for one local request, short for the suite.
    const expireAt = Date.now() + 5_000;
    await adminDb()
      .collection(COLLECTIONS.codes)
      .doc("at-the-boundary")
      .set({
        recipient: ALICE_NUMBER,
        code: "555000",
        messageText: "",
        messageType: "otp_verify",
        deliveryMethod: "text",
        label: ALICE.label,
        owners: [ALICE.email, ALICE.label.toLowerCase()],
        receivedAt: Timestamp.fromMillis(expireAt - 600_000),
        expireAt: Timestamp.fromMillis(expireAt),
      });
    const before = await latest(`recipient=${enc(ALICE_NUMBER)}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id: "at-the-boundary", code: "555000" });
    await sleep(expireAt - Date.now() + 100);
    expect((await latest(`recipient=${enc(ALICE_NUMBER)}`)).status).toBe(204);
    expect((await latest(`user=${enc(ALICE.email)}&wait=1`)).status).toBe(204);
  });

  it("with after, skips the code a test saw before its login began and waits for the next", async () => {
    const stale = await post(ALICE_NUMBER, "100001");
    const seen = (await latest(`user=${enc(ALICE.email)}`)).body as LatestCodeAnswer;
    expect(seen.id).toBe(stale);
    expect((await latest(`user=${enc(ALICE.email)}&after=${seen.id}`)).status).toBe(204);
    const waiting = latest(`user=${enc(ALICE.email)}&after=${seen.id}&wait=20`);
    await sleep(1_000);
    const fresh = await post(ALICE_NUMBER, "100002");
    expect((await waiting).body).toMatchObject({ id: fresh, code: "100002" });
    const gone = await latest(`user=${enc(ALICE.email)}&after=k_no_such_code`);
    expect(gone.status).toBe(400);
    expect(gone.body).toMatchObject({
      error: { code: "invalid_parameter", message: expect.stringMatching(/^after: /) },
    });
  });

  it("with since, counts only codes received after that time", async () => {
    await post(ALICE_NUMBER, "200001");
    await sleep(50);
    const since = Date.now();
    await sleep(50);
    expect((await latest(`recipient=${enc(ALICE_NUMBER)}&since=${since}`)).status).toBe(204);
    await post(ALICE_NUMBER, "200002");
    const iso = new Date(since).toISOString();
    expect((await latest(`recipient=${enc(ALICE_NUMBER)}&since=${iso}`)).body).toMatchObject({
      code: "200002",
    });
  });

  it("waits for an email's code with channel=email, while an SMS login's wait never receives it", async () => {
    const smsLogin = latest(`user=${enc(ALICE.email)}&wait=4`);
    const emailMfa = latest(`user=${enc(ALICE.email)}&channel=email&type=mfa_oob_code&wait=20`);
    await sleep(1_500);
    await storeEmail("email-mfa", "mfa_oob_code", "482913", {
      subject: "Your verification code",
      from: "no-reply@demo.example",
    });
    const email = await emailMfa;
    expect(email.status).toBe(200);
    expect(email.body).toMatchObject({
      id: "email-mfa",
      code: "482913",
      recipient: ALICE.email,
      messageType: "mfa_oob_code",
      deliveryMethod: "email",
      channel: "email",
      subject: "Your verification code",
      links: [],
    });
    expect(email.body).not.toHaveProperty("link");
    expect((await smsLogin).status).toBe(204);
    // The email is the newest; an SMS login asking now still gets the SMS.
    const sms = await post(ALICE_NUMBER, "864200", { email: ALICE.email });
    await storeEmail("newer-email", "mfa_oob_code", "111222");
    expect((await latest(`user=${enc(ALICE.email)}`)).body).toMatchObject({
      id: sms,
      channel: "sms",
    });
    expect((await latest(`recipient=${enc(ALICE.email)}&channel=email`)).body).toMatchObject({
      id: "newer-email",
      code: "111222",
    });
  });

  it("waits for a verification link, past the welcome email that comes with it", async () => {
    const before = await latest(`user=${enc(ALICE.email)}&channel=email&type=verify_email`);
    expect(before.status).toBe(204);
    const waiting = latest(`user=${enc(ALICE.label)}&channel=email&type=verify_email&wait=20`);
    await sleep(1_500);
    await storeEmail("welcome", "welcome_email", "", { subject: "Welcome!" });
    await storeEmail("verify", "verify_email", "", {
      subject: "Verify your email",
      links: [VERIFY, { url: "https://demo.example/privacy", text: "Privacy" }],
      mainLink: VERIFY,
    });
    const reply = await waiting;
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: "verify",
      code: "",
      channel: "email",
      subject: "Verify your email",
      links: [VERIFY, { url: "https://demo.example/privacy", text: "Privacy" }],
      link: VERIFY,
    });
    // Without a type, an email wait takes the newest email of any type.
    expect((await latest(`user=${enc(ALICE.email)}&channel=email`)).body).toMatchObject({
      channel: "email",
    });
  });

  it("selects phone codes by delivery method: codes stored before channels existed still answer", async () => {
    const received = Date.now();
    for (const [id, deliveryMethod, code] of [
      ["old-text", "text", "303030"],
      ["old-voice", "voice", "404040"],
    ] as const) {
      await adminDb()
        .collection(COLLECTIONS.codes)
        .doc(id)
        .set({
          recipient: ALICE_NUMBER,
          code,
          messageText: `Your code is ${code}`,
          messageType: "otp_verify",
          deliveryMethod,
          label: ALICE.label,
          owners: [ALICE.email, ALICE.label.toLowerCase()],
          receivedAt: Timestamp.fromMillis(received - (deliveryMethod === "text" ? 2_000 : 1_000)),
          expireAt: Timestamp.fromMillis(received + 600_000),
        });
    }
    expect((await latest(`user=${enc(ALICE.email)}&channel=sms`)).body).toMatchObject({
      id: "old-text",
      channel: "sms",
    });
    expect((await latest(`recipient=${enc(ALICE_NUMBER)}&channel=voice`)).body).toMatchObject({
      id: "old-voice",
      channel: "voice",
    });
    expect((await latest(`user=${enc(ALICE.email)}`)).body).toMatchObject({ id: "old-voice" });
    expect((await latest(`user=${enc(ALICE.email)}&channel=email`)).status).toBe(204);
  });

  it("accepts only the read token: missing, wrong and the webhook's secret are 401", async () => {
    for (const token of [null, "not-the-read-token-at-all", stackEnv().webhookSecret]) {
      const reply = await latest(`user=${enc(ALICE.email)}`, { token });
      expect(reply.status, String(token)).toBe(401);
      expect(reply.body).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("names every bad parameter, and refuses other methods with Allow", async () => {
    for (const [query, parameter] of [
      ["user=a&wait=999", "wait"],
      [`recipient=0400`, "recipient"],
      [`user=a&recipient=${enc(ALICE_NUMBER)}`, "user"],
      ["", "user"],
      ["user=a&type=sms", "type"],
      ["user=a&since=last-week", "since"],
      ["user=a&colour=red", "colour"],
      ["user=a&channel=fax", "channel"],
      ["user=a&type=verify_email", "type"],
    ]) {
      const reply = await latest(query as string);
      expect(reply.status, query).toBe(400);
      expect((reply.body as { error: { message: string } }).error.message).toMatch(
        new RegExp(`^${parameter}: `),
      );
    }
    const wrongMethod = await latest("user=a", { method: "POST" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("the codes API on functions-framework (one process, as in production)", () => {
  let server: FrameworkFunction;
  let webhook: FrameworkFunction;
  beforeAll(async () => {
    const env = stackEnv();
    [server, webhook] = (await Promise.all(
      ["codes", "otp"].map((target) =>
        startFrameworkFunction({
          target,
          firestoreHost: env.firestoreHost,
          env: { OTP_READ_TOKEN: env.readToken, OTP_WEBHOOK_SECRET: env.webhookSecret },
        }),
      ),
    )) as [FrameworkFunction, FrameworkFunction];
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), webhook?.stop()]);
  });
  beforeEach(async () => {
    await clearFirestore();
  });

  it("holds 20 concurrent waits and answers each with its own user's code", async () => {
    const people = Array.from({ length: 20 }, (_, i) => ({
      email: `waiter${i}@example.com`,
      number: `+6140000${String(100 + i).padStart(4, "0")}`,
      code: String(300000 + i),
    }));
    const waits = people.map((person) =>
      latest(`user=${enc(person.email)}&wait=25`, { url: server.url }),
    );
    await sleep(2_000);
    const ids = await Promise.all(
      people.map((p) => post(p.number, p.code, { email: p.email }, webhook.url)),
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${webhook.output()}`);
    });
    const replies = await Promise.all(waits);
    replies.forEach((reply, i) => {
      expect(reply.status, people[i]?.email).toBe(200);
      expect(reply.body).toMatchObject({
        id: ids[i],
        code: people[i]?.code,
        recipient: people[i]?.number,
      });
    });
  });
});

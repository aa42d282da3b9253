// The webhook's request flow for an email, with its store injected: what the
// Action's post becomes (the code and links extracted, the body beside them),
// what a retry is answered, what a malformed email is refused with, and what
// never reaches a log line.
import { describe, expect, it } from "vitest";
import type { CodeStore, EmailDelivery, StoreResult } from "../../src/webhook/code-store.js";
import { createWebhookHandler, type OutgoingResponse } from "../../src/webhook/handler.js";
import type { Refusal } from "../../src/webhook/refusal.js";
import { renderFixture } from "../email/support/render.js";
import { CODE, COMMON, URLS } from "../email/support/samples.js";

function capture() {
  const reply = { status: 0, body: undefined as unknown };
  const res: OutgoingResponse = {
    status(code) {
      reply.status = code;
      return res;
    },
    set() {
      return res;
    },
    json(body) {
      reply.body = body;
    },
  };
  return { reply, res };
}

const post = (body: unknown, key?: string) => {
  const headers: Record<string, string> = {
    authorization: "Bearer the-secret",
    "content-type": "application/json",
    ...(key ? { "idempotency-key": key } : {}),
  };
  return {
    method: "POST",
    header: (name: string) => headers[name.toLowerCase()],
    rawBody: Buffer.from(JSON.stringify(body)),
  };
};

const verifyEmail = {
  channel: "email",
  to: "ana@example.com",
  subject: "Verify your email",
  html: renderFixture("verify_email", { ...COMMON, url: URLS.verify }),
  messageType: "verify_email",
};
const mfaCode = {
  channel: "email",
  to: "ana@example.com",
  subject: "Your verification code",
  html: renderFixture("mfa_oob_code", { ...COMMON, code: CODE }),
  messageType: "mfa_oob_code",
};

/** A store that keeps what it is given, by id, as Firestore's create() would. */
function memoryStore() {
  const emails = new Map<string, { delivery: EmailDelivery; retentionMinutes: number }>();
  let next = 0;
  const store: CodeStore = {
    store: () => Promise.reject(new Error("no phone code in these tests")),
    async storeEmail(delivery, key, retentionMinutes): Promise<StoreResult> {
      const id = key ? `k_${key}` : `auto_${++next}`;
      if (emails.has(id)) return { id, created: false };
      emails.set(id, { delivery, retentionMinutes });
      return { id, created: true };
    },
  };
  return { store, emails };
}

function setup() {
  const { store, emails } = memoryStore();
  const lines: string[] = [];
  const refusals: Refusal[] = [];
  const handler = createWebhookHandler({
    secrets: () => "the-secret",
    retentionMinutes: () => 10,
    store,
    log: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
    refusals: { record: async (refusal) => void refusals.push(refusal) },
  });
  const send = async (body: unknown, key?: string) => {
    const { reply, res } = capture();
    await handler(post(body, key), res);
    return reply;
  };
  return { send, emails, lines, refusals };
}

describe("the webhook, given an email", () => {
  it("stores a link email with its links and the link to click, and answers 201 with the id", async () => {
    const { send, emails } = setup();
    const reply = await send(verifyEmail);
    expect(reply).toEqual({ status: 201, body: { id: "auto_1" } });
    const stored = emails.get("auto_1");
    expect(stored?.retentionMinutes).toBe(10);
    expect(stored?.delivery.payload).toMatchObject({
      to: "ana@example.com",
      html: verifyEmail.html,
    });
    expect(stored?.delivery.extraction).toMatchObject({
      code: null,
      mainLink: { url: URLS.verify, text: "Confirm my account" },
    });
  });

  it("stores a code email with the code taken out of its HTML", async () => {
    const { send, emails } = setup();
    expect((await send(mfaCode)).status).toBe(201);
    expect(emails.get("auto_1")?.delivery.extraction).toMatchObject({ code: CODE, mainLink: null });
  });

  it("answers a retry with the same Idempotency-Key 200 and the same id, storing nothing more", async () => {
    const { send, emails } = setup();
    const first = await send(mfaCode, "evt-1");
    const retry = await send(mfaCode, "evt-1");
    expect(first).toEqual({ status: 201, body: { id: "k_evt-1" } });
    expect(retry).toEqual({ status: 200, body: { id: "k_evt-1" } });
    expect(emails.size).toBe(1);
  });

  it("refuses a malformed email with 400 naming the field, stores nothing, and records the refusal without the HTML", async () => {
    const { send, emails, refusals } = setup();
    const reply = await send({ ...mfaCode, to: "ana at example.com" });
    expect(reply).toEqual({
      status: 400,
      body: { error: { code: "invalid_request", message: expect.stringMatching(/^to: /) } },
    });
    expect(emails.size).toBe(0);
    expect(refusals).toEqual([
      {
        status: 400,
        error: "invalid_request",
        field: "to",
        channel: "email",
        messageType: "mfa_oob_code",
        recipient: "(18 characters, not an email address)",
      },
    ]);
    const empty = await send({ ...mfaCode, html: "" });
    expect(empty.status).toBe(400);
    expect(refusals[1]).toMatchObject({ field: "html", recipient: "a•••@example.com" });
    expect(JSON.stringify(refusals)).not.toContain(CODE);
  });

  it("logs the type and what was found, never the code, a link, the subject or the HTML", async () => {
    const { send, lines } = setup();
    await send(mfaCode);
    await send(verifyEmail);
    const logged = lines.join("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"codeFound":true');
    expect(lines[1]).toContain('"deliveryMethod":"email"');
    for (const secret of [CODE, "ticket=", "https://", "Verify your email", "<", "the-secret"]) {
      expect(logged).not.toContain(secret);
    }
  });
});

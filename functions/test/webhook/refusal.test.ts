import { describe, expect, it } from "vitest";
import { maskRecipient, REFUSALS } from "../../src/contract/refusals.js";
import type { CodeStore } from "../../src/webhook/code-store.js";
import { webhookError } from "../../src/webhook/errors.js";
import { createWebhookHandler, type OutgoingResponse } from "../../src/webhook/handler.js";
import type { Refusal } from "../../src/webhook/refusal.js";
import { describeRefusal, isRecordedRefusal, refusalLimiter } from "../../src/webhook/refusal.js";
import type { RefusalLog } from "../../src/webhook/refusal-log.js";

describe("maskRecipient", () => {
  it("keeps the country prefix and the last three digits of a number", () => {
    expect(maskRecipient("+61400000001")).toBe("+614•••••001");
    expect(maskRecipient("0400123456")).toBe("040••••456");
  });
  it("keeps only the length of anything else", () => {
    expect(maskRecipient("hello world")).toBe("(11 characters, not a phone number)");
    expect(maskRecipient("+61 400 000 001")).toBe("(15 characters, not a phone number)");
  });
});

describe("describeRefusal", () => {
  const invalid = webhookError(400, "invalid_request", "recipient: must be …", {
    field: "recipient",
  });
  it("records status, code, field, message type and the masked recipient, never the code or text", () => {
    const body = Buffer.from(
      JSON.stringify({
        recipient: "+61400000001",
        code: "123456",
        messageText: "Your code is 123456",
        messageType: "otp_enroll",
      }),
    );
    const refusal = describeRefusal(invalid, body);
    expect(refusal).toEqual({
      status: 400,
      error: "invalid_request",
      field: "recipient",
      messageType: "otp_enroll",
      recipient: "+614•••••001",
    });
    expect(JSON.stringify(refusal)).not.toContain("123456");
  });
  it("leaves out what an unreadable body cannot say", () => {
    expect(describeRefusal(invalid, Buffer.from("{not json"))).toEqual({
      status: 400,
      error: "invalid_request",
      field: "recipient",
    });
    expect(
      describeRefusal(invalid, Buffer.from(JSON.stringify({ messageType: "evil", recipient: 5 }))),
    ).not.toHaveProperty("messageType");
  });
  it("skips browsers' GETs and retryable outages", () => {
    expect(isRecordedRefusal(webhookError(405, "method_not_allowed", "x"))).toBe(false);
    expect(isRecordedRefusal(webhookError(503, "unavailable", "x"))).toBe(false);
    expect(isRecordedRefusal(webhookError(401, "unauthorized", "x"))).toBe(true);
  });
});

describe("refusalLimiter", () => {
  it("records the first N of each minute, marks the Nth, drops the rest, and starts again next minute", () => {
    const admit = refusalLimiter(3);
    const minute = 60_000 * 1000;
    expect([1, 2, 3, 4, 5].map((i) => admit(minute + i))).toEqual([
      "record",
      "record",
      "record-last",
      "drop",
      "drop",
    ]);
    expect(admit(minute + 60_000)).toBe("record");
  });
});

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

describe("the webhook's refusal trail", () => {
  const unusedStore: CodeStore = {
    store: () => Promise.reject(new Error("never stores in these tests")),
    storeEmail: () => Promise.reject(new Error("never stores in these tests")),
  };
  const post = (headers: Record<string, string>, body: string) => ({
    method: "POST",
    header: (name: string) => headers[name.toLowerCase()],
    rawBody: Buffer.from(body),
  });

  it("records each refusal before answering, and a flood stops at the per-minute limit", async () => {
    const recorded: { refusal: Refusal; limitReached: boolean }[] = [];
    const refusals: RefusalLog = {
      record: async (refusal, { limitReached }) => {
        recorded.push({ refusal, limitReached });
      },
    };
    const handler = createWebhookHandler({
      secrets: () => "the-secret",
      retentionMinutes: () => 10,
      store: unusedStore,
      log: () => {},
      refusals,
      now: () => 5 * 60_000,
    });
    const wrongSecret = post(
      { authorization: "Bearer wrong", "content-type": "application/json" },
      JSON.stringify({ recipient: "+61400000001", code: "123456" }),
    );
    const { reply, res } = capture();
    await handler(wrongSecret, res);
    expect(reply.status).toBe(401);
    expect(recorded).toEqual([
      {
        refusal: {
          status: 401,
          error: "unauthorized",
          field: "Authorization",
          recipient: "+614•••••001",
        },
        limitReached: false,
      },
    ]);
    for (let i = 0; i < 100; i++) await handler(wrongSecret, capture().res);
    expect(recorded).toHaveLength(REFUSALS.recordedPerMinute);
    expect(recorded.at(-1)?.limitReached).toBe(true);
  });

  it("answers the refusal as before when recording fails", async () => {
    const handler = createWebhookHandler({
      secrets: () => "the-secret",
      retentionMinutes: () => 10,
      store: unusedStore,
      log: () => {},
      refusals: { record: () => Promise.reject(new Error("Firestore is down")) },
    });
    const { reply, res } = capture();
    await handler(post({ authorization: "Bearer the-secret" }, "{}"), res);
    expect(reply.status).toBe(415);
    expect(reply.body).toEqual({
      error: { code: "unsupported_media_type", message: expect.any(String) },
    });
  });
});

describe("describeRefusal, for an email", () => {
  const invalid = webhookError(400, "invalid_request", "html: …", { field: "html" });
  const email = (fields: Record<string, unknown>) =>
    Buffer.from(
      JSON.stringify({
        channel: "email",
        to: "Ana@Example.com",
        subject: "Your code 482913",
        html: `<a href="https://t.example/reset?ticket=abc">Reset</a> 482913 ${"x".repeat(20_000)}`,
        messageType: "reset_email",
        ...fields,
      }),
    );

  it("says it was an email, its documented type and the address masked, even past 16 KiB", () => {
    expect(describeRefusal(invalid, email({}))).toEqual({
      status: 400,
      error: "invalid_request",
      field: "html",
      channel: "email",
      messageType: "reset_email",
      recipient: "a•••@example.com",
    });
  });

  it("keeps nothing of the subject, the HTML, its links or an undocumented type", () => {
    const refusal = describeRefusal(invalid, email({ messageType: "magic_482913" }));
    expect(refusal).not.toHaveProperty("messageType");
    for (const secret of ["482913", "ticket", "https", "Reset"]) {
      expect(JSON.stringify(refusal)).not.toContain(secret);
    }
  });
});

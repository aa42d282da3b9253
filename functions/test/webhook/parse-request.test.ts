import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/contract/notification.js";
import {
  checkMethod,
  type IncomingRequest,
  isEmailPayload,
  parseNotification,
} from "../../src/webhook/parse-request.js";

function request(body: unknown, headers: Record<string, string> = {}): IncomingRequest {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const all: Record<string, string> = { "content-type": "application/json", ...headers };
  return {
    method: "POST",
    header: (name) => all[name.toLowerCase()],
    rawBody: Buffer.from(raw, "utf8"),
  };
}

const seedBody = { recipient: "+61400000001", messageText: "Your code is 123456", code: "123456" };

describe("parseNotification", () => {
  it("accepts the seed article's exact payload with defaults for the rest", () => {
    const result = parseNotification(request(seedBody));
    expect(result).toEqual({
      ok: true,
      value: {
        payload: { ...seedBody, messageType: "otp_verify", deliveryMethod: "text" },
        idempotencyKey: undefined,
      },
    });
  });

  it("accepts the rich payload and the idempotency key", () => {
    const rich = {
      ...seedBody,
      messageType: "otp_enroll",
      deliveryMethod: "voice",
      locale: "en_US",
      user: { id: "auth0|1", email: "owner@atko.email", name: "Owner" },
      client: { id: "abc", name: "Demo app" },
      tenant: "atko-demo",
    };
    const result = parseNotification(request(rich, { "idempotency-key": "n-1" }));
    expect(result).toEqual({ ok: true, value: { payload: rich, idempotencyKey: "n-1" } });
  });

  it("drops unknown fields, at the top and nested", () => {
    const result = parseNotification(
      request({ ...seedBody, admin: true, user: { email: "a@b.co", role: "x" } }),
    );
    expect(result.ok && result.value.payload).toEqual({
      ...seedBody,
      messageType: "otp_verify",
      deliveryMethod: "text",
      user: { email: "a@b.co" },
    });
  });

  it("keeps the doctor's test-notice mark", () => {
    const result = parseNotification(request({ ...seedBody, probe: true }));
    const payload = result.ok ? result.value.payload : undefined;
    expect(payload && !isEmailPayload(payload) && payload.probe).toBe(true);
  });

  it("allows notices without a code but requires one for OTP types", () => {
    expect(
      parseNotification(request({ recipient: "+61400000002", messageType: "blocked_account" })).ok,
    ).toBe(true);
    const missing = parseNotification(
      request({ recipient: "+61400000002", messageType: "otp_enroll" }),
    );
    expect(missing).toMatchObject({ ok: false, error: { status: 400, code: "invalid_request" } });
    expect(!missing.ok && missing.error.message).toMatch(/^code: is required/);
  });

  it.each([
    [{ ...seedBody, recipient: "0400000001" }, "recipient"],
    [{ ...seedBody, recipient: "+0400000001" }, "recipient"],
    [{ ...seedBody, code: "123" }, "code"],
    [{ ...seedBody, code: "12345678901" }, "code"],
    [{ ...seedBody, code: "12a456" }, "code"],
    [{ ...seedBody, messageText: "x".repeat(LIMITS.maxMessageTextChars + 1) }, "messageText"],
    [{ ...seedBody, messageType: "sms" }, "messageType"],
    [{ ...seedBody, deliveryMethod: "pigeon" }, "deliveryMethod"],
    [{ ...seedBody, user: { email: "not-an-email" } }, "user.email"],
    [{ code: "123456" }, "recipient"],
    [{ ...seedBody, probe: false }, "probe"],
    [{ ...seedBody, probe: "yes" }, "probe"],
  ])("names the invalid field %#", (body, field) => {
    const result = parseNotification(request(body));
    expect(result).toMatchObject({ ok: false, error: { status: 400, code: "invalid_request" } });
    expect(!result.ok && result.error.message.startsWith(`${field}: `)).toBe(true);
  });

  it("rejects non-JSON content types with 415", () => {
    const result = parseNotification(request(seedBody, { "content-type": "text/plain" }));
    expect(result).toMatchObject({ ok: false, error: { status: 415 } });
  });

  it("accepts a charset parameter on the content type", () => {
    const result = parseNotification(
      request(seedBody, { "content-type": "application/json; charset=utf-8" }),
    );
    expect(result.ok).toBe(true);
  });

  it("rejects bodies over the limit with 413, by header or by bytes", () => {
    const big = { ...seedBody, messageText: "é".repeat(LIMITS.maxBodyBytes / 2) };
    expect(parseNotification(request(big))).toMatchObject({ ok: false, error: { status: 413 } });
    const declared = request(seedBody, { "content-length": String(LIMITS.maxBodyBytes + 1) });
    expect(parseNotification(declared)).toMatchObject({ ok: false, error: { status: 413 } });
  });

  it("rejects malformed JSON, an empty body and non-objects with 400", () => {
    expect(parseNotification(request("{bad"))).toMatchObject({
      ok: false,
      error: { code: "malformed_json" },
    });
    expect(parseNotification(request(""))).toMatchObject({
      ok: false,
      error: { code: "malformed_json" },
    });
    expect(parseNotification(request("[1]"))).toMatchObject({
      ok: false,
      error: { code: "invalid_request" },
    });
  });

  it("rejects an idempotency key with spaces or control characters", () => {
    const result = parseNotification(request(seedBody, { "idempotency-key": "a b" }));
    expect(result).toMatchObject({ ok: false, error: { status: 400 } });
    expect(!result.ok && result.error.message).toMatch(/^Idempotency-Key: /);
  });
});

describe("parseNotification: an email", () => {
  const email = {
    channel: "email",
    to: "Ana@Example.com",
    from: "no-reply@demo.example",
    subject: "Verify your email",
    html: "<p>Your code is <b>482913</b></p>",
    messageType: "verify_email_by_code",
  };
  /** A valid email whose HTML pads the body to `bytes`. */
  const emailOfSize = (bytes: number) => {
    const frame = JSON.stringify({ ...email, html: "" }).length;
    const padding = "<p>padding</p>".repeat(Math.ceil(bytes / 14));
    return { ...email, html: `${email.html}${padding}`.slice(0, bytes - frame) };
  };

  it("is told by its channel and validated as an email, the address in lower case", () => {
    const result = parseNotification(request(email, { "idempotency-key": "evt-1" }));
    expect(result).toEqual({
      ok: true,
      value: { payload: { ...email, to: "ana@example.com" }, idempotencyKey: "evt-1" },
    });
  });

  it("accepts any message type, passwordless' undocumented one included", () => {
    const result = parseNotification(request({ ...email, messageType: "passwordless_link" }));
    expect(result.ok && result.value.payload.messageType).toBe("passwordless_link");
  });

  it("may be up to 256 KiB, sixteen times a phone code's limit", () => {
    const body = emailOfSize(LIMITS.maxEmailBodyBytes);
    expect(Buffer.byteLength(JSON.stringify(body))).toBe(LIMITS.maxEmailBodyBytes);
    expect(parseNotification(request(body)).ok).toBe(true);
  });

  it("is refused with 413 beyond 256 KiB, by bytes or by header, naming the limit", () => {
    const big = parseNotification(request(emailOfSize(LIMITS.maxEmailBodyBytes + 1)));
    expect(big).toMatchObject({
      ok: false,
      error: { status: 413, code: "payload_too_large", field: "body" },
    });
    expect(!big.ok && big.error.message).toContain(String(LIMITS.maxEmailBodyBytes));
    const declared = request(email, { "content-length": String(LIMITS.maxEmailBodyBytes + 1) });
    expect(parseNotification(declared)).toMatchObject({ ok: false, error: { status: 413 } });
  });

  it("leaves a phone payload at 16 KiB: a larger one is 413 naming the phone limit", () => {
    const phone = { ...seedBody, messageText: "x", padding: "x".repeat(LIMITS.maxBodyBytes) };
    const result = parseNotification(request(phone));
    expect(result).toMatchObject({ ok: false, error: { status: 413, field: "body" } });
    expect(!result.ok && result.error.message).toContain(String(LIMITS.maxBodyBytes));
    // Not JSON and over 16 KiB is no email either: the size is what to fix first.
    const junk = parseNotification(request(`{${"x".repeat(LIMITS.maxBodyBytes)}`));
    expect(junk).toMatchObject({ ok: false, error: { status: 413 } });
  });

  it.each([
    ["to", { to: "not-an-address" }],
    ["to", { to: undefined }],
    ["html", { html: "   " }],
    ["html", { html: undefined }],
    ["messageType", { messageType: "has spaces" }],
    ["messageType", { messageType: undefined }],
    ["subject", { subject: "s".repeat(999) }],
    ["locale", { locale: "not a locale" }],
    ["from", { from: "nobody" }],
  ])("names the invalid field %s with 400", (field, change) => {
    const result = parseNotification(request({ ...email, ...change }));
    expect(result).toMatchObject({
      ok: false,
      error: { status: 400, code: "invalid_request", field },
    });
    expect(!result.ok && result.error.message.startsWith(`${field}: `)).toBe(true);
  });

  it("drops what the email schema does not know, phone fields included", () => {
    const result = parseNotification(
      request({ ...email, code: "123456", recipient: "+61400000001" }),
    );
    expect(result.ok && Object.keys(result.value.payload)).not.toContain("code");
    expect(result.ok && Object.keys(result.value.payload)).not.toContain("recipient");
  });
});

describe("checkMethod", () => {
  it("allows POST only and says so in Allow", () => {
    expect(checkMethod("POST")).toBeUndefined();
    for (const method of ["GET", "PUT", "DELETE", "OPTIONS", "PATCH"]) {
      expect(checkMethod(method)).toMatchObject({ status: 405, headers: { Allow: "POST" } });
    }
  });
});

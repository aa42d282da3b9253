import { EMAIL_LIMITS } from "functions/contract/email";
import { idempotencyKeySchema } from "functions/contract/webhook-payload";
import { describe, expect, it } from "vitest";
import type { CustomEmailProviderEvent } from "../src/email-event.js";
import { maskRecipientAddress } from "../src/email-log.js";
import {
  emailAddress,
  emailIdempotencyKey,
  emailIdempotencyMaterial,
  emailMessageType,
  toEmailWebhookBody,
} from "../src/email-request.js";
import { sampleEmail, sampleEmailEvent } from "../src/email-sample-event.js";

const SECRET = "test-secret-0123456789";

function mapped(event: CustomEmailProviderEvent) {
  const result = toEmailWebhookBody(event);
  if (!result.ok) throw new Error(`mapping refused the event: ${result.reason}`);
  return result.body;
}

describe("toEmailWebhookBody", () => {
  it("files the email under its recipient's bare address and the sender's", () => {
    expect(emailAddress("Demo app <no-reply@demo.example>")).toBe("no-reply@demo.example");
    expect(emailAddress("  owner@atko.email ")).toBe("owner@atko.email");
    expect(emailAddress("Demo app")).toBeUndefined();
    const event = sampleEmailEvent({ to: "Owner <Owner@Atko.email>" });
    expect(mapped(event)).toMatchObject({ to: "Owner@Atko.email", from: "no-reply@demo.example" });
  });

  it("leaves out context the schema would refuse instead of losing the email", () => {
    const event = sampleEmailEvent({ messageType: "mfa_oob_code" });
    event.notification.from = "no sender";
    event.notification.locale = "en US!";
    event.notification.text = "   ";
    event.user = { user_id: " ", email: "not an email", nickname: "owner" };
    event.tenant = {};
    const body = mapped(event);
    expect(body).not.toHaveProperty("from");
    expect(body).not.toHaveProperty("locale");
    expect(body).not.toHaveProperty("text");
    expect(body).not.toHaveProperty("tenant");
    expect(body.user).toEqual({ name: "owner" });
  });

  it("cuts an overlong subject to the contract's limit and sends none as empty", () => {
    const event = sampleEmailEvent();
    event.notification.subject = "s".repeat(EMAIL_LIMITS.maxSubjectChars + 10);
    expect(mapped(event).subject).toHaveLength(EMAIL_LIMITS.maxSubjectChars);
    delete event.notification.subject;
    expect(mapped(event).subject).toBe("");
  });

  it("keeps any message type, shaped to the contract's pattern and length", () => {
    expect(emailMessageType("passwordless_email")).toBe("passwordless_email");
    expect(emailMessageType(" magic link ✨ ")).toBe("magic_link__");
    expect(emailMessageType("x".repeat(100))).toHaveLength(EMAIL_LIMITS.maxMessageTypeChars);
    expect(emailMessageType("")).toBeUndefined();
    expect(emailMessageType(undefined)).toBeUndefined();
  });

  it("refuses what it cannot file, with a reason that names the field", () => {
    const noType = sampleEmailEvent();
    noType.notification.message_type = " ";
    expect(toEmailWebhookBody(noType)).toMatchObject({ ok: false, reason: /no message_type/ });
    const noNotification = sampleEmailEvent();
    Reflect.deleteProperty(noNotification, "notification");
    expect(toEmailWebhookBody(noNotification)).toMatchObject({
      ok: false,
      reason: /bound to custom-email-provider/,
    });
  });
});

describe("emailIdempotencyKey", () => {
  it("is the same when Auth0 retries the email, whatever else changed", async () => {
    const first = sampleEmailEvent({ messageType: "verify_email", correlationId: "corr-1" });
    const retried = structuredClone(first);
    retried.request = { ip: "198.51.100.7", user_agent: "another worker" };
    retried.secrets = { OTP_WEBHOOK_TIMEOUT_MS: "5000" };
    expect(await emailIdempotencyKey(retried, SECRET)).toBe(
      await emailIdempotencyKey(first, SECRET),
    );
  });

  const variants: [string, (e: CustomEmailProviderEvent) => void][] = [
    [
      "HTML (a new code or ticket)",
      (e) => Object.assign(e.notification, { html: "<p>654321</p>" }),
    ],
    ["subject", (e) => Object.assign(e.notification, { subject: "Your code: 654321" })],
    ["text", (e) => Object.assign(e.notification, { text: "654321" })],
    ["recipient", (e) => Object.assign(e.notification, { to: "other@atko.email" })],
    ["message type", (e) => Object.assign(e.notification, { message_type: "reset_email" })],
    ["correlation id", (e) => Object.assign(e, { transaction: { correlation_id: "corr-2" } })],
    ["tenant", (e) => Object.assign(e, { tenant: { id: "other-tenant" } })],
    ["user", (e) => Object.assign(e, { user: { user_id: "auth0|someone-else" } })],
    ["client", (e) => Object.assign(e, { client: { client_id: "other-client" } })],
  ];
  it.each(variants)("differs when the %s differs", async (_field, change) => {
    const event = sampleEmailEvent({ messageType: "verify_email", correlationId: "corr-1" });
    const other = structuredClone(event);
    change(other);
    expect(emailIdempotencyMaterial(other)).not.toBe(emailIdempotencyMaterial(event));
    expect(await emailIdempotencyKey(other, SECRET)).not.toBe(
      await emailIdempotencyKey(event, SECRET),
    );
  });

  it("is a valid header that reveals neither the code, the link nor the secret", async () => {
    const { event, code } = sampleEmail({ messageType: "mfa_oob_code", code: "987654" });
    const key = await emailIdempotencyKey(event, SECRET);
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
    expect(key).toMatch(/^auth0-cep-[0-9a-f]{64}$/);
    expect(key).not.toContain(code);
    expect(key).not.toContain(SECRET);
  });
});

describe("maskRecipientAddress", () => {
  it("keeps enough to tell demo addresses apart, and no more", () => {
    expect(maskRecipientAddress("owner@atko.email")).toBe("o•••@a•••.email");
    expect(maskRecipientAddress("Demo <admin@sms-inbox.test>")).toBe("a•••@s•••.test");
    expect(maskRecipientAddress("nobody")).toBe("?");
  });
});

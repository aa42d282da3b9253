import { MESSAGE_TYPES } from "functions/contract/notification";
import { idempotencyKeySchema, otpWebhookPayloadSchema } from "functions/contract/webhook-payload";
import { describe, expect, it } from "vitest";
import type { CustomPhoneProviderEvent } from "../src/auth0-event.js";
import { sampleEvent } from "../src/sample-event.js";
import { idempotencyKey, idempotencyMaterial, toWebhookBody } from "../src/webhook-request.js";

const SECRET = "test-secret-0123456789";

function mapped(event: CustomPhoneProviderEvent) {
  const result = toWebhookBody(event);
  if (!result.ok) throw new Error(`mapping refused the event: ${result.reason}`);
  return result.body;
}

describe("toWebhookBody", () => {
  it("sends the seed's fields plus the context the webhook accepts", () => {
    const body = mapped(
      sampleEvent({ code: "123456", recipient: "+61400000002", userEmail: "admin@atko.email" }),
    );
    expect(body).toEqual({
      recipient: "+61400000002",
      code: "123456",
      messageText: "123456 is your verification code. Please enter this code to log in.",
      messageType: "otp_verify",
      deliveryMethod: "text",
      locale: "en_US",
      user: { id: "auth0|demo-owner", email: "admin@atko.email", name: "admin@atko.email" },
      client: { id: "demo-client-id", name: "Demo app" },
      tenant: "demo-tenant",
    });
  });

  it.each(
    MESSAGE_TYPES.flatMap((messageType) =>
      (["text", "voice"] as const).map((deliveryMethod) => ({ messageType, deliveryMethod })),
    ),
  )(
    "produces a body the webhook's schema accepts for $messageType by $deliveryMethod",
    (options) => {
      const body = mapped(sampleEvent(options));
      const parsed = otpWebhookPayloadSchema.safeParse(body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data?.messageType).toBe(options.messageType);
      expect(parsed.data?.deliveryMethod).toBe(options.deliveryMethod);
    },
  );

  it("uses the spoken text for voice and keeps notices without a code code-less", () => {
    const voice = mapped(sampleEvent({ code: "424242", deliveryMethod: "voice" }));
    expect(voice.messageText).toContain("4, 2, 4, 2, 4, 2");
    const notice = mapped(sampleEvent({ messageType: "blocked_account" }));
    expect(notice).not.toHaveProperty("code");
    expect(notice.messageText).toMatch(/blocked/);
  });

  it("leaves out context the schema would refuse instead of losing the code", () => {
    const event = sampleEvent({ code: "123456" });
    event.user = { user_id: "  ", email: "not an email", name: "", nickname: "owner" };
    event.notification.locale = "en US!";
    event.client = { client_id: "x".repeat(500) };
    event.tenant = {};
    const body = mapped(event);
    expect(body.user).toEqual({ name: "owner" });
    expect(body).not.toHaveProperty("locale");
    expect(body).not.toHaveProperty("tenant");
    expect(body.client?.id).toHaveLength(128);
    expect(otpWebhookPayloadSchema.safeParse(body).success).toBe(true);
  });

  it("truncates a long message to the webhook's limit", () => {
    const event = sampleEvent({ code: "123456" });
    event.notification.as_text = "a".repeat(5000);
    const body = mapped(event);
    expect(otpWebhookPayloadSchema.safeParse(body).success).toBe(true);
  });

  it("refuses what it cannot represent, with a reason", () => {
    const badRecipient = sampleEvent();
    badRecipient.notification.recipient = "0400 000 001";
    expect(toWebhookBody(badRecipient)).toMatchObject({ ok: false, reason: /E\.164/ });
    const newType = sampleEvent();
    newType.notification.message_type = "otp_carrier_pigeon";
    expect(toWebhookBody(newType)).toMatchObject({ ok: false, reason: /message_type/ });
    const newMethod = sampleEvent();
    newMethod.notification.delivery_method = "fax";
    expect(toWebhookBody(newMethod)).toMatchObject({ ok: false, reason: /delivery_method/ });
  });
});

describe("idempotencyKey", () => {
  it("is the same for a retried notification even when volatile fields change", async () => {
    const first = sampleEvent({ code: "123456", correlationId: "corr-1" });
    const retried = structuredClone(first);
    retried.request = { ip: "198.51.100.7", user_agent: "another worker" };
    retried.notification.as_text = "template edited meanwhile";
    retried.secrets = { OTP_WEBHOOK_TIMEOUT_MS: "5000" };
    expect(await idempotencyKey(retried, SECRET)).toBe(await idempotencyKey(first, SECRET));
  });

  const variants: [string, (e: CustomPhoneProviderEvent) => void][] = [
    ["code", (e) => Object.assign(e.notification, { code: "654321" })],
    ["recipient", (e) => Object.assign(e.notification, { recipient: "+61400000009" })],
    ["delivery method", (e) => Object.assign(e.notification, { delivery_method: "voice" })],
    ["message type", (e) => Object.assign(e.notification, { message_type: "otp_enroll" })],
    ["correlation id", (e) => Object.assign(e, { transaction: { correlation_id: "corr-2" } })],
    ["tenant", (e) => Object.assign(e, { tenant: { id: "other-tenant" } })],
    ["user", (e) => Object.assign(e, { user: { user_id: "auth0|someone-else" } })],
  ];
  it.each(variants)("differs when the %s differs", async (_field, change) => {
    const event = sampleEvent({ code: "123456", correlationId: "corr-1" });
    const other = structuredClone(event);
    change(other);
    expect(idempotencyMaterial(other)).not.toBe(idempotencyMaterial(event));
    expect(await idempotencyKey(other, SECRET)).not.toBe(await idempotencyKey(event, SECRET));
  });

  it("is a valid header value that reveals neither the code nor the secret", async () => {
    const key = await idempotencyKey(sampleEvent({ code: "987654" }), SECRET);
    expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
    expect(key).toMatch(/^auth0-cpp-[0-9a-f]{64}$/);
    expect(key).not.toContain("987654");
    expect(key).not.toContain(SECRET);
  });

  it("depends on the secret, so nobody without it can test guesses of the code", async () => {
    const event = sampleEvent({ code: "123456" });
    expect(await idempotencyKey(event, "another-secret")).not.toBe(
      await idempotencyKey(event, SECRET),
    );
  });
});

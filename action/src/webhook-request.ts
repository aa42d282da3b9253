// Pure mapping from Auth0's event to what the webhook accepts, plus the
// idempotency key. Shared by the Action and `npm run send-code`, so the tool
// posts exactly what the Action would.
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  E164_PATTERN,
  LIMITS,
  MESSAGE_TYPES,
  type MessageType,
} from "functions/contract/notification";
import type { OtpWebhookRequestBody } from "functions/contract/webhook-payload";
import type { CustomPhoneProviderEvent } from "./auth0-event.js";
import { webhookContext, webhookLocale } from "./event-context.js";
import { hmacKey } from "./idempotency.js";

export type MappedNotification =
  | { ok: true; body: OtpWebhookRequestBody }
  | { ok: false; reason: string };

// Optional context (locale, user, client, tenant) never costs us the code: see
// event-context.ts; webhook-request.test.ts runs every mapped body through the
// real schema.

const isMessageType = (value: string): value is MessageType =>
  (MESSAGE_TYPES as readonly string[]).includes(value);
const isDeliveryMethod = (value: string): value is DeliveryMethod =>
  (DELIVERY_METHODS as readonly string[]).includes(value);

export function toWebhookBody(event: CustomPhoneProviderEvent): MappedNotification {
  const notification = event.notification;
  if (!notification || typeof notification !== "object") {
    return {
      ok: false,
      reason: "the event has no notification: is the Action bound to custom-phone-provider?",
    };
  }
  const { recipient, message_type: messageType, delivery_method: deliveryMethod } = notification;
  if (typeof recipient !== "string" || !E164_PATTERN.test(recipient)) {
    return { ok: false, reason: "the notification's recipient is not an E.164 phone number" };
  }
  if (!isMessageType(messageType)) {
    return { ok: false, reason: `unsupported message_type "${String(messageType).slice(0, 40)}"` };
  }
  if (!isDeliveryMethod(deliveryMethod)) {
    return {
      ok: false,
      reason: `unsupported delivery_method "${String(deliveryMethod).slice(0, 40)}"`,
    };
  }

  // The text the person would have read or heard on a real phone.
  const spoken = deliveryMethod === "voice";
  const messageText =
    (spoken
      ? (notification.as_voice ?? notification.as_text)
      : (notification.as_text ?? notification.as_voice)) ?? "";

  const locale = webhookLocale(notification.locale);
  const body: OtpWebhookRequestBody = {
    recipient,
    ...(typeof notification.code === "string" && notification.code
      ? { code: notification.code }
      : {}),
    messageText: messageText.slice(0, LIMITS.maxMessageTextChars),
    messageType,
    deliveryMethod,
    ...(locale ? { locale } : {}),
    ...webhookContext(event),
  };
  return { ok: true, body };
}

/**
 * The values that identify one notification, in a fixed order.
 *
 * Auth0 re-runs the Action with the same event when it retries a notification
 * (after api.notification.retry, or when an attempt timed out), so everything
 * here must be identical across those attempts and should differ between
 * two genuinely different notifications:
 * - tenant, transaction correlation id (when Auth0 sends one), recipient,
 *   message type, delivery method, user id, client id: fixed for a notification;
 * - the code: a new challenge, or "resend code", gets a new code, which keeps
 *   two logins of the same user apart when no correlation id is present.
 * Left out on purpose: the message text (template edits, locale fallbacks),
 * request data (ip, user agent, which are not promised to be replayed),
 * secrets, and any time, which would differ on every retry.
 * Two notices without a code (e.g. two blocked_account notices for the same
 * user within the retention window and without correlation ids) share a key;
 * the inbox then shows one, which reads the same anyway.
 */
export function idempotencyMaterial(event: CustomPhoneProviderEvent): string {
  const n = event.notification;
  return JSON.stringify([
    "sms-inbox/v1",
    event.tenant?.id ?? "",
    event.transaction?.correlation_id ?? "",
    n.recipient,
    n.message_type,
    n.delivery_method,
    n.code ?? "",
    event.user?.user_id ?? "",
    event.client?.client_id ?? "",
  ]);
}

const KEY_PREFIX = "auth0-cpp-";

/** `auth0-cpp-` (custom phone provider) + the HMAC of the material (see idempotency.ts). */
export function idempotencyKey(event: CustomPhoneProviderEvent, secret: string): Promise<string> {
  return hmacKey(KEY_PREFIX, idempotencyMaterial(event), secret);
}

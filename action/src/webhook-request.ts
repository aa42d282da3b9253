// Pure mapping from Auth0's event to what the webhook accepts, plus the
// idempotency key. Shared by the Action and `npm run send-code`, so the tool
// posts exactly what the Action would.
import {
  DELIVERY_METHODS,
  type DeliveryMethod,
  E164_PATTERN,
  EMAIL_PATTERN,
  LIMITS,
  LOCALE_PATTERN,
  MESSAGE_TYPES,
  type MessageType,
} from "functions/contract/notification";
import type { OtpWebhookRequestBody } from "functions/contract/webhook-payload";
import type { CustomPhoneProviderEvent } from "./auth0-event.js";

export type MappedNotification =
  | { ok: true; body: OtpWebhookRequestBody }
  | { ok: false; reason: string };

// Optional context fields must never cost us the code: a value the webhook's
// schema would reject is left out instead of failing the whole request, using
// the contract's own patterns and limits; webhook-request.test.ts runs every
// mapped body through the real schema.

/** Trimmed text within `max` characters, or undefined when empty or absent. */
function shortText(value: unknown, max: number): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return trimmed.length <= max ? trimmed : trimmed.slice(0, max).trimEnd();
}

const isMessageType = (value: string): value is MessageType =>
  (MESSAGE_TYPES as readonly string[]).includes(value);
const isDeliveryMethod = (value: string): value is DeliveryMethod =>
  (DELIVERY_METHODS as readonly string[]).includes(value);

/** Drops undefined members so the JSON stays minimal and optional objects vanish when empty. */
function compact<T extends Record<string, unknown>>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, member]) => member !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

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

  const email = shortText(event.user?.email, LIMITS.maxEmailChars);
  const locale = shortText(notification.locale, 35);
  const body: OtpWebhookRequestBody = {
    recipient,
    ...(typeof notification.code === "string" && notification.code
      ? { code: notification.code }
      : {}),
    messageText: messageText.slice(0, LIMITS.maxMessageTextChars),
    messageType,
    deliveryMethod,
    ...(locale && LOCALE_PATTERN.test(locale) ? { locale } : {}),
  };
  const user = compact({
    id: shortText(event.user?.user_id, LIMITS.maxUserIdChars),
    email: email && EMAIL_PATTERN.test(email) ? email : undefined,
    name:
      shortText(event.user?.name, LIMITS.maxLabelChars) ??
      shortText(event.user?.nickname, LIMITS.maxLabelChars),
  });
  if (user) body.user = user;
  const client = compact({
    id: shortText(event.client?.client_id, LIMITS.maxClientIdChars),
    name: shortText(event.client?.name, LIMITS.maxLabelChars),
  });
  if (client) body.client = client;
  const tenant = shortText(event.tenant?.id, LIMITS.maxTenantChars);
  if (tenant) body.tenant = tenant;
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

/**
 * HMAC-SHA-256 of the material, keyed with the webhook secret. Keyed so the
 * header (which proxies and logs may keep) reveals nothing about the code:
 * a plain hash of a 6-digit code and known context could be reversed by trying
 * every code. The secret is the same on every retry, so the key is too.
 */
export async function idempotencyKey(
  event: CustomPhoneProviderEvent,
  secret: string,
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, encoder.encode(idempotencyMaterial(event))),
  );
  let hex = "";
  for (const byte of mac) hex += byte.toString(16).padStart(2, "0");
  return `${KEY_PREFIX}${hex}`;
}

// Pure mapping from Auth0's custom-email-provider event to the webhook's email
// payload, plus its idempotency key. The code and links stay inside the HTML:
// the webhook extracts them; the Action never reads, follows or logs them.
import {
  EMAIL_LIMITS,
  EMAIL_MESSAGE_TYPE_PATTERN,
  utf8Length,
} from "functions/contract/email-limits";
import { EMAIL_PATTERN, LIMITS } from "functions/contract/notification";
import type { EmailWebhookRequestBody } from "functions/contract/webhook-payload";
import type { CustomEmailProviderEvent } from "./email-event.js";
import { webhookContext, webhookLocale } from "./event-context.js";
import { hmacKey } from "./idempotency.js";

export type MappedEmail =
  | { ok: true; body: EmailWebhookRequestBody }
  | { ok: false; reason: string };

/** The bare address of `a@b.c` or `Name <a@b.c>`, when the webhook would accept it. */
export function emailAddress(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  const angled = /<([^<>]*)>$/.exec(trimmed);
  const address = (angled?.[1] ?? trimmed).trim();
  return address.length <= LIMITS.maxEmailChars && EMAIL_PATTERN.test(address)
    ? address
    : undefined;
}

/**
 * The message type as the webhook accepts it. Any type is kept (passwordless'
 * is undocumented); a character the contract's pattern refuses becomes "_"
 * rather than costing the email. Undefined when there is none at all.
 */
export function emailMessageType(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const shaped = [...value.trim()]
    .map((char) => (EMAIL_MESSAGE_TYPE_PATTERN.test(char) ? char : "_"))
    .join("")
    .slice(0, EMAIL_LIMITS.maxMessageTypeChars);
  return shaped || undefined;
}

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;

/** The body's size as the webhook counts it: UTF-8 bytes of the JSON we post. */
const jsonBytes = (body: EmailWebhookRequestBody) => utf8Length(JSON.stringify(body));

export function toEmailWebhookBody(event: CustomEmailProviderEvent): MappedEmail {
  const notification = event.notification;
  if (!notification || typeof notification !== "object") {
    return {
      ok: false,
      reason: "the event has no notification: is the Action bound to custom-email-provider?",
    };
  }
  const messageType = emailMessageType(notification.message_type);
  if (!messageType) {
    return {
      ok: false,
      reason: "the notification has no message_type: is the Action bound to custom-email-provider?",
    };
  }
  const to = emailAddress(notification.to);
  if (!to) {
    return {
      ok: false,
      reason: `the ${messageType} email's recipient (notification.to) is not an email address the inbox can file it under`,
    };
  }
  const { html, text, subject } = notification;
  if (typeof html !== "string" || !html.trim()) {
    return {
      ok: false,
      reason: `the ${messageType} email has no HTML: the inbox reads codes and links from notification.html`,
    };
  }
  const htmlBytes = utf8Length(html);
  if (htmlBytes > EMAIL_LIMITS.maxHtmlBytes) {
    return {
      ok: false,
      reason: `the ${messageType} email's HTML is ${kib(htmlBytes)}, above the inbox's ${kib(EMAIL_LIMITS.maxHtmlBytes)}: shorten its template in Auth0`,
    };
  }

  const from = emailAddress(notification.from);
  const locale = webhookLocale(notification.locale);
  const body: EmailWebhookRequestBody = {
    channel: "email",
    to,
    ...(from ? { from } : {}),
    subject: typeof subject === "string" ? subject.slice(0, EMAIL_LIMITS.maxSubjectChars) : "",
    html,
    // The HTML is what counts; a text part the webhook would refuse is left out, not the email.
    ...(typeof text === "string" && text.trim() && utf8Length(text) <= EMAIL_LIMITS.maxTextBytes
      ? { text }
      : {}),
    ...(locale ? { locale } : {}),
    messageType,
    ...webhookContext(event),
  };

  let bytes = jsonBytes(body);
  if (bytes > LIMITS.maxEmailBodyBytes && body.text !== undefined) {
    // Same reason: without its text part the email may still fit, with its code and links.
    delete body.text;
    bytes = jsonBytes(body);
  }
  if (bytes > LIMITS.maxEmailBodyBytes) {
    // Cutting the HTML could cut the code or the link: refuse it whole, and for good
    // (a retry would send the same size again).
    return {
      ok: false,
      reason: `the ${messageType} email is too large for the inbox (${kib(bytes)} as JSON, at most ${kib(LIMITS.maxEmailBodyBytes)}): shorten its template in Auth0`,
    };
  }
  return { ok: true, body };
}

/**
 * The values that identify one email, in a fixed order: the phone key's
 * approach (webhook-request.ts) with the email's fields.
 *
 * Auth0 retries a notification by running the Action again with the same
 * event, so everything here is identical across those attempts:
 * - tenant, transaction correlation id (when Auth0 sends one), recipient,
 *   message type, user id, client id: fixed for a notification;
 * - the rendered subject, HTML and text take the code's part: an email event
 *   has no code field, its code or one-time link is inside them, so a resend
 *   (a new code, a new ticket) gets a new key while a retry keeps it.
 * Left out on purpose: request data (ip, user agent, not promised to be
 * replayed), secrets and any time, which would differ on every retry.
 * Two identical emails (same content, e.g. two welcome emails without
 * correlation ids) share a key and show once; they read the same anyway.
 */
export function emailIdempotencyMaterial(event: CustomEmailProviderEvent): string {
  const n = event.notification;
  return JSON.stringify([
    "sms-inbox/email/v1",
    event.tenant?.id ?? "",
    event.transaction?.correlation_id ?? "",
    n.to ?? "",
    n.message_type ?? "",
    event.user?.user_id ?? "",
    event.client?.client_id ?? "",
    n.subject ?? "",
    n.html ?? "",
    n.text ?? "",
  ]);
}

const EMAIL_KEY_PREFIX = "auth0-cep-";

/** `auth0-cep-` (custom email provider) + the HMAC of the material (see idempotency.ts). */
export function emailIdempotencyKey(
  event: CustomEmailProviderEvent,
  secret: string,
): Promise<string> {
  return hmacKey(EMAIL_KEY_PREFIX, emailIdempotencyMaterial(event), secret);
}

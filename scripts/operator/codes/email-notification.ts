// What send-code posts for an email, as Auth0's custom-email-provider Action
// would forward it: the address, the type, the rendered HTML and text (with a
// code or a link), the user, client and tenant, an idempotency key that stays
// the same for a retry, and the post itself, through the Actions' own
// postOnce, with their verdicts.

import { hmacKey } from "action/idempotency";
import type { DeliveryOutcome } from "action/outcome";
import { postOnce } from "action/post-notification";
import { randomCode } from "action/sample-event";
import { TIMING } from "functions/contract/notification";
import type { EmailWebhookRequestBody } from "functions/contract/webhook-payload";
import { emailKind, renderEmail, ticketUrl } from "./email-templates.js";

export interface EmailRequest {
  to: string;
  messageType: string;
  /** For a code email; a random 6-digit code when absent. */
  code?: string;
  /** For a link email; a fresh ticket URL on the tenant's domain when absent. */
  link?: string;
  /** The Auth0 user the event names; absent: nobody (as passwordless may send). */
  userEmail?: string;
  tenant: string;
  /** Tells two sends apart in the idempotency key; the same for a retry. */
  correlationId: string;
}

export interface EmailNotification {
  body: EmailWebhookRequestBody;
  /** What the email carries, for the command's own line: the code or the link, if any. */
  code?: string;
  link?: string;
}

const randomTicket = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) =>
    byte.toString(36).padStart(2, "0"),
  ).join("");

export function emailNotification(request: EmailRequest): EmailNotification {
  const kind = emailKind(request.messageType, request.link !== undefined);
  const code = kind.secret === "code" ? (request.code ?? randomCode()) : undefined;
  const link =
    kind.secret === "link"
      ? (request.link ?? ticketUrl(kind, request.tenant, randomTicket()))
      : undefined;
  const rendered = renderEmail(kind, {
    to: request.to,
    ...(code ? { code } : {}),
    ...(link ? { link } : {}),
  });
  const body: EmailWebhookRequestBody = {
    channel: "email",
    to: request.to,
    from: `no-reply@${request.tenant}.example`,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    locale: "en_US",
    messageType: request.messageType,
    client: { id: "send-code", name: "Demo App" },
    tenant: request.tenant,
  };
  if (request.userEmail) {
    body.user = { id: `auth0|send-code-${request.userEmail}`, email: request.userEmail };
  }
  return { body, ...(code ? { code } : {}), ...(link ? { link } : {}) };
}

/**
 * HMAC-SHA-256 keyed with the webhook secret, as the phone Action's key is:
 * the header may be logged by proxies, and the code or ticket must not be
 * recoverable from it.
 */
export async function emailIdempotencyKey(
  notification: EmailNotification,
  correlationId: string,
  secret: string,
): Promise<string> {
  const { body } = notification;
  const material = JSON.stringify([
    "sms-inbox-email/v1",
    body.tenant ?? "",
    correlationId,
    body.to,
    body.messageType,
    notification.code ?? notification.link ?? "",
    body.user?.id ?? "",
  ]);
  return hmacKey("auth0-cep-", material, secret);
}

/** One attempt, bounded like the Action's, answered with the Action's verdict. */
export function postEmail(
  target: { url: string; secret: string; idempotencyKey: string },
  body: EmailWebhookRequestBody,
  doFetch: typeof fetch = fetch,
): Promise<DeliveryOutcome> {
  const { idempotencyKey, ...where } = target;
  return postOnce(
    { ...where, timeoutMs: TIMING.senderTimeoutMs, idempotencyKey: async () => idempotencyKey },
    body,
    doFetch,
  );
}

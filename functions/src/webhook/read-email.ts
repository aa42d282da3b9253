// Turns a validated email payload into what is stored: the code and links
// extracted from its HTML (functions/src/email/extract.ts), or a refusal
// naming the payload's field. Pure, like the extraction it calls.
import type { EmailExtractionInput } from "../contract/email.js";
import type { EmailWebhookPayload } from "../contract/webhook-payload.js";
import { extractEmail } from "../email/extract.js";
import type { EmailDelivery } from "./code-store.js";
import { type WebhookError, webhookError } from "./errors.js";

/** The extraction names Auth0's notification fields; the sender knows ours. */
const PAYLOAD_FIELD: Record<string, string> = { message_type: "messageType", notification: "body" };

export type ReadEmailResult =
  | { ok: true; value: EmailDelivery }
  | { ok: false; error: WebhookError };

export function readEmail(payload: EmailWebhookPayload): ReadEmailResult {
  const input: EmailExtractionInput = {
    html: payload.html,
    subject: payload.subject,
    message_type: payload.messageType,
  };
  if (payload.text !== undefined) input.text = payload.text;
  if (payload.locale !== undefined) input.locale = payload.locale;
  const extracted = extractEmail(input);
  if (!extracted.ok) {
    const field = PAYLOAD_FIELD[extracted.refusal.field] ?? extracted.refusal.field;
    return {
      ok: false,
      error: webhookError(400, "invalid_request", `${field}: ${extracted.refusal.message}`, {
        field,
      }),
    };
  }
  return { ok: true, value: { payload, extraction: extracted.value } };
}

// What the refusal trail records of a refused delivery, without I/O: the
// status, error code and field, and what the body says of itself (channel,
// message type, recipient masked) when it is readable JSON. Never the code,
// the token, the message text or the body, nor an email's subject, HTML,
// text or links.
import { EMAIL_MESSAGE_TYPES, type EmailMessageType } from "../contract/email.js";
import { LIMITS, MESSAGE_TYPES, type MessageType } from "../contract/notification.js";
import { maskEmailAddress, maskRecipient } from "../contract/refusals.js";
import { isEmailBody } from "../contract/webhook-payload.js";
import type { WebhookError } from "./errors.js";

export interface Refusal {
  status: number;
  error: string;
  field?: string;
  messageType?: MessageType | EmailMessageType;
  channel?: "email";
  recipient?: string;
}

/**
 * A GET from a browser is not a delivery, and a 503 is a delivery the sender
 * retries (Firestore, where the trail lives, is the thing that is down).
 */
export const isRecordedRefusal = (error: WebhookError): boolean =>
  error.code !== "method_not_allowed" && error.code !== "unavailable";

function readBody(rawBody: Buffer | undefined): Record<string, unknown> | undefined {
  // An email may be this large; anything larger was refused unread, and stays so.
  if (!rawBody || rawBody.length === 0 || rawBody.length > LIMITS.maxEmailBodyBytes) {
    return undefined;
  }
  try {
    const json: unknown = JSON.parse(rawBody.toString("utf8"));
    return typeof json === "object" && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function describeRefusal(error: WebhookError, rawBody: Buffer | undefined): Refusal {
  const refusal: Refusal = { status: error.status, error: error.code };
  if (error.field) refusal.field = error.field.slice(0, 100);
  const body = readBody(rawBody);
  if (isEmailBody(body)) return { ...refusal, ...describeEmail(body as Record<string, unknown>) };
  const messageType = body?.messageType;
  if (
    typeof messageType === "string" &&
    (MESSAGE_TYPES as readonly string[]).includes(messageType)
  ) {
    refusal.messageType = messageType as MessageType;
  }
  if (typeof body?.recipient === "string") refusal.recipient = maskRecipient(body.recipient);
  return refusal;
}

/** An email body's own words, as far as they are safe to keep: never its subject, HTML or text. */
function describeEmail(
  body: Record<string, unknown>,
): Pick<Refusal, "channel" | "messageType" | "recipient"> {
  const described: Pick<Refusal, "channel" | "messageType" | "recipient"> = { channel: "email" };
  const messageType = body.messageType;
  // Only a documented type: any other string is the sender's and could be anything.
  if (
    typeof messageType === "string" &&
    (EMAIL_MESSAGE_TYPES as readonly string[]).includes(messageType)
  ) {
    described.messageType = messageType as EmailMessageType;
  }
  if (typeof body.to === "string") described.recipient = maskEmailAddress(body.to);
  return described;
}

export type Admission = "record" | "record-last" | "drop";

/**
 * A counter per minute: the first `perMinute` refusals of each minute are
 * recorded, the last of them marked so the page knows there were more, and
 * the rest are dropped without any I/O.
 */
export function refusalLimiter(perMinute: number) {
  let minute = -1;
  let count = 0;
  return (nowMs: number): Admission => {
    const current = Math.floor(nowMs / 60_000);
    if (current !== minute) {
      minute = current;
      count = 0;
    }
    count += 1;
    if (count < perMinute) return "record";
    return count === perMinute ? "record-last" : "drop";
  };
}

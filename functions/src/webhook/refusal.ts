// What the refusal trail records of a refused delivery, without I/O: the
// status, error code and field, and what the body says of itself (message
// type, recipient masked) when it is readable JSON. Never the code, the
// token, the message text or the body.
import { LIMITS, MESSAGE_TYPES, type MessageType } from "../contract/notification.js";
import { maskRecipient } from "../contract/refusals.js";
import type { WebhookError } from "./errors.js";

export interface Refusal {
  status: number;
  error: string;
  field?: string;
  messageType?: MessageType;
  recipient?: string;
}

/**
 * A GET from a browser is not a delivery, and a 503 is a delivery the sender
 * retries (Firestore, where the trail lives, is the thing that is down).
 */
export const isRecordedRefusal = (error: WebhookError): boolean =>
  error.code !== "method_not_allowed" && error.code !== "unavailable";

function readBody(rawBody: Buffer | undefined): Record<string, unknown> | undefined {
  if (!rawBody || rawBody.length === 0 || rawBody.length > LIMITS.maxBodyBytes) return undefined;
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

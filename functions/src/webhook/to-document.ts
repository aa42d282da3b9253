// Maps a validated payload to the stored document. Timestamps are supplied by
// the caller so this stays pure (the I/O layer passes a server timestamp).
import { createHash } from "node:crypto";
import type { StoredCode } from "../contract/firestore-schema.js";
import { resolveLabel } from "../contract/label.js";
import type { OtpWebhookPayload } from "../contract/webhook-payload.js";

export function toStoredCode<Ts>(
  payload: OtpWebhookPayload,
  configuredLabel: string | undefined,
  times: { receivedAt: Ts; expireAt: Ts },
): StoredCode<Ts> {
  const doc: StoredCode<Ts> = {
    recipient: payload.recipient,
    code: payload.code ?? "",
    messageText: payload.messageText,
    messageType: payload.messageType,
    deliveryMethod: payload.deliveryMethod,
    label: resolveLabel(payload.user, configuredLabel),
    receivedAt: times.receivedAt,
    expireAt: times.expireAt,
  };
  // Absent context stays absent: Firestore rejects undefined values.
  if (payload.locale) doc.locale = payload.locale;
  if (payload.user) doc.user = payload.user;
  if (payload.client) doc.client = payload.client;
  if (payload.tenant) doc.tenant = payload.tenant;
  return doc;
}

/** Whether the payload already says who the user is (then no label lookup is needed). */
export const payloadNamesUser = (payload: OtpWebhookPayload): boolean =>
  Boolean(payload.user?.email ?? payload.user?.name);

/**
 * A retried delivery with the same key maps to the same document id, so a
 * create-if-absent write makes retries idempotent without a transaction.
 */
export const documentIdForKey = (idempotencyKey: string): string =>
  `k_${createHash("sha256").update(idempotencyKey, "utf8").digest("hex").slice(0, 40)}`;

export function expiryFrom(receivedAtMillis: number, retentionMinutes: number): number {
  return receivedAtMillis + retentionMinutes * 60_000;
}

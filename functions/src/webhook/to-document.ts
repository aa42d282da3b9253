// Maps a validated payload to the stored document. Timestamps are supplied by
// the caller so this stays pure (the I/O layer passes a server timestamp).
import { createHash } from "node:crypto";
import { phoneChannel } from "../contract/channel.js";
import type { StoredCode } from "../contract/firestore-schema.js";
import { codeOwner, ownerNames } from "../contract/label.js";
import type { StoredPerson } from "../contract/people.js";
import { type NumberUsers, userIdentity } from "../contract/phone-labels.js";
import type { OtpWebhookPayload } from "../contract/webhook-payload.js";

export function toStoredCode<Ts>(
  payload: OtpWebhookPayload,
  number: NumberUsers | undefined,
  times: { receivedAt: Ts; expireAt: Ts },
): StoredCode<Ts> {
  const doc: StoredCode<Ts> = {
    recipient: payload.recipient,
    code: payload.code ?? "",
    messageText: payload.messageText,
    messageType: payload.messageType,
    deliveryMethod: payload.deliveryMethod,
    // Stored, not only derived (channelOf): the codes API's channel= filters on it.
    channel: phoneChannel(payload.deliveryMethod),
    label: codeOwner(payload, number).name,
    owners: ownerNames(payload, number),
    receivedAt: times.receivedAt,
    expireAt: times.expireAt,
  };
  // Absent context stays absent: Firestore rejects undefined values.
  if (payload.locale) doc.locale = payload.locale;
  if (payload.user) doc.user = payload.user;
  if (payload.client) doc.client = payload.client;
  if (payload.tenant) doc.tenant = payload.tenant;
  if (payload.probe) doc.probe = true;
  return doc;
}

/**
 * Whether the number, as known, already lists this person: a demo user of it,
 * or someone an older webhook noted in its `seen` map.
 */
export function knownOnNumber(
  person: { email?: string; label: string },
  number: NumberUsers | undefined,
): boolean {
  const identity = userIdentity(person);
  return [...(number?.users ?? []), ...(number?.seen ?? [])].some(
    (user) => userIdentity(user) === identity,
  );
}

/**
 * The people/ document for someone first named by this code or email: who
 * they are, where their first code went, the payload's Auth0 user id.
 */
export function newPerson<Ts>(
  person: { label: string; email?: string },
  context: { phoneNumber?: string; userId?: string | undefined },
  now: Ts,
): StoredPerson<Ts> {
  return {
    label: person.label,
    ...(person.email ? { email: person.email } : {}),
    ...(context.phoneNumber ? { phoneNumber: context.phoneNumber } : {}),
    ...(context.userId?.trim() ? { userId: context.userId.trim() } : {}),
    firstSeenAt: now,
  };
}

/**
 * people/ document ids: one per identity, safe as a document id (no slashes,
 * no dots, bounded), so two first codes of one person write one document.
 */
export const personDocId = (person: { email?: string; label: string }): string =>
  `p_${createHash("sha256").update(userIdentity(person), "utf8").digest("hex").slice(0, 32)}`;

/**
 * A retried delivery with the same key maps to the same document id, so a
 * create-if-absent write makes retries idempotent without a transaction.
 */
export const documentIdForKey = (idempotencyKey: string): string =>
  `k_${createHash("sha256").update(idempotencyKey, "utf8").digest("hex").slice(0, 40)}`;

export function expiryFrom(receivedAtMillis: number, retentionMinutes: number): number {
  return receivedAtMillis + retentionMinutes * 60_000;
}

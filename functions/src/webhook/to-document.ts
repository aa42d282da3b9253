// Maps a validated payload to the stored document. Timestamps are supplied by
// the caller so this stays pure (the I/O layer passes a server timestamp).
import { createHash } from "node:crypto";
import { phoneChannel } from "../contract/channel.js";
import type { SeenUser, StoredCode } from "../contract/firestore-schema.js";
import { codeOwner, ownerNames, payloadPerson } from "../contract/label.js";
import { type NumberUsers, userIdentity } from "../contract/phone-labels.js";
import type { OtpWebhookPayload } from "../contract/webhook-payload.js";

/** A seen map only ever grows by one key per new person; past this it stops growing. */
export const MAX_SEEN_PER_NUMBER = 50;

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
 * The `seen` entry to add for this payload, keyed for a merge: only for a
 * person the number does not know yet (neither a demo user of it nor seen),
 * so the common case writes nothing beyond the code.
 */
export function newSeenUser<Ts>(
  payload: OtpWebhookPayload,
  number: NumberUsers | undefined,
  now: Ts,
): { key: string; user: SeenUser<Ts> } | undefined {
  const person = payloadPerson(payload);
  if (!person) return undefined;
  const identity = userIdentity(person);
  const known = [...(number?.users ?? []), ...(number?.seen ?? [])];
  if (known.some((user) => userIdentity(user) === identity)) return undefined;
  if ((number?.seen.length ?? 0) >= MAX_SEEN_PER_NUMBER) return undefined;
  return { key: seenKey(identity), user: { ...person, firstSeenAt: now } };
}

/**
 * A field name safe everywhere (no dots, backquotes or reserved names): one key
 * per identity, so a repeated or concurrent first code rewrites the same entry.
 */
export const seenKey = (identity: string): string =>
  `u_${createHash("sha256").update(identity, "utf8").digest("hex").slice(0, 24)}`;

/**
 * A retried delivery with the same key maps to the same document id, so a
 * create-if-absent write makes retries idempotent without a transaction.
 */
export const documentIdForKey = (idempotencyKey: string): string =>
  `k_${createHash("sha256").update(idempotencyKey, "utf8").digest("hex").slice(0, 40)}`;

export function expiryFrom(receivedAtMillis: number, retentionMinutes: number): number {
  return receivedAtMillis + retentionMinutes * 60_000;
}

// What the bench sends and writes: codes for a few demo users (two of them
// sharing a number, as the seed's setup does), each naming its user as our
// Action's payload does, and the document the webhook stores for one, built
// here for the direct-write floor.

import type { PhoneLabelEntry } from "@sms-inbox/operator/firestore/phone-labels";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import type { Firestore } from "firebase-admin/firestore";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import type { StoredCode } from "functions/contract/firestore-schema";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import type { OtpWebhookPayload } from "functions/contract/webhook-payload";

export const BENCH_USERS = [
  { email: "ava@bench.sms-inbox.test", label: "Ava (bench)", phoneNumber: "+61400000501" },
  { email: "ben@bench.sms-inbox.test", label: "Ben (bench)", phoneNumber: "+61400000502" },
  { email: "cat@bench.sms-inbox.test", label: "Cat (bench)", phoneNumber: "+61400000503" },
  { email: "dan@bench.sms-inbox.test", label: "Dan (bench)", phoneNumber: "+61400000503" },
] as const;

/** The bench's own presenter, put on the allow-list by the modules that open the page. */
export const BENCH_PRESENTER = "presenter@bench.sms-inbox.test";

export const RETENTION_MINUTES = 10;

export function benchPhoneLabels(): PhoneLabelEntry[] {
  const byNumber = new Map<string, PhoneLabelEntry>();
  BENCH_USERS.forEach((user, order) => {
    const entry = byNumber.get(user.phoneNumber) ?? { phoneNumber: user.phoneNumber, users: [] };
    entry.users.push({ label: user.label, email: user.email, order });
    byNumber.set(user.phoneNumber, entry);
  });
  return [...byNumber.values()];
}

export const writeBenchLabels = (db: Firestore) => writePhoneLabels(db, benchPhoneLabels());

/** The n-th code of a run: demo users in turn, a code unique within 900,000, the run's tag as tenant. */
export function benchPayload(n: number, tag: string): OtpWebhookPayload {
  const user = BENCH_USERS[n % BENCH_USERS.length] ?? BENCH_USERS[0];
  const code = String(100000 + (n % 900000));
  return {
    recipient: user.phoneNumber,
    code,
    messageText: `Your verification code is ${code}`,
    messageType: "otp_verify",
    deliveryMethod: "text",
    user: { email: user.email },
    tenant: tag,
  };
}

/**
 * The n-th code of a run of first-time people: each from a number and a person
 * never seen before (the run's tag keeps people apart between runs), as when a
 * team's login tests sign up new users. `series` keeps numbers apart too.
 */
export function firstTimePayload(n: number, tag: string, series: number): OtpWebhookPayload {
  const code = String(100000 + (n % 900000));
  return {
    recipient: `+614${String(series % 100).padStart(2, "0")}${String(n % 1_000_000).padStart(6, "0")}`,
    code,
    messageText: `Your verification code is ${code}`,
    messageType: "otp_verify",
    deliveryMethod: "text",
    user: { email: `first-${n}@${tag}.bench.sms-inbox.test` },
    tenant: tag,
  };
}

/** The document the webhook stores for `payload` (see functions/src/webhook/to-document.ts). */
export function storedCodeFor(payload: OtpWebhookPayload): StoredCode<Timestamp | FieldValue> {
  return {
    recipient: payload.recipient,
    code: payload.code ?? "",
    messageText: payload.messageText,
    messageType: payload.messageType,
    deliveryMethod: payload.deliveryMethod,
    label: payload.user?.email ?? "",
    receivedAt: FieldValue.serverTimestamp(),
    expireAt: Timestamp.fromMillis(Date.now() + RETENTION_MINUTES * 60_000),
    ...(payload.user ? { user: payload.user } : {}),
    ...(payload.tenant ? { tenant: payload.tenant } : {}),
  };
}

export const codesCollection = (db: Firestore) => db.collection(COLLECTIONS.codes);

/** Deletes this run's codes (by tenant tag), 400 at a time. */
export async function deleteRunCodes(db: Firestore, tag: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await codesCollection(db).where("tenant", "==", tag).limit(400).get();
    if (page.empty) return deleted;
    const batch = db.batch();
    for (const doc of page.docs) batch.delete(doc.ref);
    await batch.commit();
    deleted += page.size;
  }
}

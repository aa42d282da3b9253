// Number → demo users, the one place scripts write and read phoneLabels. The
// scripts own `users` (and `updatedAt`); the webhook owns `seen`, which a
// merge here leaves as it is.
import { FieldValue, type Firestore } from "firebase-admin/firestore";
import {
  COLLECTIONS,
  type LabelledUser,
  type PhoneLabel,
} from "functions/contract/firestore-schema";
import { EMAIL_PATTERN, isE164, LIMITS } from "functions/contract/notification";
import { type NumberUsers, readPhoneLabel } from "functions/contract/phone-labels";

/** What the scripts write for one number. */
export type PhoneLabelEntry = Pick<NumberUsers, "phoneNumber" | "users">;

function check({ phoneNumber, users }: PhoneLabelEntry): void {
  if (!isE164(phoneNumber)) throw new Error(`${phoneNumber} is not an E.164 phone number`);
  for (const { label, email, order } of users) {
    if (label.trim() === "") throw new Error(`a user of ${phoneNumber} has an empty label`);
    if (label.length > LIMITS.maxLabelChars)
      throw new Error(`label for ${phoneNumber} is too long`);
    if (email !== undefined && (email !== email.toLowerCase() || !EMAIL_PATTERN.test(email)))
      throw new Error(`${email} on ${phoneNumber} is not a lower-case email address`);
    if (!Number.isInteger(order) || order < 0)
      throw new Error(`order ${order} on ${phoneNumber} is not a position in the file`);
  }
}

/**
 * Replaces each number's demo users (the whole list, so a user taken off a
 * number leaves it) and drops the pre-`users` label; `seen` stays.
 */
export async function writePhoneLabels(db: Firestore, entries: PhoneLabelEntry[]): Promise<void> {
  for (const entry of entries) check(entry);
  const batch = db.batch();
  for (const { phoneNumber, users } of entries) {
    const doc: PhoneLabel<FieldValue> & { label: FieldValue } = {
      users: users.map(
        ({ label, email, order }): LabelledUser =>
          email === undefined ? { label, order } : { label, email, order },
      ),
      updatedAt: FieldValue.serverTimestamp(),
      label: FieldValue.delete(),
    };
    batch.set(db.collection(COLLECTIONS.phoneLabels).doc(phoneNumber), doc, { merge: true });
  }
  await batch.commit();
}

export async function readPhoneLabels(db: Firestore): Promise<NumberUsers[]> {
  const snap = await db.collection(COLLECTIONS.phoneLabels).get();
  return snap.docs.map((doc) => readPhoneLabel(doc.id, doc.data()));
}

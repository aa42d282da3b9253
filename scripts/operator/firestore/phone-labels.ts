// Number → demo-user labels, the one place scripts write them.
import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { isE164, LIMITS } from "functions/contract/notification";

export interface PhoneLabelEntry {
  phoneNumber: string;
  label: string;
}

export async function writePhoneLabels(db: Firestore, entries: PhoneLabelEntry[]): Promise<void> {
  for (const { phoneNumber, label } of entries) {
    if (!isE164(phoneNumber)) throw new Error(`${phoneNumber} is not an E.164 phone number`);
    if (label.length > LIMITS.maxLabelChars)
      throw new Error(`label for ${phoneNumber} is too long`);
  }
  const batch = db.batch();
  for (const { phoneNumber, label } of entries) {
    batch.set(db.collection(COLLECTIONS.phoneLabels).doc(phoneNumber), {
      label,
      updatedAt: FieldValue.serverTimestamp(),
    });
  }
  await batch.commit();
}

export async function readPhoneLabels(db: Firestore): Promise<PhoneLabelEntry[]> {
  const snap = await db.collection(COLLECTIONS.phoneLabels).get();
  return snap.docs.map((doc) => ({ phoneNumber: doc.id, label: String(doc.get("label") ?? "") }));
}

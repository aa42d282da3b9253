// The refusal trail's only Firestore I/O: one document per recorded refusal.
import { FieldValue, type Firestore, Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, type StoredRefusal } from "../contract/firestore-schema.js";
import { REFUSALS } from "../contract/refusals.js";
import type { Refusal } from "./refusal.js";

export interface RefusalLog {
  record(refusal: Refusal, options: { limitReached: boolean }): Promise<void>;
}

export function firestoreRefusalLog(db: Firestore): RefusalLog {
  const refusals = db.collection(COLLECTIONS.refusals);
  return {
    async record(refusal, { limitReached }) {
      const doc: StoredRefusal<Timestamp | FieldValue> = {
        ...refusal,
        refusedAt: FieldValue.serverTimestamp(),
        expireAt: Timestamp.fromMillis(Date.now() + REFUSALS.ttlMinutes * 60_000),
        ...(limitReached ? { limitReached: true } : {}),
      };
      await refusals.add(doc);
    },
  };
}

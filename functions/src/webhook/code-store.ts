// The webhook's only Firestore I/O: look up the number's label, store the code.
import { FieldValue, type Firestore, Timestamp } from "firebase-admin/firestore";
import { COLLECTIONS, type PhoneLabel, type StoredCode } from "../contract/firestore-schema.js";
import type { OtpWebhookPayload } from "../contract/webhook-payload.js";
import { documentIdForKey, expiryFrom, payloadNamesUser, toStoredCode } from "./to-document.js";

export interface StoreResult {
  id: string;
  /** false when the idempotency key was seen before and nothing was written. */
  created: boolean;
}

export interface CodeStore {
  store(
    payload: OtpWebhookPayload,
    idempotencyKey: string | undefined,
    retentionMinutes: number,
  ): Promise<StoreResult>;
}

const GRPC_ALREADY_EXISTS = 6;

const isAlreadyExists = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  "code" in error &&
  error.code === GRPC_ALREADY_EXISTS;

export function firestoreCodeStore(db: Firestore): CodeStore {
  const codes = db.collection(COLLECTIONS.codes);
  const labels = db.collection(COLLECTIONS.phoneLabels);
  return {
    async store(payload, idempotencyKey, retentionMinutes) {
      const labelRef = labels.doc(payload.recipient);
      const labelSnap = await labelRef.get();
      const configuredLabel = labelSnap.get("label") as string | undefined;
      const doc: StoredCode<Timestamp | FieldValue> = toStoredCode(payload, configuredLabel, {
        receivedAt: FieldValue.serverTimestamp(),
        expireAt: Timestamp.fromMillis(expiryFrom(Date.now(), retentionMinutes)),
      });
      const ref = idempotencyKey ? codes.doc(documentIdForKey(idempotencyKey)) : codes.doc();
      // create() fails if the document exists: that is the idempotency check,
      // atomic even when Auth0's retries arrive concurrently.
      const batch = db.batch().create(ref, doc);
      if (!labelSnap.exists && payloadNamesUser(payload)) {
        // A number first seen with a named user gets that user as its label;
        // labels written by the scripts are never overwritten here.
        const label: PhoneLabel<FieldValue> = {
          label: doc.label,
          updatedAt: FieldValue.serverTimestamp(),
        };
        batch.set(labelRef, label);
      }
      try {
        await batch.commit();
        return { id: ref.id, created: true };
      } catch (error) {
        if (idempotencyKey && isAlreadyExists(error)) return { id: ref.id, created: false };
        throw error;
      }
    },
  };
}

// The webhook's Firestore I/O: find the number's phoneLabels document (in the
// instance's directory when that is enough, else by reading it), store the
// code, and note a person the number has not seen before.
import {
  type DocumentReference,
  FieldValue,
  type Firestore,
  Timestamp,
} from "firebase-admin/firestore";
import { COLLECTIONS, type PhoneLabel, type StoredCode } from "../contract/firestore-schema.js";
import { type NumberUsers, readPhoneLabel } from "../contract/phone-labels.js";
import type { OtpWebhookPayload } from "../contract/webhook-payload.js";
import { LabelDirectory } from "./label-directory.js";
import { listenForLabels } from "./label-listener.js";
import { documentIdForKey, expiryFrom, newSeenUser, toStoredCode } from "./to-document.js";

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

export interface FirestoreCodeStore extends CodeStore {
  /** Stops the instance's phoneLabels listener (tests and tools; a function instance never stops it). */
  close(): void;
}

async function landed(ref: DocumentReference): Promise<boolean> {
  try {
    return (await ref.get()).exists;
  } catch {
    return false;
  }
}

export function firestoreCodeStore(db: Firestore): FirestoreCodeStore {
  const codes = db.collection(COLLECTIONS.codes);
  const labels = db.collection(COLLECTIONS.phoneLabels);
  // Most codes need no read: their person is already known on the number (see
  // label-directory.ts for what the directory is trusted with, and why).
  const directory = new LabelDirectory();
  const listener = listenForLabels(labels, directory);
  const readNumber = async (phoneNumber: string): Promise<NumberUsers | undefined> => {
    const snap = await labels.doc(phoneNumber).get();
    return snap.exists ? readPhoneLabel(phoneNumber, snap.data()) : undefined;
  };
  return {
    async store(payload, idempotencyKey, retentionMinutes) {
      listener.ensureStarted();
      const labelRef = labels.doc(payload.recipient);
      const known = directory.lookup(payload);
      const number = known ? known.number : await readNumber(payload.recipient);
      const now = Date.now();
      const doc: StoredCode<Timestamp | FieldValue> = toStoredCode(payload, number, {
        receivedAt: FieldValue.serverTimestamp(),
        expireAt: Timestamp.fromMillis(expiryFrom(now, retentionMinutes)),
      });
      const ref = idempotencyKey ? codes.doc(documentIdForKey(idempotencyKey)) : codes.doc();
      // create() fails if the document exists: that is the idempotency check,
      // atomic even when Auth0's retries arrive concurrently.
      const batch = db.batch().create(ref, doc);
      const seen = newSeenUser(payload, number, Timestamp.fromMillis(now));
      if (seen) {
        // A merge of one key of `seen`: whatever the scripts wrote (users) is
        // never touched, and two people's first codes cannot undo each other.
        // The time is the function's clock rather than a server timestamp:
        // the in-memory Firestore of the local stack applies transforms to
        // top-level fields only, and ordering cards needs no more precision.
        const update: PhoneLabel<Timestamp> = { seen: { [seen.key]: seen.user } };
        batch.set(labelRef, update, { merge: true });
      }
      try {
        await batch.commit();
        return { id: ref.id, created: true };
      } catch (error) {
        if (idempotencyKey && isAlreadyExists(error)) return { id: ref.id, created: false };
        // A failed commit may still have been applied (an UNKNOWN or a lost
        // reply; Google's emulator answers UNKNOWN to commits that raced a
        // closing listener). The id is known before the write, so one read
        // tells a stored code from a lost one, and the sender is not told to
        // retry a code that is already on screen.
        if (await landed(ref)) return { id: ref.id, created: true };
        throw error;
      }
    },
    close: () => listener.stop(),
  };
}

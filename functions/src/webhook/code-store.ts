// The webhook's Firestore I/O: find the number's phoneLabels document (in the
// instance's directory when that is enough, else by reading it), store the
// code, and note a person the number has not seen before. An email is stored
// with its body beside it, labelled from the same directory.
import {
  type DocumentReference,
  FieldValue,
  type Firestore,
  Timestamp,
  type WriteBatch,
} from "firebase-admin/firestore";
import type { EmailExtraction } from "../contract/email.js";
import { COLLECTIONS, type PhoneLabel, type StoredCode } from "../contract/firestore-schema.js";
import { type NumberUsers, readPhoneLabel } from "../contract/phone-labels.js";
import type { EmailWebhookPayload, OtpWebhookPayload } from "../contract/webhook-payload.js";
import { type DemoUserByEmail, emailDemoUser, toStoredEmail } from "./email-document.js";
import { LabelDirectory } from "./label-directory.js";
import { listenForLabels } from "./label-listener.js";
import { documentIdForKey, expiryFrom, newSeenUser, toStoredCode } from "./to-document.js";

export interface StoreResult {
  id: string;
  /** false when the idempotency key was seen before and nothing was written. */
  created: boolean;
}

/** An email as the webhook stores it: the validated payload and what was extracted from its HTML. */
export interface EmailDelivery {
  payload: EmailWebhookPayload;
  extraction: EmailExtraction;
}

export interface CodeStore {
  store(
    payload: OtpWebhookPayload,
    idempotencyKey: string | undefined,
    retentionMinutes: number,
  ): Promise<StoreResult>;
  /** The otpCodes document and its otpEmailBodies document, in one batch. */
  storeEmail(
    email: EmailDelivery,
    idempotencyKey: string | undefined,
    retentionMinutes: number,
  ): Promise<StoreResult>;
}

/**
 * How long an email waits for the instance's first phoneLabels snapshot (its
 * listener loads it anyway) before reading the collection itself: a listener
 * that is failing, well inside the 8 s store deadline.
 */
export const EMAIL_DIRECTORY_WAIT_MS = 3_000;

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

/**
 * Commits a batch whose first write is create(ref): an existing document is
 * the idempotency key seen before (nothing written, same id).
 */
async function commitCreate(
  batch: WriteBatch,
  ref: DocumentReference,
  idempotencyKey: string | undefined,
): Promise<StoreResult> {
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
}

export function firestoreCodeStore(db: Firestore): FirestoreCodeStore {
  const codes = db.collection(COLLECTIONS.codes);
  const bodies = db.collection(COLLECTIONS.emailBodies);
  const labels = db.collection(COLLECTIONS.phoneLabels);
  // Most codes need no read: their person is already known on the number (see
  // label-directory.ts for what the directory is trusted with, and why).
  const directory = new LabelDirectory();
  const listener = listenForLabels(labels, directory);
  const readNumber = async (phoneNumber: string): Promise<NumberUsers | undefined> => {
    const snap = await labels.doc(phoneNumber).get();
    return snap.exists ? readPhoneLabel(phoneNumber, snap.data()) : undefined;
  };
  // An email's demo user may be on any number, so it is looked up in the whole
  // directory: no read of its own while the listener is current, one read of
  // the (small) collection only when the listener could not deliver in time.
  const demoUsers = async (): Promise<DemoUserByEmail> => {
    if (await directory.whenSynced(EMAIL_DIRECTORY_WAIT_MS)) {
      return (email) => directory.demoUserByEmail(email);
    }
    const snap = await labels.get();
    const once = new LabelDirectory();
    once.apply(snap.docs.map((doc) => ({ type: "added", phoneNumber: doc.id, data: doc.data() })));
    return (email) => once.demoUserByEmail(email);
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
      return commitCreate(batch, ref, idempotencyKey);
    },
    async storeEmail({ payload, extraction }, idempotencyKey, retentionMinutes) {
      listener.ensureStarted();
      const demoUser = emailDemoUser(payload, await demoUsers());
      const expireAt = Timestamp.fromMillis(expiryFrom(Date.now(), retentionMinutes));
      const docs = toStoredEmail<Timestamp | FieldValue>(payload, extraction, demoUser, {
        receivedAt: FieldValue.serverTimestamp(),
        expireAt,
      });
      const ref = idempotencyKey ? codes.doc(documentIdForKey(idempotencyKey)) : codes.doc();
      // Both created in one batch: a retry finds the code and writes neither,
      // and the page never sees an email whose body is missing.
      const batch = db.batch().create(ref, docs.code).create(bodies.doc(ref.id), docs.body);
      return commitCreate(batch, ref, idempotencyKey);
    },
    close: () => listener.stop(),
  };
}

// The webhook's Firestore I/O: find the number's phoneLabels document (in the
// instance's directory when that is enough, else by reading it), store the
// code, and note in people/ a person nobody knows yet. An email is stored
// with its body beside it, labelled from the same directory, and notes its
// person the same way. A first-time person costs one read (their people/
// document, with the number's in the same call) and one batched write.
import {
  type DocumentReference,
  FieldValue,
  type Firestore,
  Timestamp,
  type WriteBatch,
} from "firebase-admin/firestore";
import type { EmailExtraction } from "../contract/email.js";
import { COLLECTIONS, type StoredCode } from "../contract/firestore-schema.js";
import { payloadPerson } from "../contract/label.js";
import type { StoredPerson } from "../contract/people.js";
import { type NumberUsers, readPhoneLabel } from "../contract/phone-labels.js";
import type { EmailWebhookPayload, OtpWebhookPayload } from "../contract/webhook-payload.js";
import {
  type DemoUserByEmail,
  emailDemoUser,
  emailPerson,
  toStoredEmail,
} from "./email-document.js";
import { LabelDirectory } from "./label-directory.js";
import { listenForLabels } from "./label-listener.js";
import { NotedPeople } from "./noted-people.js";
import {
  documentIdForKey,
  expiryFrom,
  knownOnNumber,
  newPerson,
  personDocId,
  toStoredCode,
} from "./to-document.js";

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
  const people = db.collection(COLLECTIONS.people);
  // Most codes need no read: their person is already known on the number (see
  // label-directory.ts for what the directory is trusted with, and why).
  const directory = new LabelDirectory();
  const listener = listenForLabels(labels, directory);
  const noted = new NotedPeople();
  const readNumber = async (phoneNumber: string): Promise<NumberUsers | undefined> => {
    const snap = await labels.doc(phoneNumber).get();
    return snap.exists ? readPhoneLabel(phoneNumber, snap.data()) : undefined;
  };
  // An email's demo user may be on any number, so it is looked up in the whole
  // directory: no read of its own while the listener is current, one read of
  // the (small) collection only when the listener could not deliver in time.
  const demoUsers = async (): Promise<{ byEmail: DemoUserByEmail; directory: LabelDirectory }> => {
    if (await directory.whenSynced(EMAIL_DIRECTORY_WAIT_MS)) {
      return { byEmail: (email) => directory.demoUserByEmail(email), directory };
    }
    const snap = await labels.get();
    const once = new LabelDirectory();
    once.apply(snap.docs.map((doc) => ({ type: "added", phoneNumber: doc.id, data: doc.data() })));
    return { byEmail: (email) => once.demoUserByEmail(email), directory: once };
  };
  /** Adds the person's people/ document to the batch; remembered once the batch is committed. */
  const note = (batch: WriteBatch, id: string, person: StoredPerson<Timestamp>): void => {
    // set, not create: two first codes of one person at once both write the
    // same document (the later firstSeenAt wins), and neither code fails.
    batch.set(people.doc(id), person);
  };
  return {
    async store(payload, idempotencyKey, retentionMinutes) {
      listener.ensureStarted();
      const now = Date.now();
      const person = payloadPerson(payload);
      const personId = person ? personDocId(person) : undefined;
      const known = directory.lookup(payload);
      let number: NumberUsers | undefined;
      let toNote: StoredPerson<Timestamp> | undefined;
      if (known) {
        number = known.number;
      } else if (
        person &&
        personId &&
        !noted.has(personId) &&
        !(directory.isSynced && directory.listsPerson(person))
      ) {
        // Someone this instance has never known: their people/ document and
        // the number, in one read, so a demo user added a moment ago is
        // labelled and not noted even before the listener delivers them.
        const [numberSnap, personSnap] = await db.getAll(
          labels.doc(payload.recipient),
          people.doc(personId),
        );
        number = numberSnap?.exists
          ? readPhoneLabel(payload.recipient, numberSnap.data())
          : undefined;
        if (personSnap?.exists || knownOnNumber(person, number)) noted.remember(personId);
        else {
          toNote = newPerson(
            person,
            { phoneNumber: payload.recipient, userId: payload.user?.id },
            Timestamp.fromMillis(now),
          );
        }
      } else if (person && directory.isSynced) {
        // Known elsewhere (noted, or listed on another number): the directory's
        // view of this number is enough, as it is for a person listed on it.
        number = directory.numberOf(payload.recipient);
      } else {
        number = await readNumber(payload.recipient);
      }
      const doc: StoredCode<Timestamp | FieldValue> = toStoredCode(payload, number, {
        receivedAt: FieldValue.serverTimestamp(),
        expireAt: Timestamp.fromMillis(expiryFrom(now, retentionMinutes)),
      });
      const ref = idempotencyKey ? codes.doc(documentIdForKey(idempotencyKey)) : codes.doc();
      // create() fails if the document exists: that is the idempotency check,
      // atomic even when Auth0's retries arrive concurrently.
      const batch = db.batch().create(ref, doc);
      if (toNote && personId) note(batch, personId, toNote);
      const result = await commitCreate(batch, ref, idempotencyKey);
      if (toNote && personId) noted.remember(personId);
      return result;
    },
    async storeEmail({ payload, extraction }, idempotencyKey, retentionMinutes) {
      listener.ensureStarted();
      const now = Date.now();
      const known = await demoUsers();
      const demoUser = emailDemoUser(payload, known.byEmail);
      const expireAt = Timestamp.fromMillis(expiryFrom(now, retentionMinutes));
      const docs = toStoredEmail<Timestamp | FieldValue>(payload, extraction, demoUser, {
        receivedAt: FieldValue.serverTimestamp(),
        expireAt,
      });
      const ref = idempotencyKey ? codes.doc(documentIdForKey(idempotencyKey)) : codes.doc();
      // Both created in one batch: a retry finds the code and writes neither,
      // and the page never sees an email whose body is missing.
      const batch = db.batch().create(ref, docs.code).create(bodies.doc(ref.id), docs.body);
      // An email alone makes a person (their card on the page) unless they are
      // a demo user: noted once, like a phone code's person.
      const person = emailPerson(payload);
      const personId = personDocId(person);
      let noting = false;
      if (!demoUser && !noted.has(personId) && !known.directory.listsPerson(person)) {
        const snap = await people.doc(personId).get();
        if (snap.exists) noted.remember(personId);
        else {
          noting = true;
          note(
            batch,
            personId,
            newPerson(person, { userId: payload.user?.id }, Timestamp.fromMillis(now)),
          );
        }
      }
      const result = await commitCreate(batch, ref, idempotencyKey);
      if (noting) noted.remember(personId);
      return result;
    },
    close: () => listener.stop(),
  };
}

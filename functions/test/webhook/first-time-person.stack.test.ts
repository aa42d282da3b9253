// What a first-time person costs the webhook, counted in Firestore calls on
// the stack's Firestore: one read (their people/ document, with the number's
// in the same call) and one batched write, for a phone code and for an email;
// and nothing is written where the instance's phoneLabels listener listens.
// The throughput this buys is row 4p of `npm run bench`.
import { adminDb, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { Firestore, Query, WriteBatch } from "firebase-admin/firestore";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmailExtraction } from "../../src/contract/email.js";
import { COLLECTIONS } from "../../src/contract/firestore-schema.js";
import { readPerson } from "../../src/contract/people.js";
import type { EmailWebhookPayload, OtpWebhookPayload } from "../../src/contract/webhook-payload.js";
import { type FirestoreCodeStore, firestoreCodeStore } from "../../src/webhook/code-store.js";
import { personDocId } from "../../src/webhook/to-document.js";

const DEMO = { label: "Dee (count)", email: "dee@count-test.example", order: 0 };
const DEMO_NUMBER = "+61400000321";

const db = adminDb();
let store: FirestoreCodeStore;
let sequence = 0;

interface Counts {
  /** getAll calls: DocumentReference.get is one of them. */
  reads: number;
  /** Documents those calls asked for. */
  documentsRead: number;
  queries: number;
  commits: number;
}

/** Counts every Firestore call the code store makes while `work` runs. */
async function counted(work: () => Promise<unknown>): Promise<Counts> {
  const counts: Counts = { reads: 0, documentsRead: 0, queries: 0, commits: 0 };
  const getAll = Firestore.prototype.getAll;
  const get = Query.prototype.get;
  const commit = WriteBatch.prototype.commit;
  Firestore.prototype.getAll = function (this: Firestore, ...args: Parameters<typeof getAll>) {
    counts.reads += 1;
    counts.documentsRead += args.filter((arg) => arg && "path" in arg).length;
    return getAll.apply(this, args);
  };
  Query.prototype.get = function (this: Query) {
    counts.queries += 1;
    return get.apply(this);
  };
  WriteBatch.prototype.commit = function (this: WriteBatch) {
    counts.commits += 1;
    return commit.apply(this);
  };
  try {
    await work();
  } finally {
    Firestore.prototype.getAll = getAll;
    Query.prototype.get = get;
    WriteBatch.prototype.commit = commit;
  }
  return counts;
}

const phoneCode = (email: string, recipient: string): OtpWebhookPayload => {
  sequence += 1;
  const code = String(500000 + sequence);
  return {
    recipient,
    code,
    messageText: `Your code is ${code}`,
    messageType: "otp_verify",
    deliveryMethod: "text",
    user: { id: `auth0|${sequence}`, email },
  };
};

const extraction: EmailExtraction = {
  code: "123456",
  links: [],
  mainLink: null,
  linksTruncated: false,
};
const email = (to: string): EmailWebhookPayload => ({
  channel: "email",
  to,
  subject: "Your code",
  html: "<p>Your code is 123456</p>",
  messageType: "verify_email",
});

const person = async (who: { email?: string; label: string }) =>
  readPerson((await db.collection(COLLECTIONS.people).doc(personDocId(who)).get()).data());

const ONE_READ_ONE_WRITE = { reads: 1, documentsRead: expect.any(Number), queries: 0, commits: 1 };

beforeEach(async () => {
  await clearFirestore();
  await writePhoneLabels(db, [{ phoneNumber: DEMO_NUMBER, users: [DEMO] }]);
  store = firestoreCodeStore(db);
});
afterEach(() => store.close());
afterAll(() => store?.close());

describe("a first-time person", () => {
  it("costs one read and one batched write on an instance's first code, before its listener has synced", async () => {
    const visitor = "vi@count-test.example";
    const counts = await counted(() =>
      store.store(phoneCode(visitor, "+61400000322"), undefined, 10),
    );
    expect(counts).toEqual(ONE_READ_ONE_WRITE);
    expect(counts.documentsRead).toBeLessThanOrEqual(2);
    expect(await person({ label: visitor, email: visitor })).toMatchObject({
      label: visitor,
      email: visitor,
      phoneNumber: "+61400000322",
    });
  });

  it("costs one read and one batched write on a warm instance, and their next codes none to read", async () => {
    // Warm: an email waits for the listener's first snapshot.
    await store.storeEmail({ payload: email(DEMO.email), extraction }, undefined, 10);
    const visitor = "wa@count-test.example";
    const first = await counted(() =>
      store.store(phoneCode(visitor, "+61400000323"), undefined, 10),
    );
    expect(first).toEqual(ONE_READ_ONE_WRITE);
    expect(first.documentsRead).toBeLessThanOrEqual(2);
    const noted = await person({ label: visitor, email: visitor });
    expect(noted?.userId).toMatch(/^auth0\|/);

    const again = await counted(async () => {
      await store.store(phoneCode(visitor, "+61400000323"), undefined, 10);
      await store.store(phoneCode(visitor, "+61400000324"), undefined, 10);
    });
    expect(again).toEqual({ reads: 0, documentsRead: 0, queries: 0, commits: 2 });
    // Noted once: the first sighting stands.
    expect(await person({ label: visitor, email: visitor })).toEqual(noted);
    // Nothing lands where every instance's listener listens.
    const numbers = await db.collection(COLLECTIONS.phoneLabels).get();
    expect(numbers.docs.map((doc) => doc.id)).toEqual([DEMO_NUMBER]);
  });

  it("from an email alone costs one read and one batched write, and is noted by the address", async () => {
    await store.storeEmail({ payload: email(DEMO.email), extraction }, undefined, 10);
    const address = "em@count-test.example";
    const counts = await counted(() =>
      store.storeEmail({ payload: email(address), extraction }, undefined, 10),
    );
    expect(counts).toEqual({ reads: 1, documentsRead: 1, queries: 0, commits: 1 });
    expect(await person({ label: address, email: address })).toMatchObject({
      label: address,
      email: address,
    });
    expect((await person({ label: address, email: address }))?.phoneNumber).toBeUndefined();
  });

  it("is never a demo user: their codes and emails cost no read and note nobody", async () => {
    await store.storeEmail({ payload: email(DEMO.email), extraction }, undefined, 10);
    const counts = await counted(async () => {
      await store.store(phoneCode(DEMO.email, DEMO_NUMBER), undefined, 10);
      // A demo user on a number not theirs is still known: nobody to note.
      await store.store(phoneCode(DEMO.email, "+61400000325"), undefined, 10);
      await store.storeEmail({ payload: email(DEMO.email), extraction }, undefined, 10);
    });
    expect(counts).toEqual({ reads: 0, documentsRead: 0, queries: 0, commits: 3 });
    expect((await db.collection(COLLECTIONS.people).get()).size).toBe(0);
  });

  it("sent many first codes at once is noted once, and every code is stored", async () => {
    const visitor = "many@count-test.example";
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        store.store(phoneCode(visitor, "+61400000326"), undefined, 10),
      ),
    );
    expect(results.every((result) => result.created)).toBe(true);
    const people = await db.collection(COLLECTIONS.people).get();
    expect(people.docs.map((doc) => doc.id)).toEqual([
      personDocId({ label: visitor, email: visitor }),
    ]);
  });
});

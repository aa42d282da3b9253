// The code store against the stack's Firestore: what it stores while its
// phoneLabels directory is just starting, lagging behind a write made a moment
// ago, or current. The webhook over HTTP is in ../webhook.stack.test.ts.

import { adminDb, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { COLLECTIONS } from "../../src/contract/firestore-schema.js";
import { readPerson } from "../../src/contract/people.js";
import { readPhoneLabel } from "../../src/contract/phone-labels.js";
import type { OtpWebhookPayload } from "../../src/contract/webhook-payload.js";
import { firestoreCodeStore } from "../../src/webhook/code-store.js";
import { personDocId } from "../../src/webhook/to-document.js";

const NUMBER = "+61400000301";
const ALICE = { label: "Alice (store)", email: "alice@store-test.example", order: 0 };
const BOB = { label: "Bob (store)", email: "bob@store-test.example", order: 1 };
const SEEN = "sam@store-test.example";

const db = adminDb();
const store = firestoreCodeStore(db);
let sequence = 0;

const payload = (email?: string): OtpWebhookPayload => {
  sequence += 1;
  const code = String(400000 + sequence);
  return {
    recipient: NUMBER,
    code,
    messageText: `Your code is ${code}`,
    messageType: "otp_verify",
    deliveryMethod: "text",
    ...(email ? { user: { email } } : {}),
  };
};

/** Stores a code and returns the stored document. */
async function stored(code: OtpWebhookPayload) {
  const { id, created } = await store.store(code, undefined, 10);
  expect(created).toBe(true);
  return (await db.collection(COLLECTIONS.codes).doc(id).get()).data() ?? {};
}

const number = async () =>
  readPhoneLabel(NUMBER, (await db.collection(COLLECTIONS.phoneLabels).doc(NUMBER).get()).data());
const noted = async () =>
  (await db.collection(COLLECTIONS.people).get()).docs.map((doc) => ({
    id: doc.id,
    ...readPerson(doc.data()),
  }));

beforeEach(async () => {
  await clearFirestore();
});

afterAll(() => {
  store.close();
});

describe("the code store's phoneLabels directory", () => {
  it("labels a code that names nobody from demo users written a moment before", async () => {
    expect((await stored(payload())).label).toBe("");
    await writePhoneLabels(db, [{ phoneNumber: NUMBER, users: [ALICE] }]);
    expect((await stored(payload())).label).toBe(ALICE.label);
    await writePhoneLabels(db, [{ phoneNumber: NUMBER, users: [ALICE, BOB] }]);
    // Bob was added: a directory that already knew Alice may still say only
    // her for a moment; the page names the code from phoneLabels itself.
    await vi.waitFor(
      async () => expect((await stored(payload())).label).toBe("Alice (store), Bob (store)"),
      {
        timeout: 30_000,
        interval: 100,
      },
    );
  });

  it("never notes a demo user added a moment before as seen", async () => {
    // A store of its own: its directory starts from this test's data, not from
    // what the shared store's listener may still hold of the last test's.
    const fresh = firestoreCodeStore(db);
    const storedBy = (code: OtpWebhookPayload) => fresh.store(code, undefined, 10);
    try {
      // Alice's first code comes while she is nobody's demo user: she is noted,
      // and the directory is listening when the demo users are written.
      await storedBy(payload(ALICE.email));
      await writePhoneLabels(db, [{ phoneNumber: NUMBER, users: [ALICE, BOB] }]);
      // Bob's comes a moment after he became a demo user, before the directory
      // can know it (his code may still be labelled with his address; the page
      // names it from phoneLabels): the number's own document, read with his
      // person's, says he is a demo user, so he is not noted.
      await storedBy(payload(BOB.email));
    } finally {
      fresh.close();
    }
    const entry = await number();
    expect(entry.users).toEqual([ALICE, BOB]);
    expect(entry.seen).toEqual([]);
    expect((await noted()).map((person) => person.email)).toEqual([ALICE.email]);
  });

  it("notes a new person once, at their first code, however many follow and however fast", async () => {
    const first = await stored(payload(SEEN));
    expect(first.label).toBe(SEEN);
    const [person] = await noted();
    expect(person).toMatchObject({
      id: personDocId({ label: SEEN, email: SEEN }),
      label: SEEN,
      email: SEEN,
      phoneNumber: NUMBER,
    });
    await Promise.all(Array.from({ length: 20 }, () => stored(payload(SEEN))));
    expect(await noted()).toEqual([person]);
    // The number's document is the scripts' alone now.
    expect((await db.collection(COLLECTIONS.phoneLabels).doc(NUMBER).get()).exists).toBe(false);
  });

  it("notes a person again, on a new instance, once their document was deleted", async () => {
    await stored(payload(SEEN));
    await db
      .collection(COLLECTIONS.people)
      .doc(personDocId({ label: SEEN, email: SEEN }))
      .delete();
    // This instance remembers having noted them (no read per code); a fresh
    // one reads, finds nothing, and notes them again.
    const fresh = firestoreCodeStore(db);
    try {
      await fresh.store(payload(SEEN), undefined, 10);
    } finally {
      fresh.close();
    }
    expect((await noted()).map((person) => person.label)).toEqual([SEEN]);
  });

  it("stores codes for known demo users, sent all at once, exactly once each", async () => {
    await writePhoneLabels(db, [{ phoneNumber: NUMBER, users: [ALICE, BOB] }]);
    const codes = Array.from({ length: 200 }, (_, i) => payload(i % 2 ? ALICE.email : BOB.email));
    const ids = await Promise.all(codes.map((code) => store.store(code, undefined, 10)));
    const docs = await db.collection(COLLECTIONS.codes).where("recipient", "==", NUMBER).get();
    expect(docs.size).toBe(codes.length);
    expect(new Set(docs.docs.map((doc) => doc.get("code")))).toEqual(
      new Set(codes.map((code) => code.code)),
    );
    expect(docs.docs.map((doc) => doc.id).sort()).toEqual(ids.map(({ id }) => id).sort());
    expect((await number()).seen).toEqual([]);
    expect(await noted()).toEqual([]);
  });
});

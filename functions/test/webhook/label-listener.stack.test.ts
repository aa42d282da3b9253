// The phoneLabels listener against the stack's Firestore: it listens while
// codes come, stops once they stop, and starts again with the next one.

import { adminDb, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { COLLECTIONS } from "../../src/contract/firestore-schema.js";
import type { OtpWebhookPayload } from "../../src/contract/webhook-payload.js";
import { LabelDirectory } from "../../src/webhook/label-directory.js";
import { type LabelListener, listenForLabels } from "../../src/webhook/label-listener.js";

const NUMBER = "+61400000311";
const ALICE = { label: "Alice (listener)", email: "alice@listener-test.example", order: 0 };
const IDLE_MS = 1_000;
const CODE: OtpWebhookPayload = {
  recipient: NUMBER,
  code: "246810",
  messageText: "Your code is 246810",
  messageType: "otp_verify",
  deliveryMethod: "text",
};

const db = adminDb();
let listener: LabelListener | undefined;

beforeEach(async () => {
  await clearFirestore();
  await writePhoneLabels(db, [{ phoneNumber: NUMBER, users: [ALICE] }]);
});
afterEach(() => listener?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("keeps listening while codes come, stops when they stop, and starts again with the next", async () => {
  const directory = new LabelDirectory();
  listener = listenForLabels(db.collection(COLLECTIONS.phoneLabels), directory, IDLE_MS);
  listener.ensureStarted();
  await vi.waitFor(() => expect(directory.lookup(CODE)?.number?.users[0]?.label).toBe(ALICE.label));

  // A code every 100 ms for twice the idle time: the listener stays.
  for (let n = 0; n < 20; n++) {
    listener.ensureStarted();
    await sleep(100);
  }
  expect(directory.isSynced).toBe(true);

  // No code: it stops and forgets, so the next code reads its number.
  await vi.waitFor(() => expect(directory.isSynced).toBe(false), { timeout: 5 * IDLE_MS });
  expect(directory.lookup(CODE)).toBeUndefined();

  listener.ensureStarted();
  await vi.waitFor(() => expect(directory.isSynced).toBe(true));
});

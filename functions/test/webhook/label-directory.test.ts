import { describe, expect, it } from "vitest";
import { type NumberUsers, readPhoneLabel } from "../../src/contract/phone-labels.js";
import type { OtpWebhookPayload } from "../../src/contract/webhook-payload.js";
import { answersWithoutRead, LabelDirectory } from "../../src/webhook/label-directory.js";
import { knownOnNumber, toStoredCode } from "../../src/webhook/to-document.js";

const NUMBER = "+61400000001";
const payload = (email?: string): OtpWebhookPayload => ({
  recipient: NUMBER,
  code: "123456",
  messageText: "Your code is 123456",
  messageType: "otp_verify",
  deliveryMethod: "text",
  ...(email ? { user: { email } } : {}),
});
const alice = { label: "Alice", email: "alice@atko.email", order: 0 };
const bob = { label: "Bob", email: "bob@atko.email", order: 1 };
const seenCarol = { u_c: { label: "carol@atko.email", email: "carol@atko.email", firstSeenAt: 5 } };
const times = { receivedAt: 1, expireAt: 2 };

describe("answersWithoutRead", () => {
  const number = readPhoneLabel(NUMBER, { users: [alice], seen: seenCarol });

  it("answers for a demo user of the number and for someone already seen on it", () => {
    expect(answersWithoutRead(payload("ALICE@atko.email"), number)).toBe(true);
    expect(answersWithoutRead(payload("carol@atko.email"), number)).toBe(true);
  });

  it("does not answer for a person the number does not know: they may have been added since", () => {
    expect(answersWithoutRead(payload("bob@atko.email"), number)).toBe(false);
    expect(answersWithoutRead(payload("bob@atko.email"), undefined)).toBe(false);
  });

  it("answers for a code naming nobody only when the number has demo users to label it with", () => {
    expect(answersWithoutRead(payload(), number)).toBe(true);
    expect(answersWithoutRead(payload(), readPhoneLabel(NUMBER, { seen: seenCarol }))).toBe(false);
    expect(answersWithoutRead(payload(), undefined)).toBe(false);
  });

  // Every way the number can have grown since the directory saw it (demo
  // users and seen users only get added in the normal course): an answer
  // must store what a fresh read would have stored.
  it("stores what a fresh read would, whatever was added to the number since", () => {
    const people = [undefined, "alice@atko.email", "bob@atko.email", "carol@atko.email"];
    const variants: Record<string, unknown>[] = [
      {},
      { users: [alice] },
      { users: [alice, bob] },
      { seen: seenCarol },
      { users: [alice], seen: seenCarol },
      { users: [alice, bob], seen: seenCarol },
    ];
    const grows = (older: Record<string, unknown>, newer: Record<string, unknown>) =>
      ((older.users as unknown[] | undefined) ?? []).every((u) =>
        ((newer.users as unknown[] | undefined) ?? []).includes(u),
      ) &&
      (!older.seen || newer.seen === older.seen);
    let answered = 0;
    for (const older of variants) {
      for (const newer of variants.filter((candidate) => grows(older, candidate))) {
        const known: NumberUsers = readPhoneLabel(NUMBER, older);
        const fresh: NumberUsers = readPhoneLabel(NUMBER, newer);
        for (const person of people) {
          const code = payload(person);
          if (!answersWithoutRead(code, known)) continue;
          answered += 1;
          // Someone the number listed still lists them: nobody to note either way.
          if (person)
            expect(
              knownOnNumber({ label: person, email: person }, fresh),
              `${person} on ${JSON.stringify(older)}`,
            ).toBe(true);
          // A code naming nobody is stored with the demo users as known (the
          // page names it from phoneLabels as they are now).
          if (person)
            expect(toStoredCode(code, known, times)).toEqual(toStoredCode(code, fresh, times));
        }
      }
    }
    expect(answered).toBeGreaterThan(10);
  });
});

describe("LabelDirectory", () => {
  it("answers nothing before its first snapshot", () => {
    const directory = new LabelDirectory();
    expect(directory.isSynced).toBe(false);
    expect(directory.lookup(payload("alice@atko.email"))).toBeUndefined();
  });

  it("answers from the documents its snapshots brought, parsed as everyone reads them", () => {
    const directory = new LabelDirectory();
    directory.apply([{ type: "added", phoneNumber: NUMBER, data: { users: [alice, bob] } }]);
    expect(directory.lookup(payload("bob@atko.email"))).toEqual({
      number: { phoneNumber: NUMBER, users: [alice, bob], seen: [] },
    });
    expect(directory.lookup(payload())?.number?.users).toEqual([alice, bob]);
    expect(directory.lookup(payload("dave@atko.email"))).toBeUndefined();
    expect(directory.lookup({ ...payload("bob@atko.email"), recipient: "+61400000002" })).toBe(
      undefined,
    );
  });

  it("follows changes and removals", () => {
    const directory = new LabelDirectory();
    directory.apply([{ type: "added", phoneNumber: NUMBER, data: { users: [alice] } }]);
    directory.apply([{ type: "modified", phoneNumber: NUMBER, data: { users: [bob] } }]);
    expect(directory.lookup(payload("alice@atko.email"))).toBeUndefined();
    expect(directory.lookup(payload("bob@atko.email"))).toBeDefined();
    directory.apply([{ type: "removed", phoneNumber: NUMBER, data: undefined }]);
    expect(directory.lookup(payload("bob@atko.email"))).toBeUndefined();
  });

  it("counts an empty first snapshot as knowing the collection is empty", () => {
    const directory = new LabelDirectory();
    directory.apply([]);
    expect(directory.isSynced).toBe(true);
    // Empty means every person is new: still a read, to be sure.
    expect(directory.lookup(payload("alice@atko.email"))).toBeUndefined();
  });

  it("forgets everything on reset, until a new first snapshot", () => {
    const directory = new LabelDirectory();
    directory.apply([{ type: "added", phoneNumber: NUMBER, data: { users: [alice] } }]);
    directory.reset();
    expect(directory.lookup(payload("alice@atko.email"))).toBeUndefined();
    directory.apply([]);
    expect(directory.lookup(payload("alice@atko.email"))).toBeUndefined();
  });
});

describe("LabelDirectory, for an email", () => {
  const add = (phoneNumber: string, data: unknown) => ({
    type: "added" as const,
    phoneNumber,
    data,
  });

  it("finds a demo user by email on any number, first in the file's order, never a seen user", () => {
    const directory = new LabelDirectory();
    directory.apply([
      add(NUMBER, { users: [bob], seen: seenCarol }),
      add("+61400000002", { users: [{ ...bob, label: "Bob again", order: 5 }, alice] }),
    ]);
    expect(directory.demoUserByEmail("ALICE@atko.email")).toEqual(alice);
    expect(directory.demoUserByEmail("bob@atko.email")).toEqual(bob);
    expect(directory.demoUserByEmail("carol@atko.email")).toBeUndefined();
  });

  it("follows changes: a demo user taken off every number names nothing", () => {
    const directory = new LabelDirectory();
    directory.apply([add(NUMBER, { users: [alice] })]);
    expect(directory.demoUserByEmail(alice.email)).toEqual(alice);
    directory.apply([{ type: "removed", phoneNumber: NUMBER, data: undefined }]);
    expect(directory.demoUserByEmail(alice.email)).toBeUndefined();
  });

  it("lets an email wait for the first snapshot, and gives up after its timeout", async () => {
    const directory = new LabelDirectory();
    expect(await directory.whenSynced(5)).toBe(false);
    const waiting = directory.whenSynced(5_000);
    directory.apply([add(NUMBER, { users: [alice] })]);
    expect(await waiting).toBe(true);
    expect(await directory.whenSynced(0)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { readPhoneLabel, UNORDERED } from "../../src/contract/phone-labels.js";

const N = "+61400000001";
const at = (ms: number) => ({ toMillis: () => ms });

describe("readPhoneLabel", () => {
  it("reads today's document: demo users in file order, seen users first seen first", () => {
    const entry = readPhoneLabel(N, {
      users: [
        { label: "Bob", email: "bob@atko.email", order: 4 },
        { label: "Alice", email: "Alice@Atko.email", order: 1 },
      ],
      seen: {
        u_2: { label: "late@atko.email", email: "late@atko.email", firstSeenAt: at(20) },
        u_1: { label: "Early", firstSeenAt: at(10) },
      },
      updatedAt: at(1),
    });
    expect(entry).toEqual({
      phoneNumber: N,
      users: [
        { label: "Alice", email: "alice@atko.email", order: 1 },
        { label: "Bob", email: "bob@atko.email", order: 4 },
      ],
      seen: [
        { label: "Early", firstSeenAt: 10 },
        { label: "late@atko.email", email: "late@atko.email", firstSeenAt: 20 },
      ],
    });
  });

  it("reads an old {label} document as one demo user, after every ordered one", () => {
    expect(readPhoneLabel(N, { label: " Admin (Alice) ", updatedAt: at(1) }).users).toEqual([
      { label: "Admin (Alice)", order: UNORDERED },
    ]);
    expect(readPhoneLabel(N, { label: "owner@atko.email" }).users).toEqual([
      { label: "owner@atko.email", email: "owner@atko.email", order: UNORDERED },
    ]);
  });

  it("splits the old enrolment's comma-joined emails back into users, and nothing else", () => {
    expect(readPhoneLabel(N, { label: "a@atko.email, b@atko.email" }).users).toEqual([
      { label: "a@atko.email", email: "a@atko.email", order: UNORDERED },
      { label: "b@atko.email", email: "b@atko.email", order: UNORDERED },
    ]);
    expect(readPhoneLabel(N, { label: "Smith, Jane" }).users).toEqual([
      { label: "Smith, Jane", order: UNORDERED },
    ]);
  });

  it("ignores a leftover label once users are written, and blank or malformed parts", () => {
    const entry = readPhoneLabel(N, {
      label: "stale@atko.email",
      users: [{ label: "  " }, "x", { label: "Ann", order: -1 }, { email: "cat@atko.email" }],
      seen: ["not a map"],
    });
    expect(entry.users).toEqual([
      { label: "Ann", order: UNORDERED },
      { label: "cat@atko.email", email: "cat@atko.email", order: UNORDERED },
    ]);
    expect(entry.seen).toEqual([]);
    expect(readPhoneLabel(N, undefined)).toEqual({ phoneNumber: N, users: [], seen: [] });
  });

  it("keeps one entry per person, and leaves demo users out of seen", () => {
    const entry = readPhoneLabel(N, {
      users: [
        { label: "Alice", email: "alice@atko.email", order: 2 },
        { label: "Alice again", email: "ALICE@atko.email", order: 3 },
      ],
      seen: {
        u_1: { label: "alice@atko.email", email: "alice@atko.email", firstSeenAt: at(1) },
        u_2: { label: "Zed", firstSeenAt: at(9) },
        u_3: { label: "zed", firstSeenAt: at(4) },
      },
    });
    expect(entry.users.map((user) => user.label)).toEqual(["Alice"]);
    expect(entry.seen).toEqual([{ label: "zed", firstSeenAt: 4 }]);
  });
});

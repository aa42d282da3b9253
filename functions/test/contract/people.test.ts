import { describe, expect, it } from "vitest";
import { peopleOf, readPerson } from "../../src/contract/people.js";
import { readPhoneLabel } from "../../src/contract/phone-labels.js";

const A = "+61400000001";
const B = "+61400000002";

describe("readPerson", () => {
  it("reads a people/ document as everyone reads it, dropping what is not usable", () => {
    expect(
      readPerson({
        label: " Erin ",
        email: "Erin@Guest.example",
        phoneNumber: A,
        userId: "auth0|e",
        firstSeenAt: { toMillis: () => 42 },
        stray: true,
      }),
    ).toEqual({
      label: "Erin",
      email: "erin@guest.example",
      phoneNumber: A,
      userId: "auth0|e",
      firstSeenAt: 42,
    });
    expect(readPerson({ email: "x@y.example", phoneNumber: "0400" })).toEqual({
      label: "x@y.example",
      email: "x@y.example",
      firstSeenAt: 0,
    });
    expect(readPerson({ label: "" })).toBeUndefined();
    expect(readPerson("nope")).toBeUndefined();
  });
});

describe("peopleOf", () => {
  const numbers = [
    readPhoneLabel(A, { users: [{ label: "Owner", email: "owner@atko.email", order: 0 }] }),
    readPhoneLabel(B, {
      users: [
        // One person on two numbers: one person, both numbers, first listing first.
        { label: "Owner again", email: "owner@atko.email", order: 3 },
        { label: "Amy", email: "amy@atko.email", order: 1 },
      ],
      seen: { u_1: { label: "sam@guest.example", email: "sam@guest.example", firstSeenAt: 9 } },
    }),
  ];

  it("makes one person per identity: demo users in file order, then the others by first sighting", () => {
    const people = peopleOf(numbers, [
      {
        label: "erin@guest.example",
        email: "erin@guest.example",
        userId: "auth0|e",
        firstSeenAt: 5,
      },
      { label: "amy@atko.email", email: "amy@atko.email", phoneNumber: A, firstSeenAt: 1 },
      { label: "Sam", email: "sam@guest.example", phoneNumber: A, firstSeenAt: 20 },
    ]);
    expect(people).toEqual([
      {
        key: "user:owner@atko.email",
        label: "Owner",
        phoneNumbers: [A, B],
        emails: ["owner@atko.email"],
        kind: "demo",
        rank: 0,
      },
      {
        key: "user:amy@atko.email",
        label: "Amy",
        phoneNumbers: [B],
        emails: ["amy@atko.email"],
        kind: "demo",
        rank: 1,
      },
      {
        key: "user:erin@guest.example",
        label: "erin@guest.example",
        phoneNumbers: [],
        emails: ["erin@guest.example"],
        userId: "auth0|e",
        kind: "seen",
        rank: 5,
      },
      // Seen on B by an older webhook first, then noted on A: their first sighting names them.
      {
        key: "user:sam@guest.example",
        label: "sam@guest.example",
        phoneNumbers: [B, A],
        emails: ["sam@guest.example"],
        kind: "seen",
        rank: 9,
      },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/command.js";
import {
  DEMO_USERS_EXAMPLE_PATH,
  parseDemoUsers,
  phoneLabelsFor,
  readDemoUsersFile,
  usersOn,
  wantsAuthenticator,
} from "./demo-users.js";

describe("demo users file", () => {
  it("reads the committed example: the seed's demo users on +614000000xx", () => {
    const users = readDemoUsersFile(DEMO_USERS_EXAMPLE_PATH);
    expect(users[0]).toEqual({
      email: "owner@atko.email",
      phoneNumber: "+61400000001",
      label: "owner@atko.email",
      order: 0,
    });
    expect(users.length).toBeGreaterThanOrEqual(3);
    for (const [index, user] of users.entries()) {
      expect(user.phoneNumber).toBe(`+6140000000${index + 1}`);
    }
  });

  it("accepts a label and normalises the email", () => {
    const { users, problems } = parseDemoUsers(
      JSON.stringify({ " Admin@Atko.Email ": { phone: "+61400000002", label: "Admin (Alice)" } }),
      "inline",
    );
    expect(problems).toEqual([]);
    expect(users).toEqual([
      { email: "admin@atko.email", phoneNumber: "+61400000002", label: "Admin (Alice)", order: 0 },
    ]);
  });

  it("marks single users for an authenticator, or keeps one from it, whatever --authenticator says", () => {
    const { users, problems } = parseDemoUsers(
      JSON.stringify({
        "owner@atko.email": "+61400000001",
        "admin@atko.email": { phone: "+61400000002", authenticator: true },
        "member@atko.email": { phone: "+61400000003", authenticator: false },
      }),
      "inline",
    );
    expect(problems).toEqual([]);
    const [owner, admin, member] = users;
    expect(admin).toMatchObject({ email: "admin@atko.email", authenticator: true });
    expect(owner).not.toHaveProperty("authenticator");
    const chosen = (flag: boolean) =>
      users.filter((user) => wantsAuthenticator(user, flag)).map((user) => user.email);
    expect(chosen(false)).toEqual(["admin@atko.email"]);
    expect(chosen(true)).toEqual(["owner@atko.email", "admin@atko.email"]);
    expect(member?.authenticator).toBe(false);
  });

  it("refuses an authenticator mark that is not true or false", () => {
    expect(() =>
      parseDemoUsers(
        JSON.stringify({ "owner@atko.email": { phone: "+61400000001", authenticator: "yes" } }),
        "users.json",
      ),
    ).toThrow(/users\.json must map emails to E\.164 numbers.*"authenticator"/);
  });

  it("reports each bad entry and keeps the good ones", () => {
    const { users, problems } = parseDemoUsers(
      JSON.stringify({
        "owner@atko.email": "+61400000001",
        "local@atko.email": "0400 000 002",
        "not-an-email": "+61400000003",
        "OWNER@atko.email": "+61400000004",
      }),
      "inline",
    );
    expect(users.map((user) => user.email)).toEqual(["owner@atko.email"]);
    expect(problems).toEqual([
      {
        email: "local@atko.email",
        problem: expect.stringMatching(/"0400 000 002", which is not an E\.164 number/),
      },
      { email: "not-an-email", problem: "is not an email address" },
      { email: "OWNER@atko.email", problem: "appears twice" },
    ]);
  });

  it("keeps each entry's place in the file, bad entries counted, for the card order", () => {
    const { users } = parseDemoUsers(
      JSON.stringify({
        "zed@atko.email": "+61400000009",
        "bad@atko.email": "nope",
        "amy@atko.email": "+61400000001",
      }),
      "inline",
    );
    expect(users.map((user) => [user.email, user.order])).toEqual([
      ["zed@atko.email", 0],
      ["amy@atko.email", 2],
    ]);
  });

  it("puts every user who shares a number on that number's document, in file order", () => {
    const { users } = parseDemoUsers(
      JSON.stringify({
        "owner@atko.email": "+61400000001",
        "admin@atko.email": { phone: "+61400000002", label: "Admin (Alice)" },
        "member@atko.email": "+61400000002",
      }),
      "inline",
    );
    expect(phoneLabelsFor(users)).toEqual([
      {
        phoneNumber: "+61400000001",
        users: [{ label: "owner@atko.email", email: "owner@atko.email", order: 0 }],
      },
      {
        phoneNumber: "+61400000002",
        users: [
          { label: "Admin (Alice)", email: "admin@atko.email", order: 1 },
          { label: "member@atko.email", email: "member@atko.email", order: 2 },
        ],
      },
    ]);
    expect(usersOn(users, "+61400000002").map((user) => user.email)).toEqual([
      "admin@atko.email",
      "member@atko.email",
    ]);
  });

  it("refuses a file of the wrong shape with an example of the right one", () => {
    expect(() => parseDemoUsers("[1, 2]", "users.json")).toThrow(UsageError);
    expect(() => parseDemoUsers("[1, 2]", "users.json")).toThrow(
      /must map emails to E\.164 numbers/,
    );
    expect(() => parseDemoUsers("{", "users.json")).toThrow(/users\.json is not valid JSON/);
  });
});

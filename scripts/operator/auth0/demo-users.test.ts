import { describe, expect, it } from "vitest";
import { UsageError } from "../cli/command.js";
import { DEMO_USERS_EXAMPLE_PATH, parseDemoUsers, readDemoUsersFile } from "./demo-users.js";

describe("demo users file", () => {
  it("reads the committed example: the seed's demo users on +614000000xx", () => {
    const users = readDemoUsersFile(DEMO_USERS_EXAMPLE_PATH);
    expect(users[0]).toEqual({
      email: "owner@atko.email",
      phoneNumber: "+61400000001",
      label: "owner@atko.email",
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
      { email: "admin@atko.email", phoneNumber: "+61400000002", label: "Admin (Alice)" },
    ]);
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

  it("refuses a file of the wrong shape with an example of the right one", () => {
    expect(() => parseDemoUsers("[1, 2]", "users.json")).toThrow(UsageError);
    expect(() => parseDemoUsers("[1, 2]", "users.json")).toThrow(
      /must map emails to E\.164 numbers/,
    );
    expect(() => parseDemoUsers("{", "users.json")).toThrow(/users\.json is not valid JSON/);
  });
});

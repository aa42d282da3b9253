import { readPhoneLabel } from "functions/contract/phone-labels";
import { PROBE_RECIPIENT, probeNotice } from "functions/contract/probe";
import { describe, expect, it } from "vitest";
import { codeMatches, parseTarget, targetPerson } from "./code-target.js";

const SHARED = "+61400000002";
const labels = [
  readPhoneLabel("+61400000001", {
    users: [{ label: "owner@atko.email", email: "owner@atko.email", order: 0 }],
  }),
  readPhoneLabel(SHARED, {
    users: [
      { label: "Admin (Alice)", email: "admin@atko.email", order: 1 },
      { label: "member@atko.email", email: "member@atko.email", order: 2 },
    ],
  }),
];
const code = {
  recipient: "+61400000001",
  label: "owner@atko.email",
  code: "123456",
  user: { email: "owner@atko.email" },
};
const whoIs = (value: string) => {
  const target = parseTarget(value);
  if (target.kind !== "user") throw new Error("not a user target");
  return { target, who: targetPerson(target, labels) };
};
const matches = (c: Parameters<typeof codeMatches>[0], value: string) => {
  const { target, who } = whoIs(value);
  return codeMatches(c, target, who);
};

describe("parseTarget", () => {
  it("reads numbers and users, and rejects a malformed number", () => {
    expect(parseTarget("+61400000001")).toEqual({ kind: "number", phoneNumber: "+61400000001" });
    expect(parseTarget(" Owner@Atko.email ")).toEqual({ kind: "user", user: "owner@atko.email" });
    expect(() => parseTarget("+0400")).toThrow("not an E.164 phone number");
  });
});

describe("codeMatches", () => {
  it("matches by number", () => {
    expect(codeMatches(code, parseTarget("+61400000001"))).toBe(true);
    expect(codeMatches(code, parseTarget("+61400000002"))).toBe(false);
  });

  it("never hands out the doctor's test notice, even waited for by its own number", () => {
    const notice = { ...probeNotice("424242"), label: "" };
    expect(codeMatches(notice, parseTarget(PROBE_RECIPIENT))).toBe(false);
    expect(codeMatches({ ...notice, probe: undefined }, parseTarget(PROBE_RECIPIENT))).toBe(true);
  });

  it("matches a user by payload email or name, case-insensitively", () => {
    expect(matches(code, "OWNER@atko.email")).toBe(true);
    const byName = { ...code, label: "Alice", user: { name: "Alice" } };
    expect(matches(byName, "alice")).toBe(true);
    expect(matches(byName, "bob")).toBe(false);
  });

  it("finds a demo user by their label, and their codes by their email", () => {
    const admin = { ...code, recipient: SHARED, label: "", user: { email: "admin@atko.email" } };
    expect(matches(admin, "Admin (Alice)")).toBe(true);
    expect(matches(admin, "member@atko.email")).toBe(false);
  });

  it("never takes another person's code on the target's number", () => {
    const stray = { ...code, user: { email: "admin@atko.email" }, label: "admin@atko.email" };
    expect(matches(stray, "owner@atko.email")).toBe(false);
  });

  it("takes a code that names nobody for the demo users of its number", () => {
    const seedStyle = { recipient: SHARED, label: "Admin (Alice), member@atko.email", code: "1" };
    expect(matches(seedStyle, "member@atko.email")).toBe(true);
    expect(matches(seedStyle, "admin@atko.email")).toBe(true);
    expect(matches(seedStyle, "owner@atko.email")).toBe(false);
    // Without phoneLabels, the label stored with the code still says whose it is.
    const unlisted = { recipient: "+61400000077", label: "Zoe", code: "1" };
    expect(matches(unlisted, "zoe")).toBe(true);
  });

  it("ignores notices without a code", () => {
    expect(codeMatches({ ...code, code: "" }, parseTarget("+61400000001"))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { codeMatches, parseTarget } from "./code-target.js";

const code = { recipient: "+61400000001", label: "owner@atko.email", code: "123456" };

describe("parseTarget", () => {
  it("reads numbers and users, and rejects a malformed number", () => {
    expect(parseTarget("+61400000001")).toEqual({ kind: "number", phoneNumber: "+61400000001" });
    expect(parseTarget(" Owner@Atko.email ")).toEqual({ kind: "user", user: "owner@atko.email" });
    expect(() => parseTarget("+0400")).toThrow("not an E.164 phone number");
  });
});

describe("codeMatches", () => {
  const none = new Set<string>();
  it("matches by number", () => {
    expect(codeMatches(code, parseTarget("+61400000001"), none)).toBe(true);
    expect(codeMatches(code, parseTarget("+61400000002"), none)).toBe(false);
  });

  it("matches a user by label, payload email or name, case-insensitively", () => {
    expect(codeMatches(code, parseTarget("OWNER@atko.email"), none)).toBe(true);
    const unlabelled = { ...code, label: "", user: { name: "Alice" } };
    expect(codeMatches(unlabelled, parseTarget("alice"), none)).toBe(true);
    expect(codeMatches(unlabelled, parseTarget("bob"), none)).toBe(false);
  });

  it("matches a user through the numbers labelled for them", () => {
    const other = { ...code, label: "someone-else" };
    expect(codeMatches(other, parseTarget("owner@atko.email"), new Set(["+61400000001"]))).toBe(
      true,
    );
  });

  it("ignores notices without a code", () => {
    expect(codeMatches({ ...code, code: "" }, parseTarget("+61400000001"), none)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { parseTarget } from "./code-target.js";

describe("parseTarget", () => {
  it("reads numbers and users, and rejects a malformed number", () => {
    expect(parseTarget("+61400000001")).toEqual({ kind: "number", phoneNumber: "+61400000001" });
    expect(parseTarget(" Owner@Atko.email ")).toEqual({ kind: "user", user: "owner@atko.email" });
    expect(() => parseTarget("+0400")).toThrow("not an E.164 phone number");
    expect(() => parseTarget("  ")).toThrow("say whose code");
  });
});

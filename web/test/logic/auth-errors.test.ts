import { describe, expect, it } from "vitest";
import { describeAuthError, looksLikeEmail } from "../../src/logic/auth-errors.js";

describe("auth errors", () => {
  it("stays quiet when the user closed the popup", () => {
    expect(describeAuthError("auth/popup-closed-by-user")).toBeNull();
  });

  it("explains known failures and names unknown ones", () => {
    expect(describeAuthError("auth/invalid-action-code")).toMatch(/expired|used/);
    expect(describeAuthError("auth/something-new")).toContain("auth/something-new");
  });

  it("checks email addresses loosely", () => {
    expect(looksLikeEmail(" alice@example.com ")).toBe(true);
    expect(looksLikeEmail("alice@example")).toBe(false);
    expect(looksLikeEmail("alice example.com")).toBe(false);
  });
});

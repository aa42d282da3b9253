import { describe, expect, it } from "vitest";
import { checkBearer, parseAcceptedSecrets } from "../../src/webhook/bearer-auth.js";

describe("checkBearer", () => {
  it("accepts the configured secret", () => {
    expect(checkBearer("Bearer s3cret-value", "s3cret-value")).toBeUndefined();
  });

  it("accepts either secret during a rotation and nothing else", () => {
    expect(checkBearer("Bearer new-one", "new-one, old-one")).toBeUndefined();
    expect(checkBearer("Bearer old-one", "new-one, old-one")).toBeUndefined();
    expect(checkBearer("Bearer other", "new-one, old-one")?.status).toBe(401);
  });

  it("rejects a missing header, another scheme, and a wrong or prefixed token", () => {
    for (const header of [
      undefined,
      "",
      "Basic czNjcmV0",
      "Bearer",
      "Bearer s3cret",
      "Bearer s3cret-value2",
    ]) {
      const error = checkBearer(header, "s3cret-value");
      expect(error, String(header)).toMatchObject({ status: 401, code: "unauthorized" });
    }
  });

  it("fails closed when no secret is configured, whatever the token", () => {
    expect(checkBearer("Bearer ", "")).toMatchObject({ status: 500, code: "not_configured" });
    expect(checkBearer("Bearer anything", " , ")).toMatchObject({ code: "not_configured" });
  });

  it("never echoes the token or the secret in its message", () => {
    const error = checkBearer("Bearer guessed-token", "real-secret");
    expect(error?.message).not.toContain("guessed-token");
    expect(error?.message).not.toContain("real-secret");
  });
});

describe("parseAcceptedSecrets", () => {
  it("splits on commas and drops blanks", () => {
    expect(parseAcceptedSecrets(" a ,b,, ")).toEqual(["a", "b"]);
  });
});

import { describe, expect, it } from "vitest";
import { type AccessInputs, deriveAccess, shouldListen } from "../../src/logic/access.js";
import type { SignedInUser } from "../../src/logic/types.js";

const alice: SignedInUser = {
  uid: "u1",
  email: "alice@example.com",
  emailVerified: true,
  displayName: "Alice",
};
const base: AccessInputs = {
  authResolved: true,
  user: null,
  publicMode: false,
  listenerErrors: [],
};
const denied = { code: "permission-denied", message: "Missing or insufficient permissions." };

describe("which screen the page shows", () => {
  it("waits for auth, and for public mode when nobody is signed in", () => {
    expect(deriveAccess({ ...base, authResolved: false }).kind).toBe("loading");
    expect(deriveAccess({ ...base, publicMode: undefined }).kind).toBe("loading");
  });

  it("asks signed-out visitors to sign in unless public mode is on", () => {
    expect(deriveAccess(base).kind).toBe("signed-out");
    expect(deriveAccess({ ...base, publicMode: true })).toEqual({
      kind: "allowed",
      user: null,
      publicMode: true,
    });
  });

  it("falls back to sign-in when public mode is claimed but reads are refused", () => {
    expect(deriveAccess({ ...base, publicMode: true, listenerErrors: [denied] }).kind).toBe(
      "signed-out",
    );
  });

  it("shows a signed-in user the inbox until Firestore refuses", () => {
    expect(deriveAccess({ ...base, user: alice })).toEqual({
      kind: "allowed",
      user: alice,
      publicMode: false,
    });
    expect(deriveAccess({ ...base, user: alice, listenerErrors: [null, denied] })).toEqual({
      kind: "not-allowed",
      user: alice,
    });
    const other = { code: "unavailable", message: "x" };
    expect(deriveAccess({ ...base, user: alice, listenerErrors: [other] }).kind).toBe("allowed");
  });

  it("does not wait for config/public once someone is signed in", () => {
    expect(deriveAccess({ ...base, user: alice, publicMode: undefined }).kind).toBe("allowed");
  });

  it("listens only when someone may read", () => {
    expect(shouldListen({ authResolved: false, user: alice, publicMode: true })).toBe(false);
    expect(shouldListen({ authResolved: true, user: null, publicMode: false })).toBe(false);
    expect(shouldListen({ authResolved: true, user: null, publicMode: undefined })).toBe(false);
    expect(shouldListen({ authResolved: true, user: null, publicMode: true })).toBe(true);
    expect(shouldListen({ authResolved: true, user: alice, publicMode: undefined })).toBe(true);
  });
});

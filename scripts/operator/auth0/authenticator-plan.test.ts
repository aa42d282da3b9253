// What enrolment decides for one user's authenticator, from Auth0's totp
// methods and the inbox's record: which one is ours, what --reset may
// replace, and what is only ever reported.
import { AUTHENTICATOR_METHOD_NAME } from "functions/contract/authenticator";
import { describe, expect, it } from "vitest";
import { type AuthenticatorPlanInput, planAuthenticator } from "./authenticator-plan.js";

const ours = { id: "totp|dev_ours", name: AUTHENTICATOR_METHOD_NAME };
const foreign = { id: "totp|dev_phone", name: "Alice's phone" };
const enrolled = { source: "enrolled" as const, methodId: ours.id, hasSecret: true };
const added = { source: "added" as const, hasSecret: true };

const plan = (input: Partial<AuthenticatorPlanInput>) =>
  planAuthenticator({ methods: [], inbox: undefined, reset: false, dryRun: false, ...input });

describe("planAuthenticator", () => {
  it("enrols a user with no authenticator anywhere, and says so in a dry run", () => {
    expect(plan({})).toEqual({
      kind: "enrol",
      status: "enrolled",
      remove: [],
      replaceInbox: false,
      detail: "enrolled with an authenticator",
    });
    expect(plan({ dryRun: true }).detail).toBe("would be enrolled with an authenticator");
  });

  it("keeps ours: our name, and the inbox holds a secret recorded with that method id", () => {
    expect(plan({ methods: [ours], inbox: enrolled })).toEqual({
      kind: "keep",
      status: "already-enrolled",
      detail: "already has the inbox's authenticator",
    });
  });

  it("replaces ours on --reset, removing the old method first", () => {
    expect(plan({ methods: [ours], inbox: enrolled, reset: true })).toMatchObject({
      kind: "enrol",
      status: "re-enrolled",
      remove: [ours],
      replaceInbox: true,
      detail: "re-enrolled with a new authenticator secret (removed totp|dev_ours)",
    });
  });

  it("reports a method with our name the inbox cannot vouch for, and --reset replaces it", () => {
    for (const inbox of [
      undefined,
      { ...enrolled, methodId: "totp|dev_other" },
      { source: "enrolled" as const, hasSecret: true },
    ]) {
      expect(plan({ methods: [ours], inbox })).toMatchObject({
        kind: "refuse",
        status: "unknown-to-inbox",
        detail: expect.stringMatching(/the inbox holds no secret for it.*run with --reset/),
      });
      expect(plan({ methods: [ours], inbox, reset: true })).toMatchObject({
        kind: "enrol",
        remove: [ours],
      });
    }
    expect(plan({ methods: [ours], inbox: { ...enrolled, hasSecret: false } }).detail).toMatch(
      /the inbox has its record but has lost its secret/,
    );
  });

  it("never replaces another authenticator, not even with --reset", () => {
    for (const reset of [false, true]) {
      for (const methods of [[foreign], [foreign, ours]]) {
        const decision = plan({ methods, inbox: enrolled, reset });
        expect(decision).toMatchObject({ kind: "refuse", status: "foreign" });
        expect(decision.detail).toMatch(
          /the inbox did not enrol \(“Alice's phone”, totp\|dev_phone.*never replaced, not even with --reset/,
        );
      }
    }
    expect(plan({ methods: [{ id: "totp|dev_x" }] }).detail).toMatch(/\(no name, totp\|dev_x\)/);
  });

  it("leaves another authenticator alone when its secret was added by hand", () => {
    expect(plan({ methods: [foreign], inbox: added, reset: true })).toMatchObject({
      kind: "keep",
      status: "kept-added",
    });
  });

  it("will not overwrite a secret added by hand without --reset, even when Auth0 has no method", () => {
    expect(plan({ inbox: added })).toMatchObject({ kind: "refuse", status: "stale-added" });
    expect(plan({ inbox: added, reset: true })).toMatchObject({
      kind: "enrol",
      status: "enrolled",
      replaceInbox: true,
    });
  });

  it("replaces the inbox's own record when Auth0 no longer has its method", () => {
    expect(plan({ inbox: enrolled })).toMatchObject({
      kind: "enrol",
      status: "enrolled",
      remove: [],
      replaceInbox: true,
      detail:
        "enrolled with an authenticator (the inbox's earlier record replaced: Auth0 no longer has that authenticator)",
    });
  });
});

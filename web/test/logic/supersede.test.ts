import { describe, expect, it } from "vitest";
import { supersededIds } from "../../src/logic/supersede.js";
import { makeCode, makeEmailCode, T0 } from "../support/codes.js";

describe("superseded codes", () => {
  it("marks every older code of the same owner, not the newest", () => {
    const first = makeCode({ receivedAt: T0 });
    const second = makeCode({ receivedAt: T0 + 1000 });
    const third = makeCode({ receivedAt: T0 + 2000 });
    expect(supersededIds([third, first, second])).toEqual(new Set([first.id, second.id]));
  });

  it("keeps two users of one shared number apart", () => {
    const alice = makeCode({ user: { email: "alice@atko.email" }, receivedAt: T0 });
    const bob = makeCode({ user: { email: "bob@atko.email" }, receivedAt: T0 + 1000 });
    expect(supersededIds([alice, bob]).size).toBe(0);
  });

  it("supersedes a user's older code by their newer one, even from another number", () => {
    const first = makeCode({
      recipient: "+61400000001",
      user: { email: "a@x.io" },
      receivedAt: T0,
    });
    const again = makeCode({
      recipient: "+61400000002",
      user: { email: "A@x.io" },
      receivedAt: T0 + 1,
    });
    expect(supersededIds([first, again])).toEqual(new Set([first.id]));
  });

  it("judges codes that name nobody by their number, and never against a named user's", () => {
    const seedOld = makeCode({ receivedAt: T0 });
    const named = makeCode({ user: { email: "a@x.io" }, receivedAt: T0 + 1000 });
    const seedNew = makeCode({ receivedAt: T0 + 2000 });
    expect(supersededIds([seedOld, named, seedNew])).toEqual(new Set([seedOld.id]));
  });

  it("keeps numbers apart", () => {
    const alice = makeCode({ recipient: "+61400000001", receivedAt: T0 });
    const bob = makeCode({ recipient: "+61400000002", receivedAt: T0 + 1000 });
    expect(supersededIds([alice, bob]).size).toBe(0);
  });

  it("ignores notices without a code, in both directions", () => {
    const code = makeCode({ receivedAt: T0 });
    const notice = makeCode({ code: "", messageType: "blocked_account", receivedAt: T0 + 1000 });
    expect(supersededIds([code, notice]).size).toBe(0);
  });

  it("lets a person's email code supersede only their older email codes, not their SMS code", () => {
    const sms = makeCode({ user: { email: "alice@example.com" }, receivedAt: T0 });
    const oldEmail = makeEmailCode("111111", { receivedAt: T0 + 1000 });
    const newEmail = makeEmailCode("222222", { receivedAt: T0 + 2000 });
    expect(supersededIds([sms, oldEmail, newEmail])).toEqual(new Set([oldEmail.id]));
  });
});

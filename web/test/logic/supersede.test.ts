import { describe, expect, it } from "vitest";
import { supersededIds } from "../../src/logic/supersede.js";
import { makeCode, T0 } from "../support/codes.js";

describe("superseded codes", () => {
  it("marks every older code for the same number, not the newest", () => {
    const first = makeCode({ receivedAt: T0 });
    const second = makeCode({ receivedAt: T0 + 1000 });
    const third = makeCode({ receivedAt: T0 + 2000 });
    expect(supersededIds([third, first, second])).toEqual(new Set([first.id, second.id]));
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
});

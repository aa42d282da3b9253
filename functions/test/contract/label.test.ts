import { describe, expect, it } from "vitest";
import { codeOwner, ownerKey } from "../../src/contract/label.js";
import { readPhoneLabel } from "../../src/contract/phone-labels.js";

const N = "+61400000002";
const shared = readPhoneLabel(N, {
  users: [
    { label: "admin@atko.email", email: "admin@atko.email", order: 1 },
    { label: "owner@atko.email", email: "owner@atko.email", order: 0 },
  ],
});

describe("codeOwner", () => {
  it("is the payload's user, email first, whatever the number's label says", () => {
    expect(
      codeOwner({ recipient: N, user: { email: "Owner@atko.email", name: "O" } }, shared),
    ).toEqual({
      key: "user:owner@atko.email",
      name: "owner@atko.email",
      fromPayload: true,
      email: "owner@atko.email",
    });
    expect(codeOwner({ recipient: N, user: { name: " Olivia " } }, shared)).toEqual({
      key: "user:olivia",
      name: "Olivia",
      fromPayload: true,
    });
  });

  it("falls back to the number's demo users when the payload names nobody (the seed's Action)", () => {
    expect(codeOwner({ recipient: N }, shared)).toEqual({
      key: `number:${N}`,
      name: "owner@atko.email, admin@atko.email",
      fromPayload: false,
    });
    expect(codeOwner({ recipient: N, user: { email: " ", name: "" } }, shared).fromPayload).toBe(
      false,
    );
  });

  it("then to the label stored with the code, then to nobody", () => {
    expect(codeOwner({ recipient: N, label: "Alice" }, undefined).name).toBe("Alice");
    expect(codeOwner({ recipient: N, label: "" }, undefined).name).toBe("");
  });

  it("groups codes by person, or by number when the person is unknown", () => {
    expect(ownerKey({ recipient: "+1", user: { email: "A@x.io" } })).toBe(
      ownerKey({ recipient: "+2", user: { email: "a@x.io" } }),
    );
    expect(ownerKey({ recipient: N })).not.toBe(
      ownerKey({ recipient: N, user: { email: "a@x.io" } }),
    );
  });
});

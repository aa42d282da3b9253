import { describe, expect, it } from "vitest";
import { codeOwner, ownerKey, ownerNames } from "../../src/contract/label.js";
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

describe("ownerNames (what the codes API's user= matches)", () => {
  const shared = readPhoneLabel("+61400000005", {
    users: [
      { label: "Alice", email: "alice@example.com", order: 0 },
      { label: "Bob", email: "bob@example.com", order: 1 },
    ],
    seen: { u_1: { label: "Carol Seen", email: "carol@example.com", firstSeenAt: 5 } },
  });

  it("answers a named payload to its email, its name and the label the file gives that user", () => {
    const code = {
      recipient: "+61400000005",
      user: { email: "Alice@Example.com", name: "A. Smith" },
    };
    expect(ownerNames(code, shared).sort()).toEqual(["a. smith", "alice", "alice@example.com"]);
  });

  it("never answers a named payload to the number's other demo users", () => {
    const names = ownerNames(
      { recipient: "+61400000005", user: { email: "bob@example.com" } },
      shared,
    );
    expect(names).not.toContain("alice");
    expect(names).not.toContain("alice@example.com");
    expect(names).toContain("bob");
  });

  it("answers a payload that names nobody to every demo user of the number, never to seen people", () => {
    const names = ownerNames({ recipient: "+61400000005" }, shared);
    expect(names.sort()).toEqual(["alice", "alice@example.com", "bob", "bob@example.com"]);
  });

  it("finds a seen person's label by their email", () => {
    const names = ownerNames(
      { recipient: "+61400000005", user: { email: "carol@example.com" } },
      shared,
    );
    expect(names.sort()).toEqual(["carol seen", "carol@example.com"]);
  });

  it("falls back to the stored label, and to nothing, for unknown numbers", () => {
    expect(ownerNames({ recipient: "+1555", label: "Front Desk" }, undefined)).toEqual([
      "front desk",
    ]);
    expect(ownerNames({ recipient: "+1555" }, undefined)).toEqual([]);
  });
});

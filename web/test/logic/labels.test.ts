import { describe, expect, it } from "vitest";
import { directory, displayLabel } from "../../src/logic/labels.js";
import { demoLabels, makeCode, makeEmailCode } from "../support/codes.js";

const SHARED = "+61400000002";
const names = directory(
  demoLabels([
    { phoneNumber: "+61400000001", label: "owner@atko.email", email: "owner@atko.email" },
    { phoneNumber: SHARED, label: "admin@atko.email", email: "admin@atko.email" },
    { phoneNumber: SHARED, label: "Member (Mo)", email: "member@atko.email" },
  ]),
);

describe("who a code is shown as", () => {
  it("is the payload's user, not the number's label (send-code --to another user's number)", () => {
    const stray = makeCode({
      recipient: SHARED,
      label: "owner@atko.email",
      user: { email: "owner@atko.email" },
    });
    expect(displayLabel(stray, names)).toEqual({ primary: "owner@atko.email" });
  });

  it("shows a demo user by their label from the file, with their email beside it", () => {
    const code = makeCode({ recipient: SHARED, user: { email: "Member@atko.email" } });
    expect(displayLabel(code, names)).toEqual({
      primary: "Member (Mo)",
      secondary: "member@atko.email",
    });
  });

  it("shows a user who is nobody's demo user by their email, else their name", () => {
    expect(displayLabel(makeCode({ user: { email: "x@y.io", name: "X" } }), names)).toEqual({
      primary: "x@y.io",
    });
    expect(displayLabel(makeCode({ user: { name: "Xavier" } }), names)).toEqual({
      primary: "Xavier",
    });
  });

  it("falls back to the number's demo users when the payload names nobody (the seed's Action)", () => {
    expect(displayLabel(makeCode({ recipient: "+61400000001" }), names)).toEqual({
      primary: "owner@atko.email",
    });
    expect(displayLabel(makeCode({ recipient: SHARED }), names)).toEqual({
      primary: "admin@atko.email, Member (Mo)",
    });
  });

  it("then to the label stored with the code, then to nothing", () => {
    expect(displayLabel(makeCode({ recipient: "+1555", label: "x@y.z" }), names)).toEqual({
      primary: "x@y.z",
    });
    expect(displayLabel(makeCode({ recipient: "+1555", label: "" }), names)).toEqual({
      primary: "",
    });
  });

  it("reads older {label} documents through the contract's normaliser", () => {
    const legacy = directory([
      {
        phoneNumber: "+1555",
        users: [{ label: "Alice", order: Number.MAX_SAFE_INTEGER }],
        seen: [],
      },
    ]);
    expect(displayLabel(makeCode({ recipient: "+1555" }), legacy)).toEqual({ primary: "Alice" });
  });

  it("shows an email that names nobody as its address, or as the demo user it belongs to", () => {
    expect(
      displayLabel(makeEmailCode("1234", { recipient: "guest@elsewhere.test" }), names),
    ).toEqual({ primary: "guest@elsewhere.test" });
    expect(displayLabel(makeEmailCode("1234", { recipient: "member@atko.email" }), names)).toEqual({
      primary: "Member (Mo)",
      secondary: "member@atko.email",
    });
  });
});

import { describe, expect, it } from "vitest";
import type { OtpWebhookPayload } from "../../src/contract/webhook-payload.js";
import { documentIdForKey, expiryFrom, toStoredCode } from "../../src/webhook/to-document.js";

const base: OtpWebhookPayload = {
  recipient: "+61400000001",
  code: "123456",
  messageText: "Your code is 123456",
  messageType: "otp_verify",
  deliveryMethod: "text",
};
const times = { receivedAt: 1, expireAt: 2 };

describe("toStoredCode", () => {
  it("labels with the payload's email first, then name, then the configured label", () => {
    expect(
      toStoredCode({ ...base, user: { email: "a@x.io", name: "A" } }, "cfg", times).label,
    ).toBe("a@x.io");
    expect(toStoredCode({ ...base, user: { name: "A" } }, "cfg", times).label).toBe("A");
    expect(toStoredCode(base, "owner@atko.email", times).label).toBe("owner@atko.email");
    expect(toStoredCode(base, undefined, times).label).toBe("");
  });

  it("stores an empty code for notices and omits absent context fields", () => {
    const { code: _code, ...notice } = base;
    const doc = toStoredCode({ ...notice, messageType: "blocked_account" }, undefined, times);
    expect(doc.code).toBe("");
    expect(Object.keys(doc).sort()).toEqual(
      [
        "code",
        "deliveryMethod",
        "expireAt",
        "label",
        "messageText",
        "messageType",
        "receivedAt",
        "recipient",
      ].sort(),
    );
  });

  it("keeps the context fields when present", () => {
    const doc = toStoredCode(
      { ...base, locale: "en_US", tenant: "t", client: { name: "App" } },
      undefined,
      times,
    );
    expect(doc).toMatchObject({ locale: "en_US", tenant: "t", client: { name: "App" } });
  });
});

describe("documentIdForKey", () => {
  it("is stable per key and differs between keys", () => {
    expect(documentIdForKey("abc")).toBe(documentIdForKey("abc"));
    expect(documentIdForKey("abc")).not.toBe(documentIdForKey("abd"));
    expect(documentIdForKey("x")).toMatch(/^k_[0-9a-f]{40}$/);
  });
});

describe("expiryFrom", () => {
  it("adds the retention in minutes", () => {
    expect(expiryFrom(1_000, 10)).toBe(601_000);
  });
});

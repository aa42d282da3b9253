import { describe, expect, it } from "vitest";
import { readPhoneLabel } from "../../src/contract/phone-labels.js";
import { isProbe, PROBE_RECIPIENT, probeNotice } from "../../src/contract/probe.js";
import {
  type OtpWebhookPayload,
  otpWebhookPayloadSchema,
} from "../../src/contract/webhook-payload.js";
import {
  documentIdForKey,
  expiryFrom,
  knownOnNumber,
  newPerson,
  personDocId,
  toStoredCode,
} from "../../src/webhook/to-document.js";

const base: OtpWebhookPayload = {
  recipient: "+61400000001",
  code: "123456",
  messageText: "Your code is 123456",
  messageType: "otp_verify",
  deliveryMethod: "text",
};
const times = { receivedAt: 1, expireAt: 2 };
const owner = readPhoneLabel("+61400000001", {
  users: [{ label: "owner@atko.email", email: "owner@atko.email", order: 0 }],
});
const shared = readPhoneLabel("+61400000001", {
  users: [
    { label: "Alice", email: "alice@atko.email", order: 0 },
    { label: "Bob", email: "bob@atko.email", order: 1 },
  ],
  seen: { u_1: { label: "carol@atko.email", email: "carol@atko.email", firstSeenAt: 5 } },
});

describe("toStoredCode", () => {
  it("labels with the payload's email first, then name, then the number's demo users", () => {
    expect(
      toStoredCode({ ...base, user: { email: "a@x.io", name: "A" } }, owner, times).label,
    ).toBe("a@x.io");
    expect(toStoredCode({ ...base, user: { name: "A" } }, owner, times).label).toBe("A");
    expect(toStoredCode(base, owner, times).label).toBe("owner@atko.email");
    expect(toStoredCode(base, shared, times).label).toBe("Alice, Bob");
    expect(toStoredCode(base, undefined, times).label).toBe("");
  });

  it("never names a number after someone it merely saw", () => {
    const seenOnly = readPhoneLabel("+61400000001", {
      seen: { u_1: { label: "owner@atko.email", email: "owner@atko.email", firstSeenAt: 5 } },
    });
    expect(toStoredCode(base, seenOnly, times).label).toBe("");
  });

  it("stores an empty code for notices and omits absent context fields", () => {
    const { code: _code, ...notice } = base;
    const doc = toStoredCode({ ...notice, messageType: "blocked_account" }, undefined, times);
    expect(doc.code).toBe("");
    expect(Object.keys(doc).sort()).toEqual(
      [
        "channel",
        "code",
        "deliveryMethod",
        "expireAt",
        "label",
        "messageText",
        "messageType",
        "owners",
        "receivedAt",
        "recipient",
      ].sort(),
    );
  });

  it("names the channel: sms for a text, voice for a call", () => {
    expect(toStoredCode(base, undefined, times).channel).toBe("sms");
    expect(toStoredCode({ ...base, deliveryMethod: "voice" }, undefined, times).channel).toBe(
      "voice",
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

  it("marks the doctor's test notice, and only it", () => {
    const notice = otpWebhookPayloadSchema.parse(probeNotice("424242"));
    const stored = toStoredCode(notice, undefined, times);
    expect(stored).toMatchObject({ recipient: PROBE_RECIPIENT, code: "424242", probe: true });
    expect(isProbe(stored)).toBe(true);
    expect("probe" in toStoredCode(base, undefined, times)).toBe(false);
  });
});

describe("knownOnNumber and newPerson", () => {
  it("knows a demo user of the number and someone an older webhook saw on it, by identity", () => {
    expect(knownOnNumber({ label: "bob@atko.email", email: "bob@atko.email" }, shared)).toBe(true);
    expect(knownOnNumber({ label: "carol@atko.email", email: "carol@atko.email" }, shared)).toBe(
      true,
    );
    expect(knownOnNumber({ label: "dave@atko.email", email: "dave@atko.email" }, shared)).toBe(
      false,
    );
    expect(knownOnNumber({ label: "Eve" }, undefined)).toBe(false);
  });

  it("notes who they are, where their first code went and the payload's Auth0 user id", () => {
    expect(
      newPerson(
        { label: "dave@atko.email", email: "dave@atko.email" },
        { phoneNumber: "+61400000001", userId: " auth0|dave " },
        7,
      ),
    ).toEqual({
      label: "dave@atko.email",
      email: "dave@atko.email",
      phoneNumber: "+61400000001",
      userId: "auth0|dave",
      firstSeenAt: 7,
    });
    // An email's person has no number; absent context stays absent (Firestore rejects undefined).
    expect(newPerson({ label: "Eve" }, { userId: undefined }, 7)).toEqual({
      label: "Eve",
      firstSeenAt: 7,
    });
  });

  it("keys one document per identity, whatever the case of the address", () => {
    expect(personDocId({ label: "x", email: "Dave@Atko.email" })).toBe(
      personDocId({ label: "dave@atko.email", email: "dave@atko.email" }),
    );
    expect(personDocId({ label: "a.b/c" })).toMatch(/^p_[0-9a-f]{32}$/);
    expect(personDocId({ label: "Eve" })).not.toBe(personDocId({ label: "Eva" }));
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

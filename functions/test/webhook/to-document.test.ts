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
  MAX_SEEN_PER_NUMBER,
  newSeenUser,
  seenKey,
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

describe("newSeenUser", () => {
  const named = (user: OtpWebhookPayload["user"]) => ({ ...base, user });

  it("records a person the number does not know, keyed by who they are", () => {
    const seen = newSeenUser(named({ email: "Dave@Atko.email", name: "Dave" }), shared, 7);
    expect(seen).toEqual({
      key: seenKey("dave@atko.email"),
      user: { label: "dave@atko.email", email: "dave@atko.email", firstSeenAt: 7 },
    });
    expect(newSeenUser(named({ name: "Eve" }), undefined, 7)?.user).toEqual({
      label: "Eve",
      firstSeenAt: 7,
    });
  });

  it("writes nothing for a demo user of the number, someone already seen, or nobody", () => {
    expect(newSeenUser(named({ email: "BOB@atko.email" }), shared, 7)).toBeUndefined();
    expect(newSeenUser(named({ email: "carol@atko.email" }), shared, 7)).toBeUndefined();
    expect(newSeenUser(base, shared, 7)).toBeUndefined();
  });

  it("stops growing a number's seen list at its cap", () => {
    const full = readPhoneLabel("+61400000001", {
      seen: Object.fromEntries(
        Array.from({ length: MAX_SEEN_PER_NUMBER }, (_, i) => [
          `u_${i}`,
          { label: `user${i}@atko.email`, firstSeenAt: i },
        ]),
      ),
    });
    expect(newSeenUser(named({ email: "late@atko.email" }), full, 7)).toBeUndefined();
  });

  it("keys a field name Firestore takes as is", () => {
    expect(seenKey("a.b@c.d")).toMatch(/^u_[0-9a-f]{24}$/);
    expect(seenKey("x")).toBe(seenKey("x"));
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

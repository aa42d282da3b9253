import { describe, expect, it } from "vitest";
import { instantFromMillis, laterOf, newestLive, toAnswer } from "../../src/codes-api/answer.js";
import type { FoundCode } from "../../src/codes-api/code-finder.js";

const code = (id: string, receivedAt: number, expireAt: number): FoundCode => ({
  id,
  code: "123456",
  recipient: "+61400000001",
  label: "owner@atko.email",
  messageType: "otp_verify",
  deliveryMethod: "text",
  channel: "sms",
  receivedAt,
  expireAt,
});

describe("newestLive", () => {
  it("picks the newest code that has not expired, even when Firestore's TTL has not deleted the rest", () => {
    const codes = [
      code("old", 1_000, 9_000),
      code("newest-expired", 3_000, 4_000),
      code("new", 2_000, 9_000),
    ];
    expect(newestLive(codes, 5_000)?.id).toBe("new");
    expect(newestLive(codes, 9_000)).toBeUndefined();
  });
});

describe("toAnswer", () => {
  it("gives times as ISO strings and nothing the API does not promise", () => {
    expect(toAnswer(code("a", Date.UTC(2026, 11, 1, 10), Date.UTC(2026, 11, 1, 10, 10)))).toEqual({
      id: "a",
      code: "123456",
      recipient: "+61400000001",
      label: "owner@atko.email",
      messageType: "otp_verify",
      deliveryMethod: "text",
      channel: "sms",
      receivedAt: "2026-12-01T10:00:00.000Z",
      expireAt: "2026-12-01T10:10:00.000Z",
    });
  });
});

describe("toAnswer for an email", () => {
  const email = (mainLink: boolean): FoundCode => {
    const verify = {
      url: "https://tenant.auth0.com/u/email-verification?ticket=abc#",
      text: "Verify",
    };
    return {
      ...code("e", Date.UTC(2026, 11, 1, 10), Date.UTC(2026, 11, 1, 10, 10)),
      code: mainLink ? "" : "482913",
      recipient: "alice@example.com",
      messageType: mainLink ? "verify_email" : "mfa_oob_code",
      deliveryMethod: "email",
      channel: "email",
      email: {
        subject: mainLink ? "Verify your email" : "Your code",
        from: "no-reply@example.com",
        links: mainLink ? [verify, { url: "https://example.com/help", text: "Help" }] : [],
        mainLink: mainLink ? verify : null,
        linksTruncated: false,
      },
    };
  };

  it("adds the subject, every link and the main link to a link email; its code is empty", () => {
    expect(toAnswer(email(true))).toMatchObject({
      channel: "email",
      deliveryMethod: "email",
      code: "",
      subject: "Verify your email",
      links: [
        { url: "https://tenant.auth0.com/u/email-verification?ticket=abc#", text: "Verify" },
        { url: "https://example.com/help", text: "Help" },
      ],
      link: { url: "https://tenant.auth0.com/u/email-verification?ticket=abc#", text: "Verify" },
    });
  });

  it("gives a code email's code, and no link when it asks for no click", () => {
    const answer = toAnswer(email(false));
    expect(answer).toMatchObject({ code: "482913", subject: "Your code", links: [] });
    expect(answer).not.toHaveProperty("link");
    // The sender is the inbox's business, not the API's promise.
    expect(answer).not.toHaveProperty("from");
  });
});

describe("laterOf", () => {
  it("takes the later bound, to the nanosecond", () => {
    const a = { seconds: 10, nanoseconds: 500 };
    const b = { seconds: 10, nanoseconds: 499 };
    expect(laterOf(a, b)).toBe(a);
    expect(laterOf(b, a)).toBe(a);
    expect(laterOf(undefined, b)).toBe(b);
    expect(instantFromMillis(10_250)).toEqual({ seconds: 10, nanoseconds: 250_000_000 });
  });
});

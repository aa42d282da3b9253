import { describe, expect, it } from "vitest";
import { parseCodeQuery } from "../../src/codes-api/parse-query.js";

const parse = (query: string) => parseCodeQuery(new URLSearchParams(query));
const refusal = (query: string) => {
  const result = parse(query);
  if (result.ok) throw new Error(`accepted ${query}`);
  return result.error;
};

describe("parseCodeQuery", () => {
  it("reads a user wait with its defaults: no wait, phone codes only, the two OTP types", () => {
    expect(parse("user=%20Owner@Atko.Email%20")).toEqual({
      ok: true,
      query: {
        whose: { kind: "user", name: "owner@atko.email" },
        waitSeconds: 0,
        channels: ["sms", "voice"],
        types: ["otp_verify", "otp_enroll"],
      },
    });
  });

  it("selects one channel; an email wait takes every email type unless told", () => {
    for (const channel of ["sms", "voice"]) {
      const result = parse(`user=a&channel=${channel}`);
      expect(result.ok && result.query).toMatchObject({
        channels: [channel],
        types: ["otp_verify", "otp_enroll"],
      });
    }
    const email = parse("user=alice@example.com&channel=email&wait=30");
    expect(email.ok && email.query).toMatchObject({ channels: ["email"], types: "any" });
  });

  it("accepts any email message type with channel=email, passwordless' undocumented one too", () => {
    const result = parse(
      "user=alice@example.com&channel=email&type=verify_email&type=mfa_oob_code,passwordless.link-v2",
    );
    expect(result.query?.types).toEqual(["verify_email", "mfa_oob_code", "passwordless.link-v2"]);
  });

  it("finds an email by the address it was sent to", () => {
    const result = parse("recipient=%20Alice@Example.com&channel=email");
    expect(result.query?.whose).toEqual({
      kind: "address",
      address: "alice@example.com",
    });
  });

  it("reads a number, a wait, a cursor, a time and a list of types", () => {
    const result = parse(
      "recipient=%2B61400000001&wait=30&after=k_abc&since=2026-12-01T10:00:00.5Z&type=otp_verify,blocked_account",
    );
    expect(result).toEqual({
      ok: true,
      query: {
        whose: { kind: "recipient", phoneNumber: "+61400000001" },
        waitSeconds: 30,
        after: "k_abc",
        since: Date.parse("2026-12-01T10:00:00.5Z"),
        channels: ["sms", "voice"],
        types: ["otp_verify", "blocked_account"],
      },
    });
  });

  it("accepts epoch milliseconds and repeated type parameters", () => {
    const result = parse(
      "user=a&since=1764583200000&type=otp_verify&type=otp_enroll&type=otp_verify",
    );
    expect(result.query?.since).toBe(1764583200000);
    expect(result.query?.types).toEqual(["otp_verify", "otp_enroll"]);
  });

  it.each([
    ["", "user"],
    ["user=a&recipient=%2B61400000001", "user"],
    ["user=%20%20", "user"],
    [`user=${"x".repeat(201)}`, "user"],
    ["recipient=61400000001", "recipient"],
    ["recipient=+61400000001", "recipient"], // an unencoded + arrives as a space
    ["recipient=%2B0123", "recipient"],
    ["user=a&wait=999", "wait"],
    ["user=a&wait=-1", "wait"],
    ["user=a&wait=1.5", "wait"],
    ["user=a&wait=", "wait"],
    ["user=a&since=yesterday", "since"],
    ["user=a&since=2026-12-01", "since"],
    ["user=a&since=2026-13-01T00:00:00Z", "since"],
    ["user=a&since=1764583200", "since"],
    ["user=a&after=../otpCodes", "after"],
    ["user=a&type=sms", "type"],
    ["user=a&type=", "type"],
    ["user=a&user=b", "user"],
    ["user=a&reciepient=%2B61400000001", "reciepient"],
    ["user=a&channel=SMS", "channel"],
    ["user=a&channel=totp", "channel"],
    ["user=a&channel=", "channel"],
    ["user=a&channel=sms&channel=email", "channel"],
    ["user=a&channel=sms,email", "channel"],
    // Email types only with channel=email: a phone wait for one would never end.
    ["user=a&type=verify_email", "type"],
    ["user=a&channel=sms&type=mfa_oob_code", "type"],
    ["user=a&channel=email&type=verify email", "type"],
    ["user=a&channel=email&type=", "type"],
    [`user=a&channel=email&type=${"x".repeat(65)}`, "type"],
    [
      `user=a&channel=email&type=${Array.from({ length: 11 }, (_, i) => `t${i}`).join(",")}`,
      "type",
    ],
    ["recipient=alice@example.com", "recipient"],
    ["recipient=%2B61400000001&channel=email", "recipient"],
  ])("refuses %s naming %s", (query, parameter) => {
    const error = refusal(query);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_parameter");
    expect(error.message.startsWith(`${parameter}: `)).toBe(true);
  });

  it("tells a caller who asks for an email's type without channel=email to add it", () => {
    expect(refusal("user=a&type=verify_email").message).toMatch(/channel email/);
    expect(refusal("recipient=alice@example.com").message).toMatch(/add channel=email/);
  });

  it("says epoch seconds are not milliseconds", () => {
    expect(refusal("user=a&since=1764583200").message).toMatch(/seconds/);
  });
});

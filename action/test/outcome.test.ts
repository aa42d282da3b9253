import { describe, expect, it } from "vitest";
import { webhookTarget } from "../src/deliver.js";
import { maskRecipient, outcomeForAnswer, outcomeForFailure, redact } from "../src/outcome.js";

describe("outcomeForAnswer", () => {
  it.each([200, 201])("treats %i with a stored id as delivered", (status) => {
    expect(outcomeForAnswer({ status, id: "abc" })).toEqual({
      kind: "delivered",
      status,
      id: "abc",
    });
  });

  it("drops a 200 without an id: a web page answered, not the webhook", () => {
    expect(outcomeForAnswer({ status: 200 })).toMatchObject({
      kind: "drop",
      reason: /not as the webhook does .*\/api\/otp/,
    });
  });

  it.each([408, 425, 429, 500, 502, 503, 504])("retries on %i", (status) => {
    expect(outcomeForAnswer({ status }).kind).toBe("retry");
  });

  it.each([
    [401, /OTP_WEBHOOK_SECRET/],
    [403, /OTP_WEBHOOK_SECRET/],
    [404, /OTP_WEBHOOK_URL.*\/api\/otp/],
    [405, /OTP_WEBHOOK_URL/],
    [400, /rejected the notification/],
    [413, /too large/],
    [418, /refused the notification/],
  ])("drops on %i with a reason naming the fix", (status, reason) => {
    const outcome = outcomeForAnswer({ status, errorCode: "x", errorMessage: "y" });
    expect(outcome.kind).toBe("drop");
    expect(outcome.kind !== "delivered" && outcome.reason).toMatch(reason);
  });

  it("drops a redirect and says where it points", () => {
    const outcome = outcomeForAnswer({ status: 301, location: "https://example.web.app/api/otp" });
    expect(outcome).toMatchObject({ kind: "drop", reason: /redirects.*example\.web\.app/ });
  });
});

describe("outcomeForFailure", () => {
  it("retries a timeout and says how long it waited", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    expect(outcomeForFailure(timeout, 2500)).toMatchObject({ kind: "retry", reason: /2500 ms/ });
  });

  it("retries a network failure and names the socket error", () => {
    const error = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    });
    expect(outcomeForFailure(error, 1000)).toMatchObject({ kind: "retry", reason: /ECONNREFUSED/ });
  });
});

describe("webhookTarget", () => {
  const secrets = {
    OTP_WEBHOOK_URL: "https://inbox.example/api/otp",
    OTP_WEBHOOK_SECRET: "s3cret-value",
  };

  it("names every missing secret", () => {
    expect(webhookTarget({})).toMatchObject({
      ok: false,
      reason: /secrets OTP_WEBHOOK_URL and OTP_WEBHOOK_SECRET are missing/,
    });
    expect(webhookTarget({ OTP_WEBHOOK_URL: secrets.OTP_WEBHOOK_URL })).toMatchObject({
      ok: false,
      reason: /OTP_WEBHOOK_SECRET is missing/,
    });
    expect(webhookTarget(undefined)).toMatchObject({ ok: false });
  });

  it("refuses a URL that is not https, except on this machine", () => {
    expect(
      webhookTarget({ ...secrets, OTP_WEBHOOK_URL: "http://inbox.example/api/otp" }),
    ).toMatchObject({
      ok: false,
      reason: /https/,
    });
    expect(webhookTarget({ ...secrets, OTP_WEBHOOK_URL: "inbox.example/api/otp" })).toMatchObject({
      ok: false,
      reason: /not a URL/,
    });
    expect(webhookTarget({ ...secrets, OTP_WEBHOOK_URL: "http://127.0.0.1:5000/api/otp" }).ok).toBe(
      true,
    );
  });

  it("bounds the optional timeout", () => {
    const target = (value?: string) => {
      const result = webhookTarget({ ...secrets, OTP_WEBHOOK_TIMEOUT_MS: value });
      return result.ok ? result.target.timeoutMs : undefined;
    };
    expect(target()).toBe(10_000);
    expect(target("nonsense")).toBe(10_000);
    expect(target("5")).toBe(100);
    expect(target("60000")).toBe(15_000);
    expect(target("2000")).toBe(2000);
  });
});

describe("log hygiene helpers", () => {
  it("redacts codes and secrets and bounds the length", () => {
    expect(redact("code 123456 secret abcdef", ["123456", "abcdef", undefined])).toBe(
      "code [redacted] secret [redacted]",
    );
    expect(redact("x".repeat(2000), []).length).toBeLessThanOrEqual(500);
  });

  it("masks the middle of a phone number", () => {
    expect(maskRecipient("+61400000001")).toBe("+614••••0001");
  });
});

import type { LatestCodeAnswer } from "@sms-inbox/inbox-client";
import { describe, expect, it } from "vitest";
import { printedAnswer } from "./wait-for-code-output.js";

const sms: LatestCodeAnswer = {
  id: "k_1",
  code: "424242",
  recipient: "+61400000001",
  label: "owner@atko.email",
  messageType: "otp_verify",
  deliveryMethod: "text",
  channel: "sms",
  receivedAt: "2026-12-01T10:00:00.000Z",
  expireAt: "2026-12-01T10:10:00.000Z",
};
const verify = { url: "https://tenant.auth0.com/u/email-verification?ticket=abc#", text: "Verify" };
const linkEmail: LatestCodeAnswer = {
  ...sms,
  code: "",
  recipient: "alice@example.com",
  messageType: "verify_email",
  deliveryMethod: "email",
  channel: "email",
  subject: "Verify your email",
  links: [verify],
  link: verify,
};
const codeEmail: LatestCodeAnswer = {
  ...linkEmail,
  code: "482913",
  messageType: "mfa_oob_code",
  subject: "Your code",
  links: [],
  link: undefined,
};

const plain = { json: false, link: false };

describe("what wait-for-code prints", () => {
  it("prints the bare code of an SMS or of an email", () => {
    expect(printedAnswer(sms, plain)).toEqual({ ok: true, text: "424242" });
    expect(printedAnswer(codeEmail, plain)).toEqual({ ok: true, text: "482913" });
  });

  it("prints the main link's URL with --link", () => {
    expect(printedAnswer(linkEmail, { json: false, link: true })).toEqual({
      ok: true,
      text: verify.url,
    });
  });

  it("says an email has no main link, rather than print nothing", () => {
    const printed = printedAnswer(codeEmail, { json: false, link: true });
    expect(printed).toEqual({
      ok: false,
      message: expect.stringMatching(/^The mfa_oob_code email "Your code" has no main link/),
    });
  });

  it("says a link email carries no code, and points at --link", () => {
    const printed = printedAnswer(linkEmail, plain);
    expect(printed.ok).toBe(false);
    expect(!printed.ok && printed.message).toMatch(/carries no code; --link prints its link/);
  });

  it("prints any answer whole with --json", () => {
    expect(printedAnswer(linkEmail, { json: true, link: false })).toEqual({
      ok: true,
      text: JSON.stringify(linkEmail),
    });
  });
});

import { describe, expect, it } from "vitest";
import type { EmailWebhookPayload } from "../../src/contract/webhook-payload.js";
import { readEmail } from "../../src/webhook/read-email.js";

const payload: EmailWebhookPayload = {
  channel: "email",
  to: "ana@example.com",
  subject: "Your code",
  html: "<p>Your verification code is <b>482913</b></p>",
  messageType: "mfa_oob_code",
};

describe("readEmail", () => {
  it("extracts the code and links the webhook stores", () => {
    expect(readEmail(payload)).toMatchObject({
      ok: true,
      value: { payload, extraction: { code: "482913", links: [], mainLink: null } },
    });
  });

  it("names the payload's own field when the extraction refuses, never Auth0's", () => {
    // The schema checks the same rules first; this is what a drift between the two would answer.
    const result = readEmail({ ...payload, messageType: "not a type" });
    expect(result).toMatchObject({
      ok: false,
      error: { status: 400, code: "invalid_request", field: "messageType" },
    });
    expect(!result.ok && result.error.message).toMatch(/^messageType: /);
    expect(readEmail({ ...payload, html: " " })).toMatchObject({
      ok: false,
      error: { field: "html" },
    });
  });
});

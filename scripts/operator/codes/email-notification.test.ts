// send-code's emails read like Auth0's: the webhook's own extraction finds the
// code or the link in each, and the payload is what the webhook accepts.
import { EMAIL_MESSAGE_TYPES } from "functions/contract/email";
import { emailWebhookPayloadSchema } from "functions/contract/webhook-payload";
import { extractEmail } from "functions/email/extract";
import { describe, expect, it } from "vitest";
import { emailIdempotencyKey, emailNotification } from "./email-notification.js";

const request = (messageType: string, extra: { code?: string; link?: string } = {}) => ({
  to: "alice@example.com",
  messageType,
  userEmail: "alice@example.com",
  tenant: "demo-tenant",
  correlationId: "send-code-1",
  ...extra,
});

function extracted(messageType: string, extra: { code?: string; link?: string } = {}) {
  const { body, code, link } = emailNotification(request(messageType, extra));
  const result = extractEmail({
    html: body.html,
    text: body.text,
    subject: body.subject,
    message_type: body.messageType,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.refusal));
  return { found: result.value, code, link, body };
}

const CODE_TYPES = [
  "verify_email_by_code",
  "reset_email_by_code",
  "verification_code",
  "mfa_oob_code",
];
const LINK_TYPES = [
  "verify_email",
  "reset_email",
  "enrollment_email",
  "blocked_account",
  "organization_invitation",
];
const NOTICE_TYPES = ["welcome_email", "stolen_credentials", "try_provider_configuration_email"];

describe("emailNotification", () => {
  it("covers every documented message type", () => {
    expect([...CODE_TYPES, ...LINK_TYPES, ...NOTICE_TYPES].sort()).toEqual(
      [...EMAIL_MESSAGE_TYPES].sort(),
    );
  });

  it.each(CODE_TYPES)("%s carries a code the webhook finds, and no link to click", (type) => {
    const { found, code } = extracted(type, { code: "482913" });
    expect(code).toBe("482913");
    expect(found.code).toBe("482913");
    expect(found.mainLink).toBeNull();
  });

  it.each(LINK_TYPES)("%s carries a ticket link the webhook picks as the one to click", (type) => {
    const { found, link } = extracted(type);
    expect(link).toMatch(/^https:\/\/demo-tenant\.eu\.auth0\.com\/.+/);
    expect(found.mainLink?.url).toBe(link);
    expect(found.code).toBeNull();
  });

  it.each(NOTICE_TYPES)("%s carries neither", (type) => {
    const { found, code, link } = extracted(type);
    expect({ code, link, found: found.code, main: found.mainLink }).toEqual({
      code: undefined,
      link: undefined,
      found: null,
      main: null,
    });
  });

  it("sends an undocumented type (passwordless) with a code, or a magic link when given one", () => {
    expect(extracted("passwordless_email", { code: "731904" }).found.code).toBe("731904");
    const magic =
      "https://demo-tenant.eu.auth0.com/passwordless/verify_redirect?verification_code=731904";
    const withLink = extracted("passwordless_email", { link: magic });
    expect(withLink.found.mainLink?.url).toBe(magic);
  });

  it("uses the --link and --code given, and makes a fresh code and ticket otherwise", () => {
    const link = "https://demo-tenant.eu.auth0.com/u/email-verification?ticket=given";
    expect(extracted("verify_email", { link }).found.mainLink?.url).toBe(link);
    const one = emailNotification(request("verify_email"));
    const two = emailNotification(request("verify_email"));
    expect(one.link).not.toBe(two.link);
    expect(emailNotification(request("mfa_oob_code")).code).toMatch(/^\d{6}$/);
  });

  it("posts a payload the webhook's schema accepts, naming the user only when asked", () => {
    const { body } = emailNotification(request("reset_email"));
    expect(emailWebhookPayloadSchema.parse(body)).toMatchObject({
      channel: "email",
      to: "alice@example.com",
      messageType: "reset_email",
      subject: "Reset your password",
      user: { email: "alice@example.com" },
      tenant: "demo-tenant",
    });
    const { userEmail: _, ...nobody } = request("reset_email");
    expect(emailNotification(nobody).body).not.toHaveProperty("user");
  });

  it("keys a retry the same, another send differently, and hides the code in the key", async () => {
    const notification = emailNotification(request("mfa_oob_code", { code: "482913" }));
    const key = await emailIdempotencyKey(notification, "send-code-1", "secret");
    expect(await emailIdempotencyKey(notification, "send-code-1", "secret")).toBe(key);
    expect(await emailIdempotencyKey(notification, "send-code-2", "secret")).not.toBe(key);
    expect(key).toMatch(/^auth0-cep-[0-9a-f]{64}$/);
  });
});

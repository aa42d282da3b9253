import { describe, expect, it } from "vitest";
import type { EmailExtraction } from "../../src/contract/email.js";
import type { LabelledUser } from "../../src/contract/firestore-schema.js";
import {
  type EmailWebhookPayload,
  emailWebhookPayloadSchema,
} from "../../src/contract/webhook-payload.js";
import { emailDemoUser, toStoredEmail } from "../../src/webhook/email-document.js";

const payload = (fields: Partial<EmailWebhookPayload> = {}): EmailWebhookPayload =>
  emailWebhookPayloadSchema.parse({
    channel: "email",
    to: "ana@example.com",
    subject: "Verify your email",
    html: "<p>Your code is <b>482913</b></p>",
    messageType: "verify_email_by_code",
    ...fields,
  });
const verifyLink = { url: "https://t.auth0.com/u/email-verification?ticket=Vt3", text: "Verify" };
const withCode: EmailExtraction = {
  code: "482913",
  links: [],
  mainLink: null,
  linksTruncated: false,
};
const withLink: EmailExtraction = {
  code: null,
  links: [verifyLink, { url: "https://example.com/privacy", text: "Privacy" }],
  mainLink: verifyLink,
  linksTruncated: false,
};
const times = { receivedAt: 1, expireAt: 2 };
const admin: LabelledUser = { label: "Admin (Ana)", email: "ana@example.com", order: 1 };

describe("toStoredEmail", () => {
  it("stores the code under the address it went to, as an email, with no message text", () => {
    const { code } = toStoredEmail(payload(), withCode, undefined, times);
    expect(code).toEqual({
      recipient: "ana@example.com",
      code: "482913",
      messageText: "",
      messageType: "verify_email_by_code",
      deliveryMethod: "email",
      channel: "email",
      email: { subject: "Verify your email", links: [], mainLink: null, linksTruncated: false },
      label: "ana@example.com",
      owners: ["ana@example.com"],
      receivedAt: 1,
      expireAt: 2,
    });
  });

  it("stores a link email's links and the one to click, and an empty code", () => {
    const { code } = toStoredEmail(
      payload({ messageType: "verify_email", from: "no-reply@demo.example" }),
      withLink,
      undefined,
      times,
    );
    expect(code.code).toBe("");
    expect(code.email).toEqual({
      subject: "Verify your email",
      from: "no-reply@demo.example",
      links: withLink.links,
      mainLink: verifyLink,
      linksTruncated: false,
    });
  });

  it("keeps the HTML and text apart, in the body document, with the code's expiry", () => {
    const withText = toStoredEmail(
      payload({ text: "Your code is 482913" }),
      withCode,
      undefined,
      times,
    );
    expect(withText.body).toEqual({
      html: "<p>Your code is <b>482913</b></p>",
      text: "Your code is 482913",
      expireAt: 2,
    });
    expect(JSON.stringify(withText.code)).not.toContain("<b>");
    expect(toStoredEmail(payload(), withCode, undefined, times).body).toEqual({
      html: "<p>Your code is <b>482913</b></p>",
      expireAt: 2,
    });
  });

  it("names the payload's user first, as for a phone code, and answers to the address too", () => {
    const mfa = payload({
      to: "ana.mfa@example.com",
      user: { email: "Ana@Example.com", name: "Ana" },
    });
    const { code } = toStoredEmail(mfa, withCode, undefined, times);
    expect(code.label).toBe("ana@example.com");
    expect(code.owners).toEqual(["ana@example.com", "ana", "ana.mfa@example.com"]);
    expect(code.user).toEqual({ email: "Ana@Example.com", name: "Ana" });
  });

  it("labels a demo user's email with their label, so their card shows it", () => {
    const { code } = toStoredEmail(payload(), withCode, admin, times);
    expect(code.label).toBe("Admin (Ana)");
    expect(code.owners).toEqual(["ana@example.com", "admin (ana)"]);
  });

  it("keeps the context fields when present and leaves absent ones out", () => {
    const { code } = toStoredEmail(
      payload({ locale: "pt_BR", tenant: "demo", client: { name: "App" } }),
      withCode,
      undefined,
      times,
    );
    expect(code).toMatchObject({ locale: "pt_BR", tenant: "demo", client: { name: "App" } });
    const bare = toStoredEmail(payload(), withCode, undefined, times).code;
    for (const key of ["locale", "tenant", "client", "user", "probe"])
      expect(bare).not.toHaveProperty(key);
    expect(bare.email).not.toHaveProperty("from");
  });
});

describe("emailDemoUser", () => {
  const bob: LabelledUser = { label: "Bob", email: "bob@example.com", order: 2 };
  const directory = (email: string) =>
    ({ "ana@example.com": admin, "bob@example.com": bob })[email];

  it("finds the demo user by the address the email went to, else by the payload's user", () => {
    expect(emailDemoUser(payload(), directory)).toBe(admin);
    const toOther = payload({ to: "ana.mfa@example.com", user: { email: "BOB@example.com" } });
    expect(emailDemoUser(toOther, directory)).toBe(bob);
    // The address wins: Auth0 sent it there.
    expect(emailDemoUser(payload({ user: { email: "bob@example.com" } }), directory)).toBe(admin);
    expect(emailDemoUser(payload({ to: "someone@else.example" }), directory)).toBeUndefined();
  });
});

// An email over HTTP, through the Hosting rewrite and at the function's own
// URL, against the emulators: what Auth0's custom-email-provider Action (and
// anyone else) would see, and what lands in otpCodes and otpEmailBodies.
import {
  adminDb,
  callWebhook,
  clearFirestore,
  stackEnv,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { beforeEach, describe, expect, it } from "vitest";
import { COLLECTIONS } from "../src/contract/firestore-schema.js";
import { LIMITS } from "../src/contract/notification.js";
import { renderFixture, type Variables } from "./email/support/render.js";
import { CODE, COMMON, URLS } from "./email/support/samples.js";

const TO = "ana@example.com";
const codes = () => adminDb().collection(COLLECTIONS.codes);
const bodies = () => adminDb().collection(COLLECTIONS.emailBodies);
const codesTo = async (address: string) =>
  (await codes().where("recipient", "==", address).get()).docs;

const email = (template: string, messageType: string, variables: Variables, to = TO) => ({
  channel: "email",
  to,
  from: "no-reply@demo-tenant.example",
  subject: `Subject of ${messageType}`,
  html: renderFixture(template, { ...COMMON, ...variables }),
  text: "The text version",
  locale: "en_US",
  messageType,
  user: { id: "auth0|ana", email: to },
  tenant: "demo-tenant",
});

const KINDS = [
  {
    kind: "a verification link",
    body: email("verify_email", "verify_email", { url: URLS.verify }),
    code: "",
    mainLink: { url: URLS.verify, text: "Confirm my account" },
  },
  {
    kind: "an email-MFA code",
    body: email("mfa_oob_code", "mfa_oob_code", { code: CODE }),
    code: CODE,
    mainLink: null,
  },
  {
    kind: "a password reset code",
    body: email("reset_email_by_code", "reset_email_by_code", { code: CODE }),
    code: CODE,
    mainLink: null,
  },
  {
    kind: "a passwordless magic link (an undocumented type)",
    body: email("passwordless", "passwordless_link", { send: "link", link: URLS.magic }),
    code: "",
    mainLink: { url: URLS.magic, text: "Sign in to Demo App" },
  },
  {
    kind: "a welcome notice, with neither",
    body: email("welcome_email", "welcome_email", {}),
    code: "",
    mainLink: null,
  },
];

describe("POST /api/otp with an email", () => {
  beforeEach(async () => {
    await clearFirestore();
  });

  it.each(KINDS)("stores $kind with its extraction, and its body beside it", async (expected) => {
    const reply = await callWebhook({ body: expected.body });
    expect(reply.status).toBe(201);
    const { id } = reply.body as { id: string };
    const doc = (await codes().doc(id).get()).data() ?? {};
    expect(doc).toMatchObject({
      recipient: TO,
      code: expected.code,
      messageText: "",
      messageType: expected.body.messageType,
      deliveryMethod: "email",
      channel: "email",
      label: TO,
      email: {
        subject: expected.body.subject,
        from: "no-reply@demo-tenant.example",
        mainLink: expected.mainLink,
        linksTruncated: false,
      },
      locale: "en_US",
      tenant: "demo-tenant",
    });
    expect(doc.owners).toContain(TO);
    if (expected.mainLink) expect(doc.email.links).toContainEqual(expected.mainLink);
    // The list's document stays small: the HTML lives only in the body document.
    expect(doc).not.toHaveProperty("html");
    const body = (await bodies().doc(id).get()).data() ?? {};
    expect(body).toEqual({
      html: expected.body.html,
      text: "The text version",
      expireAt: doc.expireAt,
    });
    const received = doc.receivedAt.toMillis();
    expect(doc.expireAt.toMillis() - received).toBeGreaterThan(9.5 * 60_000);
    expect(doc.expireAt.toMillis() - received).toBeLessThan(10.5 * 60_000);
  });

  it("files an email to a demo user's address under their label, so their card shows it", async () => {
    const admin = { label: "Admin (Ana)", email: TO, order: 1 };
    await writePhoneLabels(adminDb(), [{ phoneNumber: "+61400000002", users: [admin] }]);
    // An email reads no phoneLabels of its own: it trusts the instance's
    // listener, which delivers a change within milliseconds (docs/webhook.md).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const { user: _, ...nobody } = email("mfa_oob_code", "mfa_oob_code", { code: CODE });
    const reply = await callWebhook({ body: nobody });
    expect(reply.status).toBe(201);
    const doc =
      (
        await codes()
          .doc((reply.body as { id: string }).id)
          .get()
      ).data() ?? {};
    expect(doc.label).toBe("Admin (Ana)");
    expect(doc.owners).toEqual(expect.arrayContaining([TO, "admin (ana)"]));
    // An email notes no one on any number, and a demo user's email nobody at all.
    const label = (
      await adminDb().collection(COLLECTIONS.phoneLabels).doc("+61400000002").get()
    ).data();
    expect(label).not.toHaveProperty("seen");
    expect((await adminDb().collection(COLLECTIONS.people).get()).size).toBe(0);
  });

  it("answers a retry with the same Idempotency-Key 200 and the same id, storing one email", async () => {
    const body = email("verify_email", "verify_email", { url: URLS.verify });
    const headers = { "Idempotency-Key": "auth0-cep-retry-1" };
    const first = await callWebhook({ body, headers });
    const retry = await callWebhook({ body, headers, url: stackEnv().functionUrl });
    expect(first.status).toBe(201);
    expect(retry).toMatchObject({ status: 200, body: first.body });
    expect(await codesTo(TO)).toHaveLength(1);
    expect((await bodies().get()).size).toBe(1);
  });

  it("accepts an email of 256 KiB, sixteen times a phone code's limit", async () => {
    const body = email("mfa_oob_code", "mfa_oob_code", { code: CODE });
    const frame = Buffer.byteLength(JSON.stringify(body));
    body.html += " ".repeat(LIMITS.maxEmailBodyBytes - frame);
    expect(Buffer.byteLength(JSON.stringify(body))).toBe(LIMITS.maxEmailBodyBytes);
    for (const url of [stackEnv().webhookUrl, stackEnv().functionUrl]) {
      expect((await callWebhook({ url, body })).status, url).toBe(201);
    }
    expect(await codesTo(TO)).toHaveLength(2);
  });

  it("refuses an email beyond 256 KiB with 413 naming the limit, storing nothing", async () => {
    const body = email("mfa_oob_code", "mfa_oob_code", { code: CODE });
    body.html += " ".repeat(LIMITS.maxEmailBodyBytes);
    for (const url of [stackEnv().webhookUrl, stackEnv().functionUrl]) {
      const reply = await callWebhook({ url, body });
      expect(reply.status, url).toBe(413);
      expect(reply.body).toEqual({
        error: {
          code: "payload_too_large",
          message: expect.stringContaining(String(LIMITS.maxEmailBodyBytes)),
        },
      });
    }
    expect(await codesTo(TO)).toHaveLength(0);
    expect((await bodies().get()).size).toBe(0);
  });

  it("refuses a malformed email with 400 naming the field, storing nothing, and records why without the HTML", async () => {
    const good = email("mfa_oob_code", "mfa_oob_code", { code: CODE });
    const cases: [string, Record<string, unknown>][] = [
      ["to", { ...good, to: "ana at example.com" }],
      ["html", { ...good, html: "  " }],
      ["messageType", { ...good, messageType: "not a type" }],
    ];
    for (const [field, body] of cases) {
      const reply = await callWebhook({ body });
      expect(reply.status, field).toBe(400);
      expect((reply.body as { error: { message: string } }).error.message).toMatch(
        new RegExp(`^${field}: `),
      );
    }
    expect((await codes().get()).size).toBe(0);
    expect((await bodies().get()).size).toBe(0);
    const refusals = (await adminDb().collection(COLLECTIONS.refusals).get()).docs.map((doc) =>
      doc.data(),
    );
    // Each function instance records at most 20 refusals a minute, and the
    // stack's other test files refuse many: with that minute's quota spent,
    // none or only some of these were recorded, the last marked limitReached
    // (docs/webhook.md, the refusal trail). Otherwise all three are.
    const limited = refusals.some((refusal) => refusal.limitReached === true);
    if (refusals.length > 0 && !limited) {
      expect(refusals.map((refusal) => refusal.field).sort()).toEqual([
        "html",
        "messageType",
        "to",
      ]);
    }
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ status: 400, error: "invalid_request", channel: "email" });
    }
    const recorded = JSON.stringify(refusals);
    for (const secret of [CODE, "<", "ticket", TO]) expect(recorded).not.toContain(secret);
  });
});

// The built email Action against the real webhook of the local stack: every
// message type (and a passwordless one) must land in Firestore as an email,
// once however often Auth0 retries, with its code or link read from the HTML
// and its body kept beside it for "View email".
import { randomInt } from "node:crypto";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_EMAIL_MESSAGE_TYPES, sampleEmail } from "../src/email-sample-event.js";
import { type BuiltEmailAction, loadBuiltEmailAction, recordingApi } from "./built-action.js";

let action: BuiltEmailAction;
beforeAll(async () => {
  action = await loadBuiltEmailAction();
});

const storedFor = async (recipient: string) =>
  (await adminDb().collection(COLLECTIONS.codes).where("recipient", "==", recipient).get()).docs;

describe("the built email Action and the local webhook", () => {
  it.each(SAMPLE_EMAIL_MESSAGE_TYPES)(
    "stores a %s email under its recipient, once across a retry",
    async (messageType) => {
      const { webhookUrl, webhookSecret } = stackEnv();
      const to = `Stack.${randomInt(10_000_000, 99_999_999)}@atko.email`;
      const made = sampleEmail({
        to,
        userEmail: to.toLowerCase(),
        messageType,
        correlationId: `stack-email-${randomInt(1e9)}`,
        secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: webhookSecret },
      });

      for (let attempt = 0; attempt < 2; attempt += 1) {
        const api = recordingApi();
        await action.onExecuteCustomEmailProvider(structuredClone(made.event), api);
        expect([...api.drops, ...api.retries]).toEqual([]);
      }

      const docs = await storedFor(to.toLowerCase());
      expect(docs).toHaveLength(1);
      const [doc] = docs;
      expect(doc?.data()).toMatchObject({
        recipient: to.toLowerCase(),
        channel: "email",
        deliveryMethod: "email",
        messageType,
        code: made.code ?? "",
        locale: "en_US",
        email: { subject: made.event.notification.subject, from: "no-reply@demo.example" },
        user: { email: to.toLowerCase() },
        client: { name: "Demo app" },
        tenant: "demo-tenant",
      });
      if (made.link) {
        expect(doc?.data().email.mainLink).toMatchObject({
          url: made.link.replaceAll("&amp;", "&"),
        });
      }
      const body = await adminDb()
        .collection(COLLECTIONS.emailBodies)
        .doc(doc?.id ?? "-")
        .get();
      expect(body.data()).toMatchObject({ html: made.event.notification.html });
    },
  );

  it("drops with the fix when the function has another secret", async () => {
    const { webhookUrl } = stackEnv();
    const api = recordingApi();
    await action.onExecuteCustomEmailProvider(
      sampleEmail({
        secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: "not-the-stack-secret-123" },
      }).event,
      api,
    );
    expect(api.retries).toEqual([]);
    expect(api.drops).toEqual([expect.stringMatching(/HTTP 401 .*OTP_WEBHOOK_SECRET differs/)]);
  });
});

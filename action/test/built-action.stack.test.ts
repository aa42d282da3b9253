// The built Action against the real webhook of the local stack: the code must
// land in Firestore, once, however often Auth0 retries the notification.
import { randomInt } from "node:crypto";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleEvent } from "../src/sample-event.js";
import { type BuiltAction, loadBuiltAction, recordingApi } from "./built-action.js";

let action: BuiltAction;
beforeAll(async () => {
  action = await loadBuiltAction();
});

const codesFor = async (recipient: string) =>
  (
    await adminDb().collection(COLLECTIONS.codes).where("recipient", "==", recipient).get()
  ).docs.map((doc) => doc.data());

describe("the built Action and the local webhook", () => {
  it("stores the code with its context, once across a retry", async () => {
    const { webhookUrl, webhookSecret } = stackEnv();
    const recipient = `+614${randomInt(10_000_000, 99_999_999)}`;
    const code = String(randomInt(100_000, 999_999));
    const event = sampleEvent({
      recipient,
      code,
      correlationId: `stack-${code}`,
      userEmail: "admin@atko.email",
      secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: webhookSecret },
    });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const api = recordingApi();
      await action.onExecuteCustomPhoneProvider(structuredClone(event), api);
      expect([...api.drops, ...api.retries]).toEqual([]);
    }

    const stored = await codesFor(recipient);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      recipient,
      code,
      messageType: "otp_verify",
      deliveryMethod: "text",
      messageText: `${code} is your verification code. Please enter this code to log in.`,
      label: "admin@atko.email",
      locale: "en_US",
      user: { email: "admin@atko.email" },
      client: { name: "Demo app" },
      tenant: "demo-tenant",
    });
  });

  it("stores a voice notice without a code", async () => {
    const { webhookUrl, webhookSecret } = stackEnv();
    const recipient = `+614${randomInt(10_000_000, 99_999_999)}`;
    const api = recordingApi();
    await action.onExecuteCustomPhoneProvider(
      sampleEvent({
        recipient,
        messageType: "password_breach",
        deliveryMethod: "voice",
        secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: webhookSecret },
      }),
      api,
    );
    expect([...api.drops, ...api.retries]).toEqual([]);
    expect(await codesFor(recipient)).toEqual([
      expect.objectContaining({
        code: "",
        messageType: "password_breach",
        deliveryMethod: "voice",
      }),
    ]);
  });

  it("drops with the fix when the function has another secret", async () => {
    const { webhookUrl } = stackEnv();
    const api = recordingApi();
    await action.onExecuteCustomPhoneProvider(
      sampleEvent({
        secrets: { OTP_WEBHOOK_URL: webhookUrl, OTP_WEBHOOK_SECRET: "not-the-stack-secret-123" },
      }),
      api,
    );
    expect(api.retries).toEqual([]);
    expect(api.drops).toEqual([expect.stringMatching(/HTTP 401 .*OTP_WEBHOOK_SECRET differs/)]);
  });

  // The site root answers 200 with the page; an unknown path answers 404.
  it.each([
    ["the site's page", "/", /answered HTTP 200 but not as the webhook does/],
    ["a mistyped path", "/api/otp-typo", /no webhook at OTP_WEBHOOK_URL \(HTTP 404\)/],
  ])(
    "drops with the fix when the URL points at %s instead of the webhook",
    async (_what, path, reason) => {
      const { webhookUrl, webhookSecret } = stackEnv();
      const api = recordingApi();
      const wrongUrl = new URL(path, webhookUrl).href;
      await action.onExecuteCustomPhoneProvider(
        sampleEvent({ secrets: { OTP_WEBHOOK_URL: wrongUrl, OTP_WEBHOOK_SECRET: webhookSecret } }),
        api,
      );
      expect(api.drops).toEqual([expect.stringMatching(reason)]);
    },
  );
});

// send-code against the local stack, with its defaults: the Hosting emulator's
// webhook and the secret in functions/.secret.local.
import { randomInt } from "node:crypto";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { describe, expect, it } from "vitest";
import { runCaptured } from "../cli/run-command-for-test.js";
import { localWebhookUrl, sendCodeCommand } from "./send-code.js";

describe("send-code on the local stack", () => {
  it("targets the local webhook by default and the code lands in Firestore", async () => {
    expect(localWebhookUrl(process.env)).toBe(stackEnv().webhookUrl);
    const recipient = `+614${randomInt(10_000_000, 99_999_999)}`;
    const code = String(randomInt(100_000, 999_999));
    // No OTP_WEBHOOK_SECRET: the local default reads functions/.secret.local.
    const { OTP_WEBHOOK_SECRET: _ignored, ...env } = process.env;
    const run = await runCaptured(sendCodeCommand, ["--to", recipient, "--code", code], env);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/^✔ HTTP 201, stored as \S+/);

    const stored = await adminDb()
      .collection(COLLECTIONS.codes)
      .where("recipient", "==", recipient)
      .get();
    expect(stored.docs.map((doc) => doc.data())).toEqual([
      expect.objectContaining({
        recipient,
        code,
        label: "owner@atko.email",
        messageType: "otp_verify",
      }),
    ]);
  });
});

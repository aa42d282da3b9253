// send-code against the local stack, with its defaults: the Hosting emulator's
// webhook and the secret in functions/.secret.local.
import { randomInt } from "node:crypto";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { describe, expect, it } from "vitest";
import { DEMO_USERS_EXAMPLE_PATH } from "../auth0/demo-users.js";
import { runCaptured } from "../cli/run-command-for-test.js";
import { localWebhookUrl, sendCodeCommand } from "./send-code.js";

describe("send-code on the local stack", () => {
  // No OTP_WEBHOOK_SECRET: the local default reads functions/.secret.local.
  const { OTP_WEBHOOK_SECRET: _ignored, ...env } = process.env;
  const send = async (recipient: string) => {
    const code = String(randomInt(100_000, 999_999));
    const run = await runCaptured(
      sendCodeCommand,
      ["--to", recipient, "--code", code, "--users-file", DEMO_USERS_EXAMPLE_PATH],
      env,
    );
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out.at(-1)).toMatch(/^✔ HTTP 201, stored as \S+/);
    const stored = await adminDb()
      .collection(COLLECTIONS.codes)
      .where("recipient", "==", recipient)
      .where("code", "==", code)
      .get();
    return stored.docs.map((doc) => doc.data());
  };

  it("targets the local webhook by default and the code lands in Firestore", async () => {
    expect(localWebhookUrl(process.env)).toBe(stackEnv().webhookUrl);
    // A number outside the demo users file: the payload names nobody.
    const recipient = `+614${randomInt(10_000_000, 99_999_999)}`;
    const [stored, ...more] = await send(recipient);
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ recipient, messageType: "otp_verify", label: "" });
    expect(stored).not.toHaveProperty("user");
  });

  it("sends a demo number's code as its demo user's, not always owner@'s", async () => {
    const [stored] = await send("+61400000002");
    expect(stored).toMatchObject({
      label: "admin@atko.email",
      user: { email: "admin@atko.email" },
    });
  });
});

// Runs the deployed Action for a test notification, as Auth0 would: the code
// as uploaded, the version's secrets, and an event for the test's number and
// method.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoredAction, TestSend } from "./state.js";

type Deployed = Pick<NonNullable<StoredAction["deployed"]>, "code" | "secrets">;

export async function runDeployedAction(
  deployed: Deployed,
  send: Pick<TestSend, "to" | "delivery_method">,
): Promise<NonNullable<TestSend["outcome"]>> {
  const dir = mkdtempSync(join(tmpdir(), "auth0-stand-in-action-"));
  const file = join(dir, "action.cjs");
  writeFileSync(file, deployed.code);
  const drops: string[] = [];
  const retries: string[] = [];
  const digits = String(100000 + (randomBytes(3).readUIntBE(0, 3) % 900000));
  try {
    const loaded = createRequire(import.meta.url)(file) as {
      onExecuteCustomPhoneProvider(event: unknown, api: unknown): Promise<void>;
    };
    await loaded.onExecuteCustomPhoneProvider(
      {
        notification: {
          recipient: send.to,
          code: digits,
          as_text: `${digits} is your verification code.`,
          as_voice: `Your verification code is ${digits.split("").join(", ")}`,
          delivery_method: send.delivery_method,
          message_type: "otp_verify",
          locale: "en_US",
        },
        user: {
          user_id: "auth0|stand-in-test",
          email: "test-sms@stand-in.example",
          name: "Test send",
        },
        client: { client_id: "stand-in", name: "Management API test" },
        tenant: { id: "stand-in" },
        secrets: Object.fromEntries(deployed.secrets.map((secret) => [secret.name, secret.value])),
      },
      {
        notification: { drop: (r: string) => drops.push(r), retry: (r: string) => retries.push(r) },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { code: digits, drops, retries };
}

// The code `auth0:setup` uploads: the built bundle plus a last line that
// fingerprints the secrets it was configured with. Auth0 never returns secret
// values, so this line is how a later run tells "already configured with these
// values" from "the URL or secret changed" without rewriting secrets every time.
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { SECRET_NAMES as ACTION_SECRETS } from "action/auth0-event";
import { ACTION_BUNDLE } from "action/build";
import { UsageError } from "../cli/command.js";
import type { WebhookSettings } from "./config.js";

export const ACTION_NAME = "SMS inbox: custom phone provider";
export const ACTION_RUNTIME = "node22";
export const TRIGGER_ID = "custom-phone-provider";
export const TRIGGER_VERSION = "v1";
/** The Action secrets setup manages (the optional timeout is the tenant owner's). */
export const SECRET_NAMES = [ACTION_SECRETS.url, ACTION_SECRETS.secret] as const;

const FINGERPRINT_PREFIX = "// sms-inbox-setup: secrets fingerprint ";

export function readActionBundle(path: string = ACTION_BUNDLE): string {
  if (!existsSync(path)) {
    throw new UsageError(
      `The Action is not built (${path} is missing): run \`npm run build -w action\` first.`,
    );
  }
  return readFileSync(path, "utf8");
}

/**
 * HMAC of the webhook URL keyed with the webhook secret: changes when either
 * changes, and reveals neither (Action code is visible to tenant admins).
 */
export function secretsFingerprint(webhook: WebhookSettings): string {
  return createHmac("sha256", webhook.secret)
    .update(`sms-inbox-setup/v1\n${webhook.url}`)
    .digest("hex")
    .slice(0, 32);
}

export function actionCode(bundle: string, webhook: WebhookSettings): string {
  return `${bundle.trimEnd()}\n${FINGERPRINT_PREFIX}${secretsFingerprint(webhook)}\n`;
}

export function actionSecrets(webhook: WebhookSettings): { name: string; value: string }[] {
  return [
    { name: "OTP_WEBHOOK_URL", value: webhook.url },
    { name: "OTP_WEBHOOK_SECRET", value: webhook.secret },
  ];
}

// The code `auth0:setup` uploads: the built bundle plus a last line that
// fingerprints the secrets it was configured with. Auth0 never returns secret
// values, so this line is how a later run tells "already configured with these
// values" from "the URL or secret changed" without rewriting secrets every time.
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { SECRET_NAMES as ACTION_SECRETS } from "action/auth0-event";
import { ACTION_BUNDLE, type ActionSpec, EMAIL_ACTION, PHONE_ACTION } from "action/build";
import { UsageError } from "../cli/command.js";
import type { WebhookSettings } from "./config.js";

/** Which of setup's two Actions: the phone one always, the email one with --email. */
export type ActionTarget = "phone" | "email";

/** custom-phone-provider or custom-email-provider. */
export type ProviderTrigger = ActionSpec["trigger"];

/** What setup needs to find, create and bind one of its Actions. */
export interface SetupAction {
  target: ActionTarget;
  /** The name a new Action gets (an existing one keeps its own). */
  name: string;
  triggerId: ProviderTrigger;
  /** The built file whose code setup uploads. */
  bundle: string;
}

export const PHONE_SETUP_ACTION: SetupAction = {
  target: "phone",
  name: "SMS inbox: custom phone provider",
  triggerId: PHONE_ACTION.trigger,
  bundle: PHONE_ACTION.bundle,
};

export const EMAIL_SETUP_ACTION: SetupAction = {
  target: "email",
  name: "SMS inbox: custom email provider",
  triggerId: EMAIL_ACTION.trigger,
  bundle: EMAIL_ACTION.bundle,
};

export const ACTION_NAME = PHONE_SETUP_ACTION.name;
export const ACTION_RUNTIME = "node22";
export const TRIGGER_ID = PHONE_SETUP_ACTION.triggerId;
/** Both provider triggers are at v1. */
export const TRIGGER_VERSION = "v1";
/** The Action secrets setup manages (the optional timeout is the tenant owner's); both Actions take them. */
export const SECRET_NAMES = [ACTION_SECRETS.url, ACTION_SECRETS.secret] as const;

const FINGERPRINT_PREFIX = "// sms-inbox-setup: secrets fingerprint ";
const FINGERPRINT_LINE = /\n\/\/ sms-inbox-setup: [^\n]*\n?$/;

/** The fingerprint line that ends code setup uploaded, if the code has one. */
export const fingerprintOf = (code: string): string | undefined => FINGERPRINT_LINE.exec(code)?.[0];
export const withoutFingerprint = (code: string): string =>
  code.replace(FINGERPRINT_LINE, "").trimEnd();

/**
 * Whether setup uploaded this code: only setup ends an Action with its
 * fingerprint line, whatever URL or secret the fingerprint was made from.
 */
export const isSetupCode = (code: string | undefined): boolean =>
  code !== undefined && fingerprintOf(code) !== undefined;

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

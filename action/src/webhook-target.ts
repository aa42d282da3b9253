// Where both Actions post, from their Action secrets: the webhook URL, its
// bearer secret and the time bound of one attempt, or why they cannot be used.
import { TIMING } from "functions/contract/notification";
import { maySendSecretTo } from "functions/contract/webhook-url";
import { SECRET_NAMES } from "./auth0-event.js";

/** Auth0 stops an execution after 20 s; one attempt gets at most half of that by default. */
export const DEFAULT_TIMEOUT_MS = TIMING.senderTimeoutMs;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 15_000;

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** The webhook settings from the Action secrets, or why they cannot be used. */
export function webhookTarget(
  secrets: Record<string, string | undefined> | undefined,
): { ok: true; target: WebhookTarget } | { ok: false; reason: string } {
  const url = secrets?.[SECRET_NAMES.url]?.trim();
  const secret = secrets?.[SECRET_NAMES.secret]?.trim();
  const missing = [!url && SECRET_NAMES.url, !secret && SECRET_NAMES.secret].filter(Boolean);
  if (!url || !secret) {
    return {
      ok: false,
      reason: `${missing.length > 1 ? `the Action secrets ${missing.join(" and ")} are` : `the Action secret ${missing[0]} is`} missing: add them in the Action's Secrets (npm run auth0:setup sets both) and deploy the Action`,
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      ok: false,
      reason:
        "the Action secret OTP_WEBHOOK_URL is not a URL: set it to https://<your Hosting site>/api/otp",
    };
  }
  if (!maySendSecretTo(parsed)) {
    return {
      ok: false,
      reason:
        "the Action secret OTP_WEBHOOK_URL must be an https URL: set it to https://<your Hosting site>/api/otp",
    };
  }
  const requested = Number.parseInt(secrets?.[SECRET_NAMES.timeoutMs] ?? "", 10);
  const timeoutMs = Number.isFinite(requested)
    ? Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, requested))
    : DEFAULT_TIMEOUT_MS;
  return { ok: true, target: { url: parsed.href, secret, timeoutMs } };
}

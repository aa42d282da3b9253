import { createHash, timingSafeEqual } from "node:crypto";
import { type WebhookError, webhookError } from "./errors.js";

/** "new,old" during a rotation; blanks ignored. */
export function parseAcceptedSecrets(configured: string): string[] {
  return configured
    .split(",")
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
}

// Hashing first gives equal-length buffers, so the comparison time does not
// depend on where the strings differ nor reveal the secret's length.
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

function matchesAny(token: string, accepted: string[]): boolean {
  const tokenDigest = digest(token);
  let matched = false;
  for (const secret of accepted) {
    // No early exit: every candidate is compared.
    matched = timingSafeEqual(tokenDigest, digest(secret)) || matched;
  }
  return matched;
}

/** Checks `Authorization: Bearer <token>`; fails closed when nothing is configured. */
export function checkBearer(
  authorization: string | undefined,
  configuredSecrets: string,
): WebhookError | undefined {
  const accepted = parseAcceptedSecrets(configuredSecrets);
  if (accepted.length === 0) {
    return webhookError(
      500,
      "not_configured",
      "The webhook has no OTP_WEBHOOK_SECRET configured, so it accepts nothing.",
      { field: "OTP_WEBHOOK_SECRET" },
    );
  }
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    return webhookError(401, "unauthorized", "Send Authorization: Bearer <OTP_WEBHOOK_SECRET>.", {
      field: "Authorization",
    });
  }
  if (!matchesAny(match[1], accepted)) {
    return webhookError(401, "unauthorized", "The bearer token is not the webhook's secret.", {
      field: "Authorization",
    });
  }
  return undefined;
}

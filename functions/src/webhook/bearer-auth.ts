import { bearerToken, matchesAny, parseAcceptedTokens } from "../http/bearer-token.js";
import { type WebhookError, webhookError } from "./errors.js";

/** "new,old" during a rotation; blanks ignored. */
export const parseAcceptedSecrets = parseAcceptedTokens;

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
  const token = bearerToken(authorization);
  if (!token) {
    return webhookError(401, "unauthorized", "Send Authorization: Bearer <OTP_WEBHOOK_SECRET>.", {
      field: "Authorization",
    });
  }
  if (!matchesAny(token, accepted)) {
    return webhookError(401, "unauthorized", "The bearer token is not the webhook's secret.", {
      field: "Authorization",
    });
  }
  return undefined;
}

import type { OtpWebhookPayload } from "./webhook-payload.js";

/**
 * The label shown next to a code: who the payload says the user is, else what
 * the scripts configured for the number, else nothing.
 */
export function resolveLabel(
  user: OtpWebhookPayload["user"],
  configuredLabel: string | undefined,
): string {
  return user?.email ?? user?.name ?? configuredLabel?.trim() ?? "";
}

// The test notice `npm run doctor` stores to prove a deployment receives and
// keeps codes. It travels the same path as a real code (webhook → otpCodes →
// page), so it carries a mark everyone can tell it by: `probe: true`, in the
// payload (webhook-payload.ts) and in the stored document (StoredCode). The
// page shows it as a check; wait-for-code, and any other reader that hands
// out a person's code, skips it. Plain code: the page imports this.
import type { OtpWebhookRequestBody } from "./webhook-payload.js";

/**
 * The number test notices go to: +1 000 000 0000 is no one's phone (no North
 * American area code starts with 0) and no demo user is ever enrolled on it.
 */
export const PROBE_RECIPIENT = "+10000000000";

/** The tenant field of a test notice, so Firestore's console shows where it came from. */
export const PROBE_TENANT = "npm-run-doctor";

export const PROBE_MESSAGE = "Inbox check by npm run doctor: not anyone's login code.";

/** True for a payload or stored code that carries the mark. */
export const isProbe = (value: { probe?: unknown } | undefined): boolean => value?.probe === true;

/**
 * A test notice as the doctor posts it. It is an otp_verify with a code (give
 * each check its own) so it passes every check a real login code passes, and
 * names no user, so the webhook notes no one in phoneLabels.
 */
export function probeNotice(code: string) {
  return {
    recipient: PROBE_RECIPIENT,
    code,
    messageText: PROBE_MESSAGE,
    messageType: "otp_verify",
    deliveryMethod: "text",
    tenant: PROBE_TENANT,
    probe: true,
  } satisfies OtpWebhookRequestBody;
}

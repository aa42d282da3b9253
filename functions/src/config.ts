// Deployment settings of the function, in one place. firebase.json's Hosting
// rewrite names the same region (a unit test keeps the two equal).
import { defineInt, defineSecret } from "firebase-functions/params";

export const REGION = "europe-west1";
export const FUNCTION_ID = "otp";

/**
 * The bearer token the Action sends. During a rotation it holds "new,old":
 * both are accepted until the Action has the new one.
 */
export const webhookSecret = defineSecret("OTP_WEBHOOK_SECRET");

export const retentionMinutes = defineInt("OTP_RETENTION_MINUTES", {
  default: 10,
  description: "How long a code is kept (and shown) before it expires, in minutes.",
});

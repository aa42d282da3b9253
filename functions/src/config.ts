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

/**
 * Instances Cloud Run keeps warm. 0 (the default) costs nothing while idle,
 * and the first code after a quiet spell waits for a cold start (about 1.5–2 s
 * locally: docs/benchmarks.md); 1 keeps one instance warm for demos where the
 * first code of the day must not wait, billed while idle.
 */
export const minInstances = defineInt("OTP_MIN_INSTANCES", {
  default: 0,
  description: "Instances kept warm (0: none, no idle cost; 1: no cold start for the first code).",
});

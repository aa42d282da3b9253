// Deployment settings of the function, in one place. firebase.json's Hosting
// rewrite names the same region (a unit test keeps the two equal).
import { defineInt, defineSecret } from "firebase-functions/params";

export const REGION = "europe-west1";
export const FUNCTION_ID = "otp";
/** The codes API (GET /api/codes/latest), a second function in the same region. */
export const CODES_API_FUNCTION_ID = "codes";
/** The page's authenticator codes (GET /api/authenticator/codes), a third function in the same region. */
export const AUTHENTICATOR_CODES_FUNCTION_ID = "authenticatorCodes";

/**
 * The bearer token the Action sends. During a rotation it holds "new,old":
 * both are accepted until the Action has the new one.
 */
export const webhookSecret = defineSecret("OTP_WEBHOOK_SECRET");

/**
 * The codes API's bearer token(s), comma-separated so they rotate like the
 * webhook's. Never the webhook secret: reading codes and posting them are
 * different rights. A value without a token of 16+ characters (`off`) turns
 * the API off.
 */
export const readToken = defineSecret("OTP_READ_TOKEN");

/** Requests one instance of the codes API serves at once (Cloud Run's limit is 1000). */
export const CODES_API_CONCURRENCY = 500;

/**
 * Waits one instance holds at once; each is one Firestore listener. Below the
 * function's concurrency, so an instance past it still answers (503 busy).
 */
export const DEFAULT_MAX_WAITS = 400;

export const maxConcurrentWaits = defineInt("CODES_API_MAX_WAITS", {
  default: DEFAULT_MAX_WAITS,
  description: "Waits one instance of the codes API holds at once; more are answered 503 busy.",
});

export const DEFAULT_RETENTION_MINUTES = 10;

export const retentionMinutes = defineInt("OTP_RETENTION_MINUTES", {
  default: DEFAULT_RETENTION_MINUTES,
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

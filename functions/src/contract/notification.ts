// The vocabulary of Auth0's custom-phone-provider notifications, shared by the
// Action, the webhook, the scripts and the page. Plain constants only: the
// Action and the page import this without pulling in the schema library.

export const MESSAGE_TYPES = [
  "otp_verify",
  "otp_enroll",
  "blocked_account",
  "change_password",
  "password_breach",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Message types whose notification carries a one-time code. */
export const OTP_MESSAGE_TYPES: readonly MessageType[] = ["otp_verify", "otp_enroll"];

export const DELIVERY_METHODS = ["text", "voice"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** Header that makes a retried delivery of the same notification a no-op. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/** Path of the webhook on the Hosting origin (a rewrite to the function). */
export const WEBHOOK_PATH = "/api/otp";

export const LIMITS = {
  /** A phone payload (the seed's and our phone Action's). */
  maxBodyBytes: 16 * 1024,
  /** An email payload: Auth0's rendered HTML and text with their context; 413 beyond. */
  maxEmailBodyBytes: 256 * 1024,
  maxMessageTextChars: 1600,
  maxIdempotencyKeyChars: 200,
  maxLabelChars: 200,
  maxEmailChars: 254,
  maxUserIdChars: 256,
  maxClientIdChars: 128,
  maxTenantChars: 128,
} as const;

/**
 * The sender gives up after senderTimeoutMs (then Auth0 retries); the webhook
 * answers 503 before that when Firestore is slower than storeDeadlineMs, so the
 * sender learns why instead of timing out.
 */
export const TIMING = {
  senderTimeoutMs: 10_000,
  storeDeadlineMs: 8_000,
} as const;

/** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
export const OTP_CODE_PATTERN = /^\d{4,10}$/;
/** Auth0 locales such as en_US, pt-BR. */
export const LOCALE_PATTERN = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/;
/** zod's email pattern (what z.email() checks), here so the Action can check without zod. */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export const isE164 = (value: string): boolean => E164_PATTERN.test(value);

// The part of Auth0's custom-phone-provider trigger (v1) this Action reads,
// and the context and api it shares with custom-email-provider.
// Auth0 documents more fields; every field here is optional unless Auth0
// always sends it, so a missing one can never crash the Action.

export interface PhoneNotification {
  /** E.164 number of the recipient. */
  recipient: string;
  /** Present for otp_verify and otp_enroll only. */
  code?: string;
  as_text?: string;
  as_voice?: string;
  /** "text" | "voice" today; kept as string so a new value is reported, not mistyped. */
  delivery_method: string;
  /** "otp_verify" | "otp_enroll" | "blocked_account" | "change_password" | "password_breach". */
  message_type: string;
  from?: string;
  locale?: string;
}

/**
 * What the custom-phone-provider and custom-email-provider events share: the
 * context around the notification. Each trigger's event adds its own
 * `notification` (email-event.ts has the email one).
 */
export interface Auth0EventContext {
  user?: {
    user_id?: string;
    email?: string;
    name?: string;
    nickname?: string;
    phone_number?: string;
  };
  client?: { client_id?: string; name?: string };
  /** `id` is the tenant name. */
  tenant?: { id?: string };
  request?: { ip?: string; user_agent?: string };
  secrets?: Record<string, string | undefined>;
  transaction?: { correlation_id?: string };
}

export interface CustomPhoneProviderEvent extends Auth0EventContext {
  notification: PhoneNotification;
}

/** `api.notification` as both notification triggers offer it. */
export interface NotificationApi {
  notification: {
    /** Failed for good: Auth0 logs the reason and never retries. */
    drop(reason: string): void;
    /** Failed but recoverable: Auth0 retries the notification later (up to 5 times). */
    retry(reason: string): void;
  };
}

export type CustomPhoneProviderApi = NotificationApi;

/** Names of the Action secrets (set by `npm run auth0:setup`), the same for both Actions. */
export const SECRET_NAMES = {
  url: "OTP_WEBHOOK_URL",
  secret: "OTP_WEBHOOK_SECRET",
  /** Optional: milliseconds to wait for the webhook; default and bounds in deliver.ts. */
  timeoutMs: "OTP_WEBHOOK_TIMEOUT_MS",
} as const;

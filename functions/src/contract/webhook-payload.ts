// The one definition of what the webhook accepts. The seed article's Action
// sends {recipient, messageText, code}; our phone Action adds the context
// fields; our email Action sends {channel: "email", to, subject, html, …}.
import * as z from "zod";
import { EMAIL_LIMITS, EMAIL_MESSAGE_TYPE_PATTERN, utf8Length } from "./email-limits.js";
import {
  DELIVERY_METHODS,
  E164_PATTERN,
  EMAIL_PATTERN,
  LIMITS,
  LOCALE_PATTERN,
  MESSAGE_TYPES,
  OTP_CODE_PATTERN,
  OTP_MESSAGE_TYPES,
} from "./notification.js";

const shortText = (max: number) => z.string().trim().min(1).max(max);

// z.object() strips unknown keys: they are dropped, never stored.
const userSchema = z
  .object({
    id: shortText(LIMITS.maxUserIdChars).optional(),
    email: z
      .string()
      .max(LIMITS.maxEmailChars)
      .regex(EMAIL_PATTERN, "must be an email address")
      .optional(),
    name: shortText(LIMITS.maxLabelChars).optional(),
  })
  .optional();

const clientSchema = z
  .object({
    id: shortText(LIMITS.maxClientIdChars).optional(),
    name: shortText(LIMITS.maxLabelChars).optional(),
  })
  .optional();

const emailAddress = z
  .string()
  .trim()
  .max(LIMITS.maxEmailChars)
  .regex(EMAIL_PATTERN, "must be an email address");

const maxBytes = (limit: number) =>
  z.string().refine((value) => utf8Length(value) <= limit, `must be at most ${limit} bytes`);

/**
 * An email as the custom-email-provider Action forwards Auth0's
 * event.notification (https://auth0.com/docs/customize/actions/explore-triggers/
 * signup-and-login-triggers/custom-email-provider-trigger), with the user,
 * client and tenant. Any messageType is accepted: passwordless arrives with one
 * Auth0 does not document. The code and links are extracted from the HTML by
 * the webhook (functions/src/email/extract.ts), never sent.
 */
export const emailWebhookPayloadSchema = z.object({
  channel: z.literal("email"),
  /** notification.to: whom Auth0 sent it to (an email-MFA method may differ from the profile). */
  to: emailAddress.transform((value) => value.toLowerCase()),
  from: emailAddress.optional(),
  subject: z.string().max(EMAIL_LIMITS.maxSubjectChars).default(""),
  html: maxBytes(EMAIL_LIMITS.maxHtmlBytes).refine(
    (value) => value.trim().length > 0,
    "must be the email's rendered HTML",
  ),
  text: maxBytes(EMAIL_LIMITS.maxTextBytes).optional(),
  locale: z.string().regex(LOCALE_PATTERN, "must be a locale such as en_US").optional(),
  messageType: z
    .string()
    .min(1)
    .max(EMAIL_LIMITS.maxMessageTypeChars)
    .regex(EMAIL_MESSAGE_TYPE_PATTERN, "must be a message type such as verify_email"),
  user: userSchema,
  client: clientSchema,
  tenant: shortText(LIMITS.maxTenantChars).optional(),
});

/** What the email Action posts (defaults not yet applied). */
export type EmailWebhookRequestBody = z.input<typeof emailWebhookPayloadSchema>;
export type EmailWebhookPayload = z.output<typeof emailWebhookPayloadSchema>;

/** An email payload says so; anything else is a phone payload. */
export const isEmailBody = (body: unknown): boolean =>
  typeof body === "object" && body !== null && (body as { channel?: unknown }).channel === "email";

export const otpWebhookPayloadSchema = z
  .object({
    recipient: z.string().regex(E164_PATTERN, "must be an E.164 phone number such as +61400000001"),
    code: z.string().regex(OTP_CODE_PATTERN, "must be 4 to 10 digits").optional(),
    messageText: z.string().max(LIMITS.maxMessageTextChars).default(""),
    messageType: z.enum(MESSAGE_TYPES).default("otp_verify"),
    deliveryMethod: z.enum(DELIVERY_METHODS).default("text"),
    locale: z.string().regex(LOCALE_PATTERN, "must be a locale such as en_US").optional(),
    user: userSchema,
    client: clientSchema,
    tenant: shortText(LIMITS.maxTenantChars).optional(),
    /** Marks `npm run doctor`'s test notice (see probe.ts); absent on every real code. */
    probe: z.literal(true).optional(),
  })
  .superRefine((payload, ctx) => {
    if (OTP_MESSAGE_TYPES.includes(payload.messageType) && payload.code === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["code"],
        message: `is required for messageType ${payload.messageType}`,
      });
    }
  });

/** What a sender may post (defaults not yet applied). */
export type OtpWebhookRequestBody = z.input<typeof otpWebhookPayloadSchema>;
/** What the webhook works with after validation. */
export type OtpWebhookPayload = z.output<typeof otpWebhookPayloadSchema>;

export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.maxIdempotencyKeyChars)
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

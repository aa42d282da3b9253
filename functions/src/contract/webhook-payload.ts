// The one definition of what the webhook accepts. The seed article's Action
// sends {recipient, messageText, code}; our Action adds the context fields.
import * as z from "zod";
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
export const otpWebhookPayloadSchema = z
  .object({
    recipient: z.string().regex(E164_PATTERN, "must be an E.164 phone number such as +61400000001"),
    code: z.string().regex(OTP_CODE_PATTERN, "must be 4 to 10 digits").optional(),
    messageText: z.string().max(LIMITS.maxMessageTextChars).default(""),
    messageType: z.enum(MESSAGE_TYPES).default("otp_verify"),
    deliveryMethod: z.enum(DELIVERY_METHODS).default("text"),
    locale: z.string().regex(LOCALE_PATTERN, "must be a locale such as en_US").optional(),
    user: z
      .object({
        id: shortText(LIMITS.maxUserIdChars).optional(),
        email: z
          .string()
          .max(LIMITS.maxEmailChars)
          .regex(EMAIL_PATTERN, "must be an email address")
          .optional(),
        name: shortText(LIMITS.maxLabelChars).optional(),
      })
      .optional(),
    client: z
      .object({
        id: shortText(LIMITS.maxClientIdChars).optional(),
        name: shortText(LIMITS.maxLabelChars).optional(),
      })
      .optional(),
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

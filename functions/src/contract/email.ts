// What an email's extraction is, as the webhook stores it and the page and the
// scripts read it: the one-time code, the links and the one link the email asks
// its reader to click. The extraction module (functions/src/email/extract.ts)
// produces exactly this; its property tests hold it to these schemas.
import * as z from "zod";
import { EMAIL_LIMITS, EMAIL_MESSAGE_TYPE_PATTERN, utf8Length } from "./email-limits.js";
import { LOCALE_PATTERN, OTP_CODE_PATTERN } from "./notification.js";

// Zod-free, so the Action can use them; re-exported so existing imports keep working.
export { EMAIL_LIMITS, EMAIL_MESSAGE_TYPE_PATTERN, utf8Length };

/** Auth0's documented custom-email-provider message types; others (passwordless) also arrive. */
export const EMAIL_MESSAGE_TYPES = [
  "verify_email",
  "verify_email_by_code",
  "reset_email",
  "reset_email_by_code",
  "welcome_email",
  "verification_code",
  "mfa_oob_code",
  "enrollment_email",
  "blocked_account",
  "stolen_credentials",
  "try_provider_configuration_email",
  "organization_invitation",
] as const;
export type EmailMessageType = (typeof EMAIL_MESSAGE_TYPES)[number];

/** Documented types whose email carries a one-time code in Auth0's templates. */
export const EMAIL_CODE_MESSAGE_TYPES: readonly string[] = [
  "verify_email_by_code",
  "reset_email_by_code",
  "verification_code",
  "mfa_oob_code",
];

/**
 * A code is 4 to 10 ASCII digits, the phone codes' rule. Letters are refused on
 * purpose: Auth0 generates the value of `{{ code }}` (digits), templates only
 * move it around, and accepting letters would let words such as "CODE2026" in.
 */
export const EMAIL_CODE_PATTERN = OTP_CODE_PATTERN;

/** Absolute http(s) only: mailto:, tel:, javascript:, data: and relative links never get here. */
export const EMAIL_LINK_URL_PATTERN = /^https?:\/\/[^\s]+$/i;

// A plain interface, not the schema's inferred output: the client module's
// bundled .d.ts (scripts/inbox-client) names it and must not carry the
// validation library's types. The schema below is checked against it.
/** A link in an email, as stored and as the codes API answers it. */
export interface EmailLink {
  url: string;
  /** The anchor's visible text, whitespace-collapsed, entities decoded; may be empty (an image link). */
  text: string;
}

export const emailLinkSchema = z.object({
  url: z.string().max(EMAIL_LIMITS.maxUrlChars).regex(EMAIL_LINK_URL_PATTERN),
  text: z.string().max(EMAIL_LIMITS.maxLinkTextChars),
}) satisfies z.ZodType<EmailLink>;

export const emailExtractionSchema = z
  .object({
    /** null when the email carries no code we are confident of: never a guess. */
    code: z.string().regex(EMAIL_CODE_PATTERN).nullable(),
    links: z.array(emailLinkSchema).max(EMAIL_LIMITS.maxLinks),
    /** The link the email asks its reader to click; null when it asks for none. */
    mainLink: emailLinkSchema.nullable(),
    /** True when the email held more distinct links than maxLinks. */
    linksTruncated: z.boolean(),
  })
  .refine(
    (value) =>
      value.mainLink === null || value.links.some((link) => link.url === value.mainLink?.url),
    { path: ["mainLink"], message: "must be one of links" },
  );
export type EmailExtraction = z.output<typeof emailExtractionSchema>;

const maxBytes = (limit: number) =>
  z.string().refine((value) => utf8Length(value) <= limit, `must be at most ${limit} bytes`);

/** What the extraction reads: the fields of Auth0's event.notification it needs. */
export const emailExtractionInputSchema = z.object({
  html: maxBytes(EMAIL_LIMITS.maxHtmlBytes).refine(
    (value) => value.trim().length > 0,
    "must be the email's rendered HTML",
  ),
  text: maxBytes(EMAIL_LIMITS.maxTextBytes).optional(),
  subject: z.string().max(EMAIL_LIMITS.maxSubjectChars).optional(),
  locale: z.string().regex(LOCALE_PATTERN, "must be a locale such as en_US").optional(),
  // Any type is accepted (passwordless' is undocumented); only its shape is checked.
  message_type: z
    .string()
    .max(EMAIL_LIMITS.maxMessageTypeChars)
    .regex(EMAIL_MESSAGE_TYPE_PATTERN, "must be a message type such as verify_email")
    .optional(),
});
export type EmailExtractionInput = z.input<typeof emailExtractionInputSchema>;

/** Why an email could not be read, naming the notification field at fault. */
export interface EmailExtractionRefusal {
  field: string;
  message: string;
}

export type EmailExtractionResult =
  | { ok: true; value: EmailExtraction }
  | { ok: false; refusal: EmailExtractionRefusal };

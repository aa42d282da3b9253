// Where things live in Firestore and what each document holds. Generic over
// the timestamp type so the Admin SDK, the web SDK and plain tests share it.
import type { Channel } from "./channel.js";
import type { EmailLink, EmailMessageType } from "./email.js";
import type { DeliveryMethod, MessageType } from "./notification.js";

export const COLLECTIONS = {
  /** One document per received notification. */
  codes: "otpCodes",
  /** Document id is the E.164 number: its demo users (scripts); `seen` only in older documents. */
  phoneLabels: "phoneLabels",
  /**
   * Everyone a code or an email named who is nobody's demo user, one document
   * per person (StoredPerson in people.ts), written by the webhook at their first code.
   */
  people: "people",
  /** Access configuration documents (allow-list), written by an admin command. */
  config: "config",
  /** One document per refused delivery (rate-limited, short TTL): why no code is showing. */
  refusals: "otpRefusals",
  /**
   * An email's HTML and text, under its otpCodes document's id: read only when
   * someone opens "View email", so the page's one query stays small.
   */
  emailBodies: "otpEmailBodies",
} as const;

/** config/access holds the allow-list; no browser may read it. */
export const ACCESS_DOC_ID = "access";
/** config/public says whether public mode is on; every browser may read it. */
export const PUBLIC_MODE_DOC_ID = "public";

/** A phone message type, an email's (documented or not: passwordless' is not). */
export type StoredMessageType = MessageType | EmailMessageType | (string & Record<never, never>);

/** What an email carried, as the webhook extracted it (functions/src/email/extract.ts). */
export interface StoredEmail {
  subject: string;
  from?: string;
  /** Every http(s) link, in document order, at most EMAIL_LIMITS.maxLinks. */
  links: EmailLink[];
  /** The link the email asks its reader to click (verify, reset, magic link …); null when none. */
  mainLink: EmailLink | null;
  linksTruncated: boolean;
}

export interface StoredCode<Ts> {
  /** A phone number, or for an email the address it was sent to (lower case). */
  recipient: string;
  /** Empty for notices that carry no code (blocked account, password notices, a link email). */
  code: string;
  messageText: string;
  messageType: StoredMessageType;
  /** For an email: "email". */
  deliveryMethod: DeliveryMethod | "email";
  /** Absent in documents stored before email: then a phone code (see channelOf in channel.ts). */
  channel?: Channel;
  /** Present on emails only. */
  email?: StoredEmail;
  /** Who the code is for, resolved when it arrived (codeOwner in label.ts); may be empty. */
  label: string;
  /**
   * Lower-case names the code answers to in the codes API's `user=` (ownerNames
   * in label.ts). Absent in codes stored before the API existed.
   */
  owners?: string[];
  receivedAt: Ts;
  /** Firestore TTL deletes the document some time after this instant. */
  expireAt: Ts;
  locale?: string;
  user?: { id?: string; email?: string; name?: string };
  client?: { id?: string; name?: string };
  tenant?: string;
  /** `npm run doctor`'s test notice, not anyone's code (see probe.ts). */
  probe?: true;
}

/** otpEmailBodies/{otpCodes id}: the email as sent, for "View email". Same TTL as its code. */
export interface StoredEmailBody<Ts> {
  html: string;
  text?: string;
  expireAt: Ts;
}

/**
 * otpRefusals/{auto id}: a delivery the webhook refused, so the page can say
 * why no code is showing. Never the code, the token, the message or the body.
 */
export interface StoredRefusal<Ts> {
  status: number;
  /** The webhook's error code (WebhookErrorCode in functions/src/webhook/errors.ts). */
  error: string;
  /** What the sender must fix: a payload field's path, "body", or a header's name. */
  field?: string;
  /** The payload's messageType, when the body said one (for an email, a documented one). */
  messageType?: MessageType | EmailMessageType;
  /** "email" when the refused body was an email payload; absent for phone payloads and unreadable bodies. */
  channel?: Channel;
  /**
   * The recipient the body named, masked: a number by maskRecipient, an
   * email's `to` by maskEmailAddress (refusals.ts).
   */
  recipient?: string;
  refusedAt: Ts;
  /** Firestore TTL deletes the document some time after this instant. */
  expireAt: Ts;
  /**
   * The per-minute limit was reached with this one: the function instance
   * records no more refusals until the next minute, so there were more.
   */
  limitReached?: boolean;
}

/** One demo user of a number, as the scripts write it from the demo users file. */
export interface LabelledUser {
  /** What the inbox shows for the user (the email unless the file names them). */
  label: string;
  /** Lower case. Absent only in documents from before emails were stored. */
  email?: string;
  /** Position in the demo users file: the order of the pinned cards and of keys 1–9. */
  order: number;
}

/** Someone a payload named on this number who is not one of its demo users. */
export interface SeenUser<Ts> {
  /** The payload's email, else its name. */
  label: string;
  email?: string;
  /** The function's clock when their first code for this number arrived. */
  firstSeenAt: Ts;
}

/**
 * phoneLabels/{E.164}. The scripts write `users` and `updatedAt`. `seen` is
 * what the webhook merged in before people/ existed: read, no longer written.
 */
export interface PhoneLabel<Ts> {
  /** In the demo users file's order; several when demo users share the number. */
  users?: LabelledUser[];
  updatedAt?: Ts;
  /** Keyed by the user's identity (see userIdentity in phone-labels.ts). */
  seen?: Record<string, SeenUser<Ts>>;
}

/** What phoneLabels documents held before `users`: read, never written. */
export interface LegacyPhoneLabel<Ts> {
  label: string;
  updatedAt: Ts;
}

export interface AccessConfig {
  /** Lower-case email addresses allowed to read codes. */
  emails: string[];
  /** Lower-case domains (without @) whose verified addresses may read codes. */
  domains: string[];
}

export interface PublicModeConfig {
  /** Anyone, signed in or not, may read codes and labels: the seed's behaviour. Off unless set. */
  enabled: boolean;
}

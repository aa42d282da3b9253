// The codes API (GET /api/codes/latest): what a caller may ask and what it is
// answered. Plain constants and types only, so the function, the CLI and the
// dependency-free client module share one definition.
import { type Channel, PHONE_CHANNELS } from "./channel.js";
import type { EmailLink } from "./email.js";
import type { StoredMessageType } from "./firestore-schema.js";
import type { DeliveryMethod } from "./notification.js";

/** Path on the Hosting origin (a rewrite to the function). */
export const CODES_API_PATH = "/api/codes/latest";

/** The query parameters, each named in the 400 that refuses its value. */
export const CODES_API_PARAMETERS = [
  "user",
  "recipient",
  "since",
  "after",
  "wait",
  "type",
  "channel",
  "minValidSeconds",
] as const;
export type CodesApiParameter = (typeof CODES_API_PARAMETERS)[number];

export const CODES_API_LIMITS = {
  /** The longest a request may be held waiting; the function's timeout is above it. */
  maxWaitSeconds: 30,
  /**
   * Shorter read tokens are ignored: a guessable token is worse than none, and
   * it gives the secret a value that turns the API off (`off`).
   */
  minTokenChars: 16,
  /** Epoch values below this are seconds, not milliseconds (before 1973 as ms). */
  minEpochMillis: 100_000_000_000,
  /**
   * Message types one request may list. Firestore allows 30 disjunctions per
   * query: types times delivery methods (2 without a channel) stays below it.
   */
  maxTypes: 10,
} as const;

/**
 * `channel=authenticator`: a demo user's authenticator (TOTP) code, computed
 * by the inbox from the secret it holds, never received. Not a stored code's
 * channel (contract/channel.ts), so it is the API's alone.
 */
export const AUTHENTICATOR_CHANNEL = "authenticator";
export type CodesApiChannel = Channel | typeof AUTHENTICATOR_CHANNEL;

export const AUTHENTICATOR_API_LIMITS = {
  /**
   * A login test types the code after it is answered: by default it is
   * answered with at least 5 seconds to live, so it never races the rollover.
   */
  defaultMinValidSeconds: 5,
  /**
   * A request may be held until the next step begins (at most this long):
   * more would hold it most of a step for nothing a login needs.
   */
  maxMinValidSeconds: 25,
} as const;

/**
 * 200's body for `channel=authenticator`: the code current when answered,
 * valid for at least `minValidSeconds` more. Never the secret.
 */
export interface AuthenticatorCodeAnswer {
  code: string;
  channel: typeof AUTHENTICATOR_CHANNEL;
  /** The person, as the authenticator was stored (their email, or a label). */
  label: string;
  /** ISO 8601: the start of the code's 30-second step. */
  validFrom: string;
  /** ISO 8601: the end of its step, when the next code takes over. */
  expireAt: string;
  /** Whole seconds from the answer to expireAt. */
  validSeconds: number;
}

/**
 * What answers when a request names no channel: phone codes only, as before
 * emails existed, so a login test written for SMS never receives an email's
 * code (a signup sends both a verification email and, later, an SMS).
 */
export const CODES_API_DEFAULT_CHANNELS: readonly Channel[] = PHONE_CHANNELS;

/** Seconds a caller should wait before asking again after an empty wait or a refusal. */
export const CODES_API_RETRY_AFTER = {
  emptyWait: 1,
  busy: 2,
  unavailable: 5,
} as const;

/** 200's body: the newest matching code that has not expired. */
export interface LatestCodeAnswer {
  id: string;
  code: string;
  recipient: string;
  /** Who the code is for, as the inbox shows it; "" when nobody is known. */
  label: string;
  messageType: StoredMessageType;
  deliveryMethod: DeliveryMethod | "email";
  /** sms, voice or email. */
  channel: Channel;
  /** Emails only: the subject, every link, and the main link when the email asks for a click. */
  subject?: string;
  links?: EmailLink[];
  link?: EmailLink;
  /** ISO 8601. */
  receivedAt: string;
  /** ISO 8601: the code is never returned after this instant. */
  expireAt: string;
  /** Present on `npm run doctor`'s test notices (functions/contract/probe), never anyone's code. */
  probe?: true;
}

/** The error codes the API answers with, inside the usual `{"error":{"code","message"}}`. */
export type CodesApiErrorCode =
  | "method_not_allowed"
  | "not_found"
  | "api_off"
  | "unauthorized"
  | "invalid_parameter"
  | "busy"
  | "unavailable"
  /** channel=authenticator for a user the inbox holds no authenticator for. */
  | "no_authenticator";

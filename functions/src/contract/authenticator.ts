// Authenticator (TOTP) factors of demo users: the parameters every code is
// computed with, where the inbox keeps what it knows, and what the page and
// the codes API are answered. Constants and types only: the page imports this
// file, and nothing here may ever carry a secret to a browser.

/**
 * RFC 6238's defaults, which Auth0's enrolment QR names (SHA1, 6 digits,
 * 30-second steps). An `otpauth://` URI asking for anything else is refused:
 * Auth0 would not accept its codes.
 */
export const TOTP = {
  algorithm: "SHA1",
  digits: 6,
  periodSeconds: 30,
  /** RFC 4226 §4: a shared secret of at least 128 bits; we make 160. */
  minSecretBytes: 16,
  newSecretBytes: 20,
} as const;

/** Where authenticators live; document id is the person's key (contract/label `userKey`). */
export const AUTHENTICATOR_COLLECTIONS = {
  /**
   * That a person has an authenticator, and its Auth0 details: no secret.
   * Readable by whoever may read codes, so the page knows whose card gets one.
   */
  authenticators: "authenticators",
  /** The base32 secret alone. No client reads or writes it, whatever the mode (firestore.rules). */
  secrets: "authenticatorSecrets",
} as const;

/** How the inbox came to hold the secret. */
export type AuthenticatorSource = "enrolled" | "added";

/** `authenticators/{personKey}`: what the page may know about a person's authenticator. */
export interface StoredAuthenticator<Time = unknown> {
  /** The person as the inbox shows them (their email, lower case, or their label). */
  label: string;
  /** Lower-case email of the demo user, when known. */
  email?: string;
  /** Auth0's user id (auth0|…), when known. */
  userId?: string;
  /** Auth0's authentication method id (totp|dev_…) when the inbox enrolled it. */
  methodId?: string;
  /** The method's name at Auth0, which says it belongs to the inbox. */
  name: string;
  source: AuthenticatorSource;
  createdAt: Time;
}

/** `authenticatorSecrets/{personKey}`: server-only. */
export interface StoredAuthenticatorSecret<Time = unknown> {
  /** RFC 4648 base32, upper case, no padding. */
  secret: string;
  createdAt: Time;
}

/** The name enrolment gives the method at Auth0, so a later run knows it as ours. */
export const AUTHENTICATOR_METHOD_NAME = "Shared SMS Inbox";

/** One step's code, as served (never the secret). */
export interface AuthenticatorStepCode {
  code: string;
  /** Epoch ms: the step's first instant. */
  validFrom: number;
  /** Epoch ms: the first instant the code is no longer current. */
  validUntil: number;
}

/** The page's endpoint: every person's current and next code. */
export const AUTHENTICATOR_CODES_PATH = "/api/authenticator/codes";

export interface AuthenticatorCodesAnswer {
  /** Epoch ms on the server when it answered. */
  serverTime: number;
  periodSeconds: number;
  people: Array<{
    /** The authenticators document id (the person's key). */
    key: string;
    label: string;
    /** The current step's code, then the next one's. */
    codes: [AuthenticatorStepCode, AuthenticatorStepCode];
  }>;
}

/** The error codes the page's endpoint answers with, inside `{"error":{"code","message"}}`. */
export type AuthenticatorCodesErrorCode =
  | "method_not_allowed"
  | "not_found"
  | "invalid_parameter"
  /** No credential, or one that is neither a read token nor a valid Firebase ID token. */
  | "unauthorized"
  /** A valid sign-in whose email is not on the allow-list (public mode off). */
  | "forbidden"
  | "unavailable";

// Who may read codes, decided as firestore.rules decides it (`mayReadCodes`),
// for the functions that serve codes to people (the page's authenticator
// endpoint): one pure function, tested against the same table of cases as
// the rules (functions/test/support/allow-list-cases.ts), so the two cannot
// drift apart unnoticed.
import type { AccessConfig } from "../contract/firestore-schema.js";

/** The claims of a verified Firebase ID token that the rules read (request.auth.token). */
export interface SignInClaims {
  email?: unknown;
  email_verified?: unknown;
}

/** config/access and config/public as the rules see them. */
export interface AccessState {
  /** undefined: config/access does not exist, which the rules treat as an error, so a denial. */
  access: unknown;
  /** config/public's `enabled` field as stored (on only when exactly true). */
  publicEnabled: unknown;
}

// The rules' `email.matches('[^@]+@[^@]+')`: RE2's matches() must match the whole string.
const ONE_AT = /^[^@]+@[^@]+$/;

const listField = (
  access: Record<string, unknown>,
  field: keyof AccessConfig,
): unknown[] | null => {
  const value = access[field];
  if (value === undefined) return [];
  // The rules' `in` on something that is not a list is an error: a denial.
  return Array.isArray(value) ? value : null;
};

/**
 * The rules' onAllowList(): a verified email, compared in lower case, that is
 * on the list exactly or whose domain (everything after its single @) is.
 * The list is compared as stored, as the rules do: `npm run access` writes it
 * normalised.
 */
export function onAllowList(claims: SignInClaims, access: unknown): boolean {
  if (typeof access !== "object" || access === null || Array.isArray(access)) return false;
  if (claims.email_verified !== true) return false;
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : "";
  if (!ONE_AT.test(email)) return false;
  // In the rules' order: `||` stops at a listed email before reading the domains.
  const emails = listField(access as Record<string, unknown>, "emails");
  if (emails === null) return false;
  if (emails.includes(email)) return true;
  const domains = listField(access as Record<string, unknown>, "domains");
  return domains?.includes(email.split("@")[1]) ?? false;
}

export const publicModeOn = (state: Pick<AccessState, "publicEnabled">): boolean =>
  state.publicEnabled === true;

/**
 * The rules' mayReadCodes(): public mode, or a signed-in caller on the
 * allow-list. `claims` undefined: nobody signed in.
 */
export function mayReadCodes(state: AccessState, claims: SignInClaims | undefined): boolean {
  return publicModeOn(state) || (claims !== undefined && onAllowList(claims, state.access));
}

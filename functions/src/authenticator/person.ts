// Whose authenticator: a demo user named by their email or label, as the add
// command and the codes API's `user=` take them. The document id is the
// person's key (contract/label.ts userKey), so both find the same document.
import { ownerName, userKey } from "../contract/label.js";
import { EMAIL_PATTERN, LIMITS } from "../contract/notification.js";

export interface AuthenticatorPerson {
  /** authenticators/{key} and authenticatorSecrets/{key}. */
  key: string;
  /** The email in lower case, or the label as given (trimmed). */
  label: string;
  email?: string;
}

/** The person an email or label names, or why it names nobody (the message names no parameter). */
export function authenticatorPerson(
  input: string,
): { ok: true; person: AuthenticatorPerson } | { ok: false; message: string } {
  const trimmed = input.trim();
  if (trimmed === "" || trimmed.length > LIMITS.maxLabelChars)
    return {
      ok: false,
      message: `must be a demo user's email or label (1–${LIMITS.maxLabelChars} characters)`,
    };
  if (EMAIL_PATTERN.test(trimmed)) {
    const email = trimmed.toLowerCase();
    return { ok: true, person: { key: userKey({ email, label: email }), label: email, email } };
  }
  return { ok: true, person: { key: userKey({ label: trimmed }), label: trimmed } };
}

/** The person, for input already known to be valid (tests, seeds); throws otherwise. */
export function requireAuthenticatorPerson(input: string): AuthenticatorPerson {
  const parsed = authenticatorPerson(input);
  if (!parsed.ok) throw new Error(`The user ${parsed.message}.`);
  return parsed.person;
}

/** The key a `user=` asks for: the same document whether it was added by email or by label. */
export const authenticatorKeyFor = (user: string): string => userKey({ label: ownerName(user) });

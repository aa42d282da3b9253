// What to tell someone whose sign-in failed. null: nothing to say (they
// closed the popup themselves).

const MESSAGES: Record<string, string | null> = {
  "auth/popup-closed-by-user": null,
  "auth/cancelled-popup-request": null,
  "auth/user-cancelled": null,
  "auth/invalid-email": "That does not look like an email address.",
  "auth/missing-email": "Enter your email address first.",
  "auth/invalid-action-code":
    "This sign-in link has expired or has already been used. Ask for a new one.",
  "auth/expired-action-code": "This sign-in link has expired. Ask for a new one.",
  "auth/network-request-failed":
    "Could not reach the sign-in service. Check the connection and try again.",
  "auth/unauthorized-domain":
    "This site's domain is not authorised for sign-in in the Firebase project " +
    "(Authentication → Settings → Authorised domains).",
  "auth/unauthorized-continue-uri":
    "This site's domain is not authorised for sign-in links in the Firebase project.",
  "auth/operation-not-allowed": "This sign-in method is not enabled in the Firebase project.",
  "auth/popup-blocked":
    "The browser blocked Google's sign-in window. Allow pop-ups for this site (the icon at the " +
    "end of the address bar), then choose Continue with Google again, or sign in with an email link.",
  "auth/user-disabled": "This account has been disabled.",
  "auth/too-many-requests": "Too many attempts. Wait a minute and try again.",
};

export function describeAuthError(code: string): string | null {
  if (Object.hasOwn(MESSAGES, code)) return MESSAGES[code] ?? null;
  return `Sign-in failed (${code}). Try again, or use the other sign-in method.`;
}

/** A pragmatic check before asking Firebase: something@something.something. */
export const looksLikeEmail = (value: string): boolean =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

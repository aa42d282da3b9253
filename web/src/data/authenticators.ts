// Authenticators (TOTP) of demo users: who has one (authenticators/*, a
// listener like the labels'), and their codes, asked of the inbox's endpoint
// with the signed-in reader's ID token. The page never reads a secret: the
// rules deny authenticatorSecrets to every browser, and the endpoint answers
// codes only.
import type { Auth } from "firebase/auth";
import type { Firestore } from "firebase/firestore";
import {
  AUTHENTICATOR_CODES_PATH,
  AUTHENTICATOR_COLLECTIONS,
  type AuthenticatorCodesAnswer,
} from "functions/contract/authenticator";
import {
  type InboxAuthenticator,
  parseAuthenticatorAnswer,
  parseStoredAuthenticator,
} from "../logic/authenticator.js";
import {
  AuthenticatorCodesFailure,
  type SnapshotHandlers,
  type Unsubscribe,
} from "./inbox-data.js";
import { watchCollection } from "./watch-collection.js";

export function watchAuthenticators(
  db: Firestore,
  handlers: SnapshotHandlers<InboxAuthenticator[]>,
): Unsubscribe {
  return watchCollection(
    db,
    AUTHENTICATOR_COLLECTIONS.authenticators,
    parseStoredAuthenticator,
    handlers,
    { includeMetadataChanges: true },
  );
}

/** A request that has not answered by then has failed: the page tries again. */
export const AUTHENTICATOR_REQUEST_TIMEOUT_MS = 8000;

/**
 * GET /api/authenticator/codes on this page's origin (Hosting rewrites it to
 * the function), with the signed-in reader's ID token (refreshed by the SDK
 * when it is near expiry); without one while signed out, which the endpoint
 * accepts only in public mode. Never cached: codes change every step.
 */
export async function readAuthenticatorCodes(auth: Auth): Promise<AuthenticatorCodesAnswer> {
  const user = auth.currentUser;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (user) headers.Authorization = `Bearer ${await user.getIdToken()}`;
  // A timer, not AbortSignal.timeout, which Safari before 16 lacks.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), AUTHENTICATOR_REQUEST_TIMEOUT_MS);
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(AUTHENTICATOR_CODES_PATH, {
      headers,
      cache: "no-store",
      credentials: "omit",
      signal: controller.signal,
    });
    // An unreadable body (a proxy's HTML page) is judged below, by its status.
    body = await response.json().catch(() => null);
  } catch (error) {
    const timedOut = controller.signal.aborted;
    throw new AuthenticatorCodesFailure(
      null,
      timedOut ? "timeout" : "network",
      timedOut
        ? `no answer within ${AUTHENTICATOR_REQUEST_TIMEOUT_MS / 1000} s`
        : `the request failed (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    throw new AuthenticatorCodesFailure(
      response.status,
      typeof error?.code === "string" ? error.code : "http",
      typeof error?.message === "string" ? error.message : response.statusText,
    );
  }
  const answer = parseAuthenticatorAnswer(body);
  if (!answer)
    throw new AuthenticatorCodesFailure(null, "unreadable", "the server's answer was unreadable");
  return answer;
}

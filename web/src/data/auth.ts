// Sign-in: Google and email links. The page never signs anyone in by itself.

import {
  type Auth,
  GoogleAuthProvider,
  isSignInWithEmailLink,
  onAuthStateChanged,
  sendSignInLinkToEmail,
  signInWithCredential,
  signInWithEmailLink,
  signInWithPopup,
  signOut,
  type User,
} from "firebase/auth";
import { emulatedGoogleSubject } from "functions/contract/local-stack";
import type { InboxConfig } from "../config.js";
import type { SignedInUser } from "../logic/types.js";
import { type AuthActions, AuthFailure, type Unsubscribe } from "./inbox-data.js";

/** Where the address waits while the user fetches the link from their mailbox. */
const EMAIL_FOR_SIGN_IN_KEY = "sms-inbox.emailForSignIn";

function toUser(user: User): SignedInUser {
  return {
    uid: user.uid,
    email: user.email,
    emailVerified: user.emailVerified,
    displayName: user.displayName,
  };
}

export function watchAuth(auth: Auth, next: (user: SignedInUser | null) => void): Unsubscribe {
  return onAuthStateChanged(auth, (user) => next(user ? toUser(user) : null));
}

async function failing<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    throw new AuthFailure(
      typeof code === "string" ? code : "auth/unknown",
      typeof message === "string" ? message : String(error),
    );
  }
}

function readStoredEmail(): string | null {
  try {
    return localStorage.getItem(EMAIL_FOR_SIGN_IN_KEY);
  } catch {
    return null; // storage disabled: the page asks for the address instead
  }
}

function storeEmail(email: string | null): void {
  try {
    if (email === null) localStorage.removeItem(EMAIL_FOR_SIGN_IN_KEY);
    else localStorage.setItem(EMAIL_FOR_SIGN_IN_KEY, email);
  } catch {
    // Not fatal: completing the link on this device will ask for the address.
  }
}

/** This page without the link's query string: where links return, and what stays after sign-in. */
const pageUrl = (): string => `${location.origin}${location.pathname}`;

export function authActions(auth: Auth, config: InboxConfig): AuthActions {
  const actions: AuthActions = {
    signInWithGoogle: () =>
      failing(async () => {
        const provider = new GoogleAuthProvider();
        provider.setCustomParameters({ prompt: "select_account" });
        // Popup only. A redirect would be no fallback: it keeps its state on the
        // authDomain (<project>.firebaseapp.com), which browsers that block
        // third-party storage (Safari, Firefox, Chrome without third-party
        // cookies) do not let this page read back. A blocked popup is reported
        // (auth/popup-blocked) with what to do; see logic/auth-errors.ts.
        await signInWithPopup(auth, provider);
      }),
    sendSignInLink: (email) =>
      failing(async () => {
        await sendSignInLinkToEmail(auth, email, { url: pageUrl(), handleCodeInApp: true });
        storeEmail(email);
      }),
    pendingSignInLink: () =>
      isSignInWithEmailLink(auth, location.href) ? { email: readStoredEmail() } : null,
    completeSignInLink: (email) =>
      failing(async () => {
        await signInWithEmailLink(auth, email, location.href);
        storeEmail(null);
        history.replaceState(null, "", pageUrl());
      }),
    signOut: () => failing(() => signOut(auth)),
  };
  const emulators = config.emulators;
  if (import.meta.env.MODE === "emulator" && emulators) {
    actions.signInWithEmulatedGoogle = (email) =>
      failing(async () => {
        const address = email.trim().toLowerCase();
        // The Auth emulator accepts unsigned JSON claims as a Google ID token.
        const claims = {
          sub: emulatedGoogleSubject(address),
          email: address,
          email_verified: true,
        };
        await signInWithCredential(auth, GoogleAuthProvider.credential(JSON.stringify(claims)));
      });
    actions.emulatorSignInLink = async (email) => {
      const url = `${emulators.authUrl}/emulator/v1/projects/${config.firebase.projectId}/oobCodes`;
      const response = await fetch(url);
      if (!response.ok) throw new AuthFailure("auth/emulator", `Auth emulator: ${response.status}`);
      const body = (await response.json()) as {
        oobCodes?: { email?: string; requestType?: string; oobLink?: string }[];
      };
      const links = (body.oobCodes ?? []).filter(
        (c) => c.requestType === "EMAIL_SIGNIN" && c.email?.toLowerCase() === email.toLowerCase(),
      );
      return links.at(-1)?.oobLink ?? null;
    };
  }
  return actions;
}

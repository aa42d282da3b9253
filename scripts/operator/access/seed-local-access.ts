// The local stack's one allowed account. `npm start` signs nobody in; it calls
// seedLocalAccess() so a presenter can sign in through the Auth emulator with
// Google or an email link and see codes, and prints what this returns.

import type { Auth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import { emulatedGoogleSubject } from "functions/contract/local-stack";
import { addEntries, parseAccessEntry } from "./access-list.js";
import { changeAccess } from "./access-store.js";

export const LOCAL_PRESENTER = {
  uid: "local-presenter",
  // .test is reserved (RFC 2606): this address reaches nobody.
  email: "presenter@sms-inbox.test",
  displayName: "Local presenter",
  // The fake Google account id the page's emulator-build Google sign-in uses
  // for this address (web/src/data/auth.ts), linked so that sign-in finds
  // this very account; the Auth emulator's own account chooser lists it too.
  googleRawId: emulatedGoogleSubject("presenter@sms-inbox.test"),
} as const;

export interface SeededAccess {
  email: string;
  uid: string;
  /** Lines for the console: who is allowed and how to sign in as them. */
  instructions: string[];
}

function assertLocal(auth: Auth, env: NodeJS.ProcessEnv): { projectId: string; authHost: string } {
  const projectId = auth.app.options.projectId ?? "";
  const authHost = env.FIREBASE_AUTH_EMULATOR_HOST;
  // A demo- project id cannot reach production, and without the emulator
  // variables the Admin SDK would try to.
  if (!projectId.startsWith("demo-") || !authHost || !env.FIRESTORE_EMULATOR_HOST) {
    throw new Error(
      "seedLocalAccess seeds the local emulators only: it needs a demo- project and " +
        "FIREBASE_AUTH_EMULATOR_HOST and FIRESTORE_EMULATOR_HOST set.",
    );
  }
  return { projectId, authHost };
}

async function ensurePresenterAccount(auth: Auth): Promise<string> {
  const { uid, email, displayName, googleRawId } = LOCAL_PRESENTER;
  const existing = await auth.getUserByEmail(email).catch((error: { code?: string }) => {
    if (error.code === "auth/user-not-found") return undefined;
    throw error;
  });
  const user =
    existing ?? (await auth.createUser({ uid, email, emailVerified: true, displayName }));
  const linked = user.providerData.some(
    (info) => info.providerId === "google.com" && info.uid === googleRawId,
  );
  await auth.updateUser(user.uid, {
    emailVerified: true,
    ...(linked
      ? {}
      : { providerToLink: { providerId: "google.com", uid: googleRawId, email, displayName } }),
  });
  return user.uid;
}

/**
 * Puts the local presenter on the allow-list and creates them in the Auth
 * emulator with a verified email and a linked (fake) Google account. Safe to
 * call on every start. Refuses anything but the local emulators.
 */
export async function seedLocalAccess(
  db: Firestore,
  auth: Auth,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SeededAccess> {
  const { projectId, authHost } = assertLocal(auth, env);
  const { email } = LOCAL_PRESENTER;
  const uid = await ensurePresenterAccount(auth);
  await changeAccess(db, (current) => addEntries(current, [parseAccessEntry(email)]));
  return {
    email,
    uid,
    instructions: [
      `Sign in as ${email} (on the allow-list; nobody is signed in automatically):`,
      `  Google:     "Continue with Google", then enter ${email} as the emulated Google account.`,
      `  Email link: enter ${email}, "Email me a sign-in link", then "Open the sign-in link"`,
      `              (the emulator sends no mail; it lists links at http://${authHost}/emulator/v1/projects/${projectId}/oobCodes).`,
      "  Any other account sees the page's refusal; allow it with: npm run access -- add <email>",
    ],
  };
}

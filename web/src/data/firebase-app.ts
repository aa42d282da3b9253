// One Firebase app, Firestore and Auth for the page, pointed at the local
// stack's emulators in emulator builds. Only the modular entry points the page
// uses are imported, so the bundle holds nothing else.
import { type FirebaseApp, initializeApp } from "firebase/app";
import {
  type Auth,
  browserLocalPersistence,
  browserPopupRedirectResolver,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
} from "firebase/auth";
import { connectFirestoreEmulator, type Firestore, initializeFirestore } from "firebase/firestore";
import type { InboxConfig } from "../config.js";

export interface FirebaseHandles {
  app: FirebaseApp;
  db: Firestore;
  auth: Auth;
}

/**
 * A Firestore instance for the app, pointed at the emulator in emulator
 * builds. Called again for a new instance after the old one was terminated
 * (data/firestore-session.ts): terminate() removes it from the app first.
 */
export function newFirestore(app: FirebaseApp, config: InboxConfig): Firestore {
  const db = initializeFirestore(app, {});
  // The mode test is replaced at build time, so a production bundle drops this branch.
  if (import.meta.env.MODE === "emulator" && config.emulators) {
    const { host, port } = config.emulators.firestore;
    connectFirestoreEmulator(db, host, port);
  }
  return db;
}

export function initFirebase(config: InboxConfig): FirebaseHandles {
  const app = initializeApp(config.firebase);
  const db = newFirestore(app, config);
  const auth = initializeAuth(app, {
    persistence: [indexedDBLocalPersistence, browserLocalPersistence],
    // The popup resolver (gapi iframes) is needed for Google's popup only,
    // which emulator builds replace; dropping it keeps the local build offline.
    ...(import.meta.env.MODE === "emulator"
      ? {}
      : { popupRedirectResolver: browserPopupRedirectResolver }),
  });
  // The mode test is replaced at build time, so a production bundle drops this branch.
  if (import.meta.env.MODE === "emulator" && config.emulators) {
    const { authUrl } = config.emulators;
    // The page shows its own "local stack" tag; the SDK's banner would need inline styles.
    connectAuthEmulator(auth, authUrl, { disableWarnings: true });
  }
  return { app, db, auth };
}

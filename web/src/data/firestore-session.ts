// The page's Firestore instance, which can be replaced. A Firestore SDK whose
// queue failed (logic/sdk-failure.ts) never recovers, so the watchdog asks
// for a new instance: the old one is terminated (which first removes it from
// the app, so initializeFirestore may run again) and listeners re-attach to
// the new one, told so by a new generation.
import { onLog } from "firebase/app";
import { type Firestore, terminate } from "firebase/firestore";
import { isSdkFailureLog } from "../logic/sdk-failure.js";
import { settle } from "../logic/settle.js";
import type { SdkHealth, Unsubscribe } from "./inbox-data.js";

/** A dead instance's terminate() may never settle: it is let go after this. */
const TERMINATE_TIMEOUT_MS = 2000;

export interface FirestoreSession {
  /** The instance to attach to now. */
  db(): Firestore;
  health(): SdkHealth;
  watch(next: (health: SdkHealth) => void): Unsubscribe;
  /**
   * An instance failed for good (reported once per generation). Only the
   * current instance counts: a replaced one's late throws (its listeners'
   * unsubscribe, say) must not condemn its successor.
   */
  markDead(reason: string, instance: Firestore): void;
  /** Terminates the current instance and makes a new one; rejects if none can be made. */
  renew(): Promise<void>;
}

export function firestoreSession(first: Firestore, make: () => Firestore): FirestoreSession {
  let db = first;
  let health: SdkHealth = { generation: 0, failure: null };
  const watchers = new Set<(health: SdkHealth) => void>();
  const publish = (next: SdkHealth) => {
    health = next;
    for (const watcher of watchers) watcher(health);
  };
  const markDead = (reason: string, instance: Firestore) => {
    if (instance === db && health.failure === null) publish({ ...health, failure: reason });
  };
  // The SDK logs its queue's failure (and nothing else tells): listen for it.
  // onLog is global to the app's SDKs; only Firestore's lines are read.
  onLog(
    ({ message, type }) => {
      if (type.includes("firestore") && isSdkFailureLog(message)) {
        markDead("Firestore's SDK failed inside the page", db);
      }
    },
    { level: "error" },
  );
  return {
    db: () => db,
    health: () => health,
    watch(next) {
      watchers.add(next);
      next(health);
      return () => watchers.delete(next);
    },
    markDead,
    async renew() {
      const old = db;
      await settle(() => terminate(old), TERMINATE_TIMEOUT_MS);
      db = make();
      publish({ generation: health.generation + 1, failure: null });
    },
  };
}

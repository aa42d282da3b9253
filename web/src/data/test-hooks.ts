// Emulator builds only (loaded behind import.meta.env.MODE === "emulator", so
// the production bundle holds none of it; scripts/local-checks proves that):
// lets browser tests break the SDK the way firebase-js-sdk #10310 does, by
// failing its async queue, so the page's healing is tested on purpose.
import type { FirestoreSession } from "./firestore-session.js";

interface QueueHolder {
  _queue?: { enqueueAndForget(op: () => Promise<void>): void };
}

export interface InboxTestHooks {
  /** Fails the current Firestore instance's queue, as an internal assertion does. */
  failFirestoreQueue(): void;
  /** Which Firestore instance the page is on (0, then one more per renewal). */
  firestoreGeneration(): number;
}

export function installTestHooks(session: FirestoreSession): void {
  const hooks: InboxTestHooks = {
    failFirestoreQueue() {
      const queue = (session.db() as unknown as QueueHolder)._queue;
      if (!queue) throw new Error("this Firestore SDK has no _queue: update the test hook");
      queue.enqueueAndForget(() =>
        Promise.reject(new Error("test hook: the SDK's queue failed on purpose")),
      );
    },
    firestoreGeneration: () => session.health().generation,
  };
  (window as unknown as { __inboxTestHooks: InboxTestHooks }).__inboxTestHooks = hooks;
}

// Keeps a LabelDirectory current: one listener on the phoneLabels collection
// per function instance (one small document per demo number, so the whole
// collection fits in memory), started by the first code the instance stores.
import type { CollectionReference } from "firebase-admin/firestore";
import type { LabelDirectory } from "./label-directory.js";

/** A listener that failed is gone; a new one starts after this pause. */
export const RELISTEN_AFTER_MS = 5_000;

export interface LabelListener {
  /** Starts listening unless it already is (or is about to after a failure); cheap per request. */
  ensureStarted(): void;
  /** Stops listening and forgets what was known. */
  stop(): void;
}

export function listenForLabels(
  labels: CollectionReference,
  directory: LabelDirectory,
): LabelListener {
  let unsubscribe: (() => void) | undefined;
  let relisten: NodeJS.Timeout | undefined;

  const stop = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    clearTimeout(relisten);
    relisten = undefined;
    directory.reset();
  };

  const start = () => {
    relisten = undefined;
    unsubscribe = labels.onSnapshot(
      (snapshot) =>
        directory.apply(
          snapshot.docChanges().map((change) => ({
            type: change.type,
            phoneNumber: change.doc.id,
            data: change.doc.data(),
          })),
        ),
      () => {
        // The SDK retries transient errors itself; this one ended the listener.
        // Until the next one has its first snapshot, every code reads its number.
        stop();
        relisten = setTimeout(start, RELISTEN_AFTER_MS);
        relisten.unref();
      },
    );
  };

  return {
    ensureStarted() {
      if (!unsubscribe && !relisten) start();
    },
    stop,
  };
}

// Keeps a LabelDirectory current: one listener on the phoneLabels collection
// per function instance (one small document per demo number, so the whole
// collection fits in memory), started by the first code the instance stores
// and stopped after IDLE_STOP_MS without one. An idle instance that keeps
// listening buys nothing, and where instances are many (the Functions emulator
// starts a worker per concurrent request, and Google's Firestore emulator makes
// every commit wait on every open listener) idle listeners slow every write.
import type { CollectionReference } from "firebase-admin/firestore";
import type { LabelDirectory } from "./label-directory.js";

/** A listener that failed is gone; a new one starts after this pause. */
export const RELISTEN_AFTER_MS = 5_000;
/** Without a code for this long the listener stops; the next code reads its number, as the first did. */
export const IDLE_STOP_MS = 30_000;

export interface LabelListener {
  /** Starts listening unless it already is (or is about to after a failure); cheap per request. */
  ensureStarted(): void;
  /** Stops listening and forgets what was known. */
  stop(): void;
}

export function listenForLabels(
  labels: CollectionReference,
  directory: LabelDirectory,
  idleStopMs: number = IDLE_STOP_MS,
): LabelListener {
  let unsubscribe: (() => void) | undefined;
  let relisten: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  let lastUsedAt = 0;

  const stop = () => {
    unsubscribe?.();
    unsubscribe = undefined;
    clearTimeout(relisten);
    relisten = undefined;
    clearTimeout(idle);
    idle = undefined;
    directory.reset();
  };

  // One timer, re-armed only when it fires, so a busy instance pays a clock read per code.
  const checkIdle = () => {
    const quietFor = Date.now() - lastUsedAt;
    if (quietFor >= idleStopMs) {
      stop();
      return;
    }
    idle = setTimeout(checkIdle, idleStopMs - quietFor);
    idle.unref();
  };

  const start = () => {
    relisten = undefined;
    if (!idle) {
      idle = setTimeout(checkIdle, idleStopMs);
      idle.unref();
    }
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
      lastUsedAt = Date.now();
      if (!unsubscribe && !relisten) start();
    },
    stop,
  };
}

// InboxData backed by the Firebase SDK: the only place the page meets it.
// Every listener attaches to the session's current Firestore instance and is
// guarded: a dead SDK throws from onSnapshot and from unsubscribe, which must
// neither break the page nor go unnoticed (the session is told).
import type { InboxConfig } from "../config.js";
import { isDeadSdkError } from "../logic/sdk-failure.js";
import { errorText } from "../logic/settle.js";
import { minutesToMs } from "../logic/time-window.js";
import { authActions, watchAuth } from "./auth.js";
import { readAuthenticatorCodes, watchAuthenticators } from "./authenticators.js";
import { watchCodes } from "./codes.js";
import { readEmailBody } from "./email-body.js";
import { toDataError } from "./errors.js";
import { initFirebase, newFirestore } from "./firebase-app.js";
import { type FirestoreSession, firestoreSession } from "./firestore-session.js";
import type { InboxData, Unsubscribe } from "./inbox-data.js";
import { watchLabels } from "./labels.js";
import { networkControl } from "./network-control.js";
import { readNewestCode } from "./newest-code.js";
import { watchOnline } from "./online.js";
import { reloadPage, takeReloadNote } from "./page-reload.js";
import { watchPeople } from "./people.js";
import { watchPublicMode } from "./public-mode.js";
import { probeHost, watchReachability } from "./reachability.js";
import { watchRefusals } from "./refusals.js";
import { isVisible, onVisibilityChange, watchVisibility } from "./visibility.js";

type Db = ReturnType<FirestoreSession["db"]>;

function noteIfDead(session: FirestoreSession, error: unknown, instance: Db): void {
  if (isDeadSdkError(error)) session.markDead(errorText(error), instance);
}

/** Attaches to the current instance; a throw becomes the listener's error, never the page's. */
function guarded(
  session: FirestoreSession,
  attach: (db: Db) => Unsubscribe,
  onError: (error: unknown) => void,
): Unsubscribe {
  let stopped = false;
  let stop: Unsubscribe = () => {};
  const db = session.db();
  try {
    stop = attach(db);
  } catch (error) {
    noteIfDead(session, error, db);
    queueMicrotask(() => {
      if (!stopped) onError(error);
    });
  }
  return () => {
    stopped = true;
    try {
      stop();
    } catch (error) {
      noteIfDead(session, error, db);
    }
  };
}

export function firebaseInboxData(config: InboxConfig): InboxData {
  const { app, db, auth } = initFirebase(config);
  const session = firestoreSession(db, () => newFirestore(app, config));
  const network = networkControl(session);
  const retentionMs = minutesToMs(config.retentionMinutes);
  if (import.meta.env.MODE === "emulator") {
    void import("./test-hooks.js").then(({ installTestHooks }) => installTestHooks(session));
  }
  return {
    watchAuth: (next) => watchAuth(auth, next),
    watchPublicMode: (handlers) =>
      guarded(
        session,
        (db) => watchPublicMode(db, handlers),
        (error) => handlers.error(toDataError(error)),
      ),
    watchCodes: (sinceMs, handlers) =>
      guarded(
        session,
        (db) => watchCodes(db, sinceMs, retentionMs, handlers),
        (error) => handlers.error(toDataError(error)),
      ),
    watchLabels: (handlers) =>
      guarded(
        session,
        (db) => watchLabels(db, handlers),
        (error) => handlers.error(toDataError(error)),
      ),
    watchPeople: (handlers) =>
      guarded(
        session,
        (db) => watchPeople(db, handlers),
        (error) => handlers.error(toDataError(error)),
      ),
    watchRefusals: (sinceMs, handlers) =>
      guarded(
        session,
        (db) => watchRefusals(db, sinceMs, handlers),
        (error) => handlers.error(toDataError(error)),
      ),
    watchAuthenticators: (handlers) =>
      guarded(
        session,
        (db) => watchAuthenticators(db, handlers),
        (error) => handlers.error(toDataError(error)),
      ),
    readAuthenticatorCodes: () => readAuthenticatorCodes(auth),
    watchOnline,
    watchReachability: (next) =>
      watchReachability(
        {
          probe: () => probeHost(config.firestoreProbeUrl),
          setNetwork: (enabled) => network.setEnabled(enabled),
          isVisible,
          onVisibilityChange,
        },
        next,
      ),
    watchVisibility,
    watchSdkHealth: (next) => session.watch(next),
    async readNewestCode(sinceMs, untilMs) {
      const db = session.db();
      try {
        return await readNewestCode(db, sinceMs, untilMs);
      } catch (error) {
        noteIfDead(session, error, db);
        throw error;
      }
    },
    async readEmailBody(codeId) {
      const db = session.db();
      try {
        return await readEmailBody(db, codeId);
      } catch (error) {
        noteIfDead(session, error, db);
        throw error;
      }
    },
    heal: {
      restartNetwork: () => network.restart(),
      renewFirestore: () => session.renew(),
      reload: reloadPage,
      takeReloadNote,
    },
    auth: authActions(auth, config),
  };
}

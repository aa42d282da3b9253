// InboxData backed by the Firebase SDK: the only place the page meets it.
import type { InboxConfig } from "../config.js";
import { minutesToMs } from "../logic/time-window.js";
import { authActions, watchAuth } from "./auth.js";
import { watchCodes } from "./codes.js";
import { initFirebase } from "./firebase-app.js";
import type { InboxData } from "./inbox-data.js";
import { watchLabels } from "./labels.js";
import { watchOnline } from "./online.js";
import { watchPublicMode } from "./public-mode.js";
import { watchReachability } from "./reachability.js";
import { watchRefusals } from "./refusals.js";

export function firebaseInboxData(config: InboxConfig): InboxData {
  const { db, auth } = initFirebase(config);
  const retentionMs = minutesToMs(config.retentionMinutes);
  return {
    watchAuth: (next) => watchAuth(auth, next),
    watchPublicMode: (next) => watchPublicMode(db, next),
    watchCodes: (sinceMs, handlers) => watchCodes(db, sinceMs, retentionMs, handlers),
    watchLabels: (handlers) => watchLabels(db, handlers),
    watchRefusals: (sinceMs, handlers) => watchRefusals(db, sinceMs, handlers),
    watchOnline,
    watchReachability: (next) => watchReachability(db, config.firestoreProbeUrl, next),
    auth: authActions(auth, config),
  };
}

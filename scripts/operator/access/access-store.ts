// Reads and changes config/access and config/public with the Admin SDK (which
// bypasses the security rules: this is the only way they are written).
import type { Firestore } from "firebase-admin/firestore";
import {
  ACCESS_DOC_ID,
  type AccessConfig,
  COLLECTIONS,
  PUBLIC_MODE_DOC_ID,
  type PublicModeConfig,
} from "functions/contract/firestore-schema";
import { type AccessChange, accessConfigFromData } from "./access-list.js";

const accessDoc = (db: Firestore) => db.collection(COLLECTIONS.config).doc(ACCESS_DOC_ID);
const publicDoc = (db: Firestore) => db.collection(COLLECTIONS.config).doc(PUBLIC_MODE_DOC_ID);

export interface AccessState {
  access: AccessConfig;
  /** As the rules read it: on only when `enabled` is exactly true. */
  publicMode: boolean;
}

export async function readAccessState(db: Firestore): Promise<AccessState> {
  const [access, publicMode] = await Promise.all([accessDoc(db).get(), publicDoc(db).get()]);
  return {
    access: accessConfigFromData(access.data()),
    publicMode: publicMode.get("enabled") === true,
  };
}

/** Applies `change` to the current list in a transaction; writes only if something changed. */
export async function changeAccess(
  db: Firestore,
  change: (current: AccessConfig) => AccessChange,
): Promise<AccessChange> {
  return db.runTransaction(async (transaction) => {
    const snapshot = await transaction.get(accessDoc(db));
    const result = change(accessConfigFromData(snapshot.data()));
    if (result.changed.length > 0) {
      const next: AccessConfig = { emails: result.config.emails, domains: result.config.domains };
      transaction.set(accessDoc(db), next);
    }
    return result;
  });
}

export async function setPublicMode(db: Firestore, enabled: boolean): Promise<void> {
  const next: PublicModeConfig = { enabled };
  await publicDoc(db).set(next);
}

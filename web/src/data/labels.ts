// The demo users of each phone number (written by the enrolment scripts) and
// who else the webhook has seen on it.
import { collection, type Firestore, onSnapshot } from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { readPhoneLabel } from "functions/contract/phone-labels";
import type { PhoneLabelEntry } from "../logic/types.js";
import { toDataError } from "./errors.js";
import type { SnapshotHandlers, Unsubscribe } from "./inbox-data.js";

export function watchLabels(
  db: Firestore,
  handlers: SnapshotHandlers<PhoneLabelEntry[]>,
): Unsubscribe {
  return onSnapshot(
    collection(db, COLLECTIONS.phoneLabels),
    { includeMetadataChanges: true },
    (snapshot) => {
      const items = snapshot.docs.map((doc) =>
        readPhoneLabel(doc.id, doc.data({ serverTimestamps: "estimate" })),
      );
      handlers.next({ items, fromCache: snapshot.metadata.fromCache });
    },
    (error) => handlers.error(toDataError(error)),
  );
}

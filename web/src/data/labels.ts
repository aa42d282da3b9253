// Demo-user names per phone number, written by the enrolment scripts.
import { collection, type Firestore, onSnapshot } from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
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
      const items = snapshot.docs.map((doc) => {
        const label = doc.get("label");
        return { phoneNumber: doc.id, label: typeof label === "string" ? label : "" };
      });
      handlers.next({ items, fromCache: snapshot.metadata.fromCache });
    },
    (error) => handlers.error(toDataError(error)),
  );
}

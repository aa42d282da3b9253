// The demo users of each phone number (written by the enrolment scripts) and
// who else the webhook has seen on it.
import type { Firestore } from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { readPhoneLabel } from "functions/contract/phone-labels";
import type { PhoneLabelEntry } from "../logic/types.js";
import type { SnapshotHandlers, Unsubscribe } from "./inbox-data.js";
import { watchCollection } from "./watch-collection.js";

export function watchLabels(
  db: Firestore,
  handlers: SnapshotHandlers<PhoneLabelEntry[]>,
): Unsubscribe {
  return watchCollection(db, COLLECTIONS.phoneLabels, readPhoneLabel, handlers, {
    includeMetadataChanges: true,
  });
}

// People the webhook noted at their first code or email who are nobody's demo
// user (people/, read by the contract's normaliser): their cards.
import { collection, type Firestore, onSnapshot } from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { type NotedPerson, readPerson } from "functions/contract/people";
import { toDataError } from "./errors.js";
import type { SnapshotHandlers, Unsubscribe } from "./inbox-data.js";

export function watchPeople(db: Firestore, handlers: SnapshotHandlers<NotedPerson[]>): Unsubscribe {
  return onSnapshot(
    collection(db, COLLECTIONS.people),
    (snapshot) => {
      const items = snapshot.docs
        .map((doc) => readPerson(doc.data({ serverTimestamps: "estimate" })))
        .filter((person) => person !== undefined);
      handlers.next({ items, fromCache: snapshot.metadata.fromCache });
    },
    (error) => handlers.error(toDataError(error)),
  );
}

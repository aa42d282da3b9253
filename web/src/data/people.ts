// People the webhook noted at their first code or email who are nobody's demo
// user (people/, read by the contract's normaliser): their cards.
import type { Firestore } from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { type NotedPerson, readPerson } from "functions/contract/people";
import type { SnapshotHandlers, Unsubscribe } from "./inbox-data.js";
import { watchCollection } from "./watch-collection.js";

export function watchPeople(db: Firestore, handlers: SnapshotHandlers<NotedPerson[]>): Unsubscribe {
  return watchCollection(db, COLLECTIONS.people, (_id, data) => readPerson(data), handlers);
}

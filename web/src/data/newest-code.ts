// The freshness check's server read: the newest code in the page's window
// received by `untilMs` (logic/freshness.ts says why not later), asked of the
// server and never the cache (one document: one read). What the listener
// shows is compared with it.
import {
  collection,
  type Firestore,
  getDocsFromServer,
  limit,
  orderBy,
  query,
  Timestamp,
  where,
} from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import type { ServerNewest } from "../logic/freshness.js";

export async function readNewestCode(
  db: Firestore,
  sinceMs: number,
  untilMs: number,
): Promise<ServerNewest> {
  const snapshot = await getDocsFromServer(
    query(
      collection(db, COLLECTIONS.codes),
      where("receivedAt", ">=", Timestamp.fromMillis(sinceMs)),
      where("receivedAt", "<=", Timestamp.fromMillis(untilMs)),
      orderBy("receivedAt", "desc"),
      limit(1),
    ),
  );
  const newest = snapshot.docs[0];
  if (!newest) return null;
  const receivedAt = newest.get("receivedAt");
  return {
    id: newest.id,
    receivedAt: receivedAt instanceof Timestamp ? receivedAt.toMillis() : Number.NaN,
  };
}

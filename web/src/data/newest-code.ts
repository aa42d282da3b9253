// The freshness check's server read: the newest code in the page's window,
// asked of the server and never the cache (one document: one read). What the
// listener shows is compared with it (logic/freshness.ts).
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

export async function readNewestCode(db: Firestore, sinceMs: number): Promise<ServerNewest> {
  const snapshot = await getDocsFromServer(
    query(
      collection(db, COLLECTIONS.codes),
      where("receivedAt", ">=", Timestamp.fromMillis(sinceMs)),
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

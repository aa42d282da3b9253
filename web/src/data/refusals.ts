// Refused deliveries (the refusal trail): one onSnapshot query over
// otpRefusals, newest first. expireAt carries the TTL, so the window is a
// range on refusedAt.
import {
  collection,
  type Firestore,
  limit,
  onSnapshot,
  orderBy,
  query,
  Timestamp,
  where,
} from "firebase/firestore";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { REFUSALS } from "functions/contract/refusals";
import { type InboxRefusal, parseStoredRefusal } from "../logic/refusals.js";
import { toDataError } from "./errors.js";
import type { SnapshotHandlers, Unsubscribe } from "./inbox-data.js";

export function watchRefusals(
  db: Firestore,
  sinceMs: number,
  handlers: SnapshotHandlers<InboxRefusal[]>,
): Unsubscribe {
  const refusalsQuery = query(
    collection(db, COLLECTIONS.refusals),
    where("refusedAt", ">=", Timestamp.fromMillis(sinceMs)),
    orderBy("refusedAt", "desc"),
    limit(REFUSALS.readLimit),
  );
  return onSnapshot(
    refusalsQuery,
    (snapshot) => {
      const items: InboxRefusal[] = [];
      for (const doc of snapshot.docs) {
        const parsed = parseStoredRefusal(doc.id, doc.data({ serverTimestamps: "estimate" }));
        if (parsed.ok) items.push(parsed.refusal);
      }
      handlers.next({ items, fromCache: snapshot.metadata.fromCache });
    },
    (error) => handlers.error(toDataError(error)),
  );
}

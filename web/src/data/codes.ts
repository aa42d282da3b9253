// Live codes: one onSnapshot query over otpCodes. expireAt is exempt from
// indexing (it carries the TTL), so the window is a range on receivedAt.
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
import { parseStoredCode } from "../logic/parse-code.js";
import type { InboxCode } from "../logic/types.js";
import { toDataError } from "./errors.js";
import { CODES_LIMIT, type SnapshotHandlers, type Unsubscribe } from "./inbox-data.js";

const reported = new Set<string>();

export function watchCodes(
  db: Firestore,
  sinceMs: number,
  retentionMs: number,
  handlers: SnapshotHandlers<InboxCode[]>,
): Unsubscribe {
  const codesQuery = query(
    collection(db, COLLECTIONS.codes),
    where("receivedAt", ">=", Timestamp.fromMillis(sinceMs)),
    orderBy("receivedAt", "desc"),
    limit(CODES_LIMIT),
  );
  return onSnapshot(
    codesQuery,
    { includeMetadataChanges: true },
    (snapshot) => {
      const items: InboxCode[] = [];
      for (const doc of snapshot.docs) {
        const parsed = parseStoredCode(
          doc.id,
          doc.data({ serverTimestamps: "estimate" }),
          retentionMs,
        );
        if (parsed.ok) items.push(parsed.code);
        else if (!reported.has(doc.id)) {
          reported.add(doc.id);
          console.warn(`Skipping a document the page cannot show: ${parsed.reason}`);
        }
      }
      handlers.next({
        items,
        fromCache: snapshot.metadata.fromCache,
        limitReached: snapshot.size >= CODES_LIMIT,
      });
    },
    (error) => handlers.error(toDataError(error)),
  );
}

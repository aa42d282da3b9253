// Live codes: one onSnapshot query over otpCodes. expireAt is exempt from
// indexing (it carries the TTL), so the window is a range on receivedAt.
// Each snapshot is applied as its document changes (code-model.ts): at a few
// codes a second, re-reading all 200 documents into new objects on every
// snapshot kept the page's renderer busy re-rendering rows that had not changed.
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
import { createCodeModel } from "./code-model.js";
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
  // One model per listener: a new listener starts from its own first snapshot.
  const model = createCodeModel(
    (id, data) => parseStoredCode(id, data, retentionMs),
    (reason) => {
      if (reported.has(reason)) return;
      reported.add(reason);
      console.warn(`Skipping a document the page cannot show: ${reason}`);
    },
  );
  return onSnapshot(
    codesQuery,
    { includeMetadataChanges: true },
    (snapshot) => {
      // Without metadata changes: a snapshot that only says "now confirmed by
      // the server" changes no document, and so no object.
      const changes = snapshot.docChanges().map((change) => ({
        type: change.type,
        id: change.doc.id,
        oldIndex: change.oldIndex,
        newIndex: change.newIndex,
        data: () => change.doc.data({ serverTimestamps: "estimate" }),
      }));
      handlers.next({
        items: model.apply(changes),
        fromCache: snapshot.metadata.fromCache,
        limitReached: snapshot.size >= CODES_LIMIT,
      });
    },
    (error) => handlers.error(toDataError(error)),
  );
}

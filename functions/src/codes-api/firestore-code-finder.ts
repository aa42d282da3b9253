// The codes API's only Firestore I/O. One indexed query per request (see
// firestore.indexes.json): whose codes (owners or recipient), which types,
// received after what, newest first. Waits are listeners on the same query.

import {
  type DocumentData,
  type Firestore,
  type Query,
  type QueryDocumentSnapshot,
  Timestamp,
} from "firebase-admin/firestore";
import { type Channel, channelOf } from "../contract/channel.js";
import { COLLECTIONS, type StoredCode } from "../contract/firestore-schema.js";
import { isProbe } from "../contract/probe.js";
import type { CodeFilter, CodeFinder, FoundCode } from "./code-finder.js";

/**
 * A few, not one: the newest may have expired (its TTL deletion is pending)
 * while a code received just before it, under a longer retention, has not.
 */
const NEWEST_LIMIT = 5;

function toFound(doc: QueryDocumentSnapshot<DocumentData>): FoundCode {
  const data = doc.data() as StoredCode<Timestamp>;
  return {
    id: doc.id,
    code: data.code,
    recipient: data.recipient,
    label: data.label,
    messageType: data.messageType,
    deliveryMethod: data.deliveryMethod,
    channel: (channelOf(data) as Channel) ?? "sms",
    ...(data.email ? { email: data.email } : {}),
    receivedAt: data.receivedAt.toMillis(),
    expireAt: data.expireAt.toMillis(),
    ...(isProbe(data) ? { probe: true as const } : {}),
  };
}

export function firestoreCodeFinder(db: Firestore): CodeFinder {
  const codes = db.collection(COLLECTIONS.codes);

  const queryFor = (filter: CodeFilter): Query => {
    let query: Query =
      filter.whose.kind === "user"
        ? codes.where("owners", "array-contains", filter.whose.name)
        : codes.where("recipient", "==", filter.whose.phoneNumber);
    query =
      filter.types.length === 1
        ? query.where("messageType", "==", filter.types[0])
        : query.where("messageType", "in", filter.types);
    if (filter.receivedAfter) {
      const { seconds, nanoseconds } = filter.receivedAfter;
      query = query.where("receivedAt", ">", new Timestamp(seconds, nanoseconds));
    }
    return query.orderBy("receivedAt", "desc").limit(NEWEST_LIMIT);
  };

  return {
    async receivedAtOf(id) {
      const snapshot = await codes.doc(id).get();
      const receivedAt = snapshot.get("receivedAt") as Timestamp | undefined;
      return receivedAt
        ? { seconds: receivedAt.seconds, nanoseconds: receivedAt.nanoseconds }
        : undefined;
    },
    async newest(filter) {
      return (await queryFor(filter).get()).docs.map(toFound);
    },
    watch(filter, onCodes, onError) {
      return queryFor(filter).onSnapshot(
        (snapshot) => onCodes(snapshot.docs.map(toFound)),
        onError,
      );
    },
  };
}

// The codes API's only Firestore I/O. One indexed query per request (see
// code-query.ts and firestore.indexes.json): whose codes (owners or
// recipient), which channels and types, received after what, newest first.
// Waits are listeners on the same query.
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
import { codeQueryPlan } from "./code-query.js";

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
    const plan = codeQueryPlan(filter);
    let query: Query = codes;
    for (const clause of plan.where) {
      query =
        clause.field === "receivedAt"
          ? query.where(
              "receivedAt",
              ">",
              new Timestamp(clause.value.seconds, clause.value.nanoseconds),
            )
          : query.where(clause.field, clause.op, clause.value);
    }
    return query.orderBy(plan.orderBy.field, plan.orderBy.direction).limit(plan.limit);
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

// The one Firestore query a request makes, as plain data: firestore-code-finder.ts
// runs it, and a test checks every shape it can take against the composite
// indexes in firestore.indexes.json (the emulator never asks for indexes,
// production refuses a query without one).
import { CHANNEL_DELIVERY_METHODS } from "../contract/channel.js";
import type { CodeFilter, Instant } from "./code-finder.js";

/**
 * A few, not one: the newest may have expired (its TTL deletion is pending)
 * while a code received just before it, under a longer retention, has not.
 */
export const NEWEST_LIMIT = 5;

export type CodeClause =
  | { field: "owners"; op: "array-contains"; value: string }
  | { field: "recipient" | "deliveryMethod" | "messageType"; op: "=="; value: string }
  | { field: "deliveryMethod" | "messageType"; op: "in"; value: string[] }
  | { field: "receivedAt"; op: ">"; value: Instant };

export interface CodeQueryPlan {
  where: CodeClause[];
  orderBy: { field: "receivedAt"; direction: "desc" };
  limit: number;
}

/**
 * Channels are selected by deliveryMethod, not by `channel`: documents stored
 * before emails have no `channel` and would be missed, while every document
 * has a deliveryMethod (text, voice or email).
 */
export function codeQueryPlan(filter: CodeFilter): CodeQueryPlan {
  const where: CodeClause[] = [
    filter.whose.kind === "user"
      ? { field: "owners", op: "array-contains", value: filter.whose.name }
      : { field: "recipient", op: "==", value: recipientOf(filter.whose) },
  ];
  const methods = [...new Set(filter.channels.map((channel) => CHANNEL_DELIVERY_METHODS[channel]))];
  where.push(oneOrIn("deliveryMethod", methods));
  if (filter.types !== "any") where.push(oneOrIn("messageType", [...filter.types]));
  if (filter.receivedAfter)
    where.push({ field: "receivedAt", op: ">", value: filter.receivedAfter });
  return { where, orderBy: { field: "receivedAt", direction: "desc" }, limit: NEWEST_LIMIT };
}

const recipientOf = (whose: Exclude<CodeFilter["whose"], { kind: "user" }>) =>
  whose.kind === "recipient" ? whose.phoneNumber : whose.address;

function oneOrIn(field: "deliveryMethod" | "messageType", values: string[]): CodeClause {
  const [only] = values;
  return values.length === 1 && only !== undefined
    ? { field, op: "==", value: only }
    : { field, op: "in", value: values };
}

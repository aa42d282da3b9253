// The plain shapes the data layer hands to the UI: no SDK types past this line.
import type { StoredCode } from "functions/contract/firestore-schema";
import type { DeliveryMethod, MessageType } from "functions/contract/notification";
import type { NumberUsers } from "functions/contract/phone-labels";

/** A known value, or whatever a newer webhook stored (shown as is, never dropped). */
export type KnownOr<T extends string> = T | (string & Record<never, never>);

/** One stored notification, timestamps as epoch milliseconds. */
export interface InboxCode
  extends Omit<StoredCode<number>, "messageType" | "deliveryMethod" | "receivedAt" | "expireAt"> {
  id: string;
  messageType: KnownOr<MessageType>;
  deliveryMethod: KnownOr<DeliveryMethod>;
  receivedAt: number;
  expireAt: number;
}

/** One phoneLabels document, read by the contract's normaliser (any age of document). */
export type PhoneLabelEntry = NumberUsers;

export interface SignedInUser {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string | null;
}

/** A listener's failure, reduced to what the page explains. */
export interface DataError {
  /** Firestore error code, e.g. "permission-denied", "failed-precondition". */
  code: string;
  message: string;
}

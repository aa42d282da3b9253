// The plain shapes the data layer hands to the UI: no SDK types past this line.
import type { EmailMessageType } from "functions/contract/email";
import type { StoredCode } from "functions/contract/firestore-schema";
import type { DeliveryMethod, MessageType } from "functions/contract/notification";
import type { NumberUsers } from "functions/contract/phone-labels";

/** A known value, or whatever a newer webhook stored (shown as is, never dropped). */
export type KnownOr<T extends string> = T | (string & Record<never, never>);

/**
 * One stored notification, timestamps as epoch milliseconds: a phone code
 * (SMS or voice), or an email (`channel: "email"`, `email` set, `recipient`
 * the address it went to).
 */
export interface InboxCode
  extends Omit<StoredCode<number>, "messageType" | "deliveryMethod" | "receivedAt" | "expireAt"> {
  id: string;
  messageType: KnownOr<MessageType | EmailMessageType>;
  deliveryMethod: KnownOr<DeliveryMethod | "email">;
  receivedAt: number;
  expireAt: number;
}

/** An email's content as sent (otpEmailBodies), read only when someone opens it. */
export interface EmailBody {
  html: string;
  text?: string;
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

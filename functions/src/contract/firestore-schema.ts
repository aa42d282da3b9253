// Where things live in Firestore and what each document holds. Generic over
// the timestamp type so the Admin SDK, the web SDK and plain tests share it.
import type { DeliveryMethod, MessageType } from "./notification.js";

export const COLLECTIONS = {
  /** One document per received notification. */
  codes: "otpCodes",
  /** Document id is the E.164 number; written by scripts. */
  phoneLabels: "phoneLabels",
  /** Access configuration documents (allow-list), written by an admin command. */
  config: "config",
} as const;

/** config/access holds the allow-list; no browser may read it. */
export const ACCESS_DOC_ID = "access";
/** config/public says whether public mode is on; every browser may read it. */
export const PUBLIC_MODE_DOC_ID = "public";

export interface StoredCode<Ts> {
  recipient: string;
  /** Empty for notices that carry no code (blocked account, password notices). */
  code: string;
  messageText: string;
  messageType: MessageType;
  deliveryMethod: DeliveryMethod;
  /** Who the number belongs to, resolved when the code arrived; may be empty. */
  label: string;
  receivedAt: Ts;
  /** Firestore TTL deletes the document some time after this instant. */
  expireAt: Ts;
  locale?: string;
  user?: { id?: string; email?: string; name?: string };
  client?: { id?: string; name?: string };
  tenant?: string;
}

export interface PhoneLabel<Ts> {
  label: string;
  updatedAt: Ts;
}

export interface AccessConfig {
  /** Lower-case email addresses allowed to read codes. */
  emails: string[];
  /** Lower-case domains (without @) whose verified addresses may read codes. */
  domains: string[];
}

export interface PublicModeConfig {
  /** Anyone, signed in or not, may read codes and labels: the seed's behaviour. Off unless set. */
  enabled: boolean;
}

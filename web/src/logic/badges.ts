// The flow a notification belongs to, as short badges: what kind of message
// (login challenge, enrolment, account notices) and how it was delivered.
import type { DeliveryMethod, MessageType } from "functions/contract/notification";
import type { KnownOr } from "./types.js";

export type BadgeTone = "login" | "enrol" | "warn" | "info" | "sms" | "voice";

export interface Badge {
  text: string;
  tone: BadgeTone;
  /** Longer explanation for a tooltip and screen readers. */
  title: string;
}

const FLOW_BADGES: Record<MessageType, Badge> = {
  otp_verify: { text: "Login", tone: "login", title: "MFA challenge during login" },
  otp_enroll: { text: "Enrolment", tone: "enrol", title: "Enrolling this phone for MFA" },
  blocked_account: {
    text: "Blocked account",
    tone: "warn",
    title: "Notice: the account was blocked",
  },
  change_password: {
    text: "Password change",
    tone: "info",
    title: "Notice: the password was changed",
  },
  password_breach: {
    text: "Password breach",
    tone: "warn",
    title: "Notice: the password appeared in a breach",
  },
};

const DELIVERY_BADGES: Record<DeliveryMethod, Badge> = {
  text: { text: "SMS", tone: "sms", title: "Delivered as a text message" },
  voice: { text: "Voice", tone: "voice", title: "Delivered as a voice call" },
};

const isKey = <T extends string>(table: Record<T, Badge>, key: string): key is T =>
  Object.hasOwn(table, key);

/** `npm run doctor`'s test notice (functions/contract/probe): told apart, never a login. */
export const PROBE_BADGE: Badge = {
  text: "Inbox check",
  tone: "info",
  title: "Stored by npm run doctor to check the webhook: not anyone's login code",
};

export function flowBadges(
  messageType: KnownOr<MessageType>,
  deliveryMethod: KnownOr<DeliveryMethod>,
): [flow: Badge, delivery: Badge] {
  const flow = isKey(FLOW_BADGES, messageType)
    ? FLOW_BADGES[messageType]
    : { text: messageType, tone: "info" as const, title: `Message type ${messageType}` };
  const delivery = isKey(DELIVERY_BADGES, deliveryMethod)
    ? DELIVERY_BADGES[deliveryMethod]
    : { text: deliveryMethod, tone: "info" as const, title: `Delivered by ${deliveryMethod}` };
  return [flow, delivery];
}

/** A stored code's badges: the doctor's check says so instead of naming a flow. */
export function codeBadges(code: {
  messageType: KnownOr<MessageType>;
  deliveryMethod: KnownOr<DeliveryMethod>;
  probe?: true;
}): Badge[] {
  const [flow, delivery] = flowBadges(code.messageType, code.deliveryMethod);
  return [code.probe ? PROBE_BADGE : flow, delivery];
}

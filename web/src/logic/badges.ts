// The flow a notification belongs to, as short badges: what kind of message
// (login challenge, enrolment, account notices, an email's kind) and how it
// was delivered.
import type { EmailMessageType } from "functions/contract/email";
import type { DeliveryMethod, MessageType } from "functions/contract/notification";
import { isEmail, mainLinkOf } from "./email.js";
import type { InboxCode, KnownOr } from "./types.js";

export type BadgeTone = "login" | "enrol" | "warn" | "info" | "sms" | "voice" | "email";

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

/**
 * Auth0's documented email types. Typed against the contract's list, so a
 * type added there fails the build here until it has a badge.
 */
const EMAIL_BADGES: Record<EmailMessageType, Badge> = {
  verify_email: { text: "Verify email", tone: "enrol", title: "Email verification link" },
  verify_email_by_code: {
    text: "Verify email",
    tone: "enrol",
    title: "Email verification code",
  },
  reset_email: { text: "Reset password", tone: "warn", title: "Password reset link" },
  reset_email_by_code: { text: "Reset password", tone: "warn", title: "Password reset code" },
  welcome_email: { text: "Welcome", tone: "info", title: "Welcome email after sign-up" },
  verification_code: {
    text: "Verification code",
    tone: "login",
    title: "A one-time verification code",
  },
  mfa_oob_code: { text: "Email MFA", tone: "login", title: "MFA challenge by email during login" },
  enrollment_email: { text: "Enrolment", tone: "enrol", title: "MFA enrolment invitation link" },
  blocked_account: { text: "Unblock", tone: "warn", title: "Link to unblock a blocked account" },
  stolen_credentials: {
    text: "Breached password",
    tone: "warn",
    title: "Notice: the password appeared in a breach",
  },
  try_provider_configuration_email: {
    text: "Test email",
    tone: "info",
    title: "The dashboard's Send Test Email",
  },
  organization_invitation: {
    text: "Invitation",
    tone: "enrol",
    title: "Invitation to join an organization",
  },
};

/**
 * Passwordless email's type is not in Auth0's list, so it is recognised by
 * name, and told apart by what it carries: a link or a code.
 */
const PASSWORDLESS_TYPE = /passwordless|magic/i;
const MAGIC_LINK: Badge = {
  text: "Magic link",
  tone: "login",
  title: "Passwordless login link: open it in the browser that asked for it",
};
const PASSWORDLESS_CODE: Badge = {
  text: "Passwordless code",
  tone: "login",
  title: "Passwordless login code",
};

const DELIVERY_BADGES: Record<DeliveryMethod | "email", Badge> = {
  text: { text: "SMS", tone: "sms", title: "Delivered as a text message" },
  voice: { text: "Voice", tone: "voice", title: "Delivered as a voice call" },
  email: { text: "Email", tone: "email", title: "Delivered by email" },
};

const isKey = <T extends string>(table: Record<T, Badge>, key: string): key is T =>
  Object.hasOwn(table, key);

/** `npm run doctor`'s test notice (functions/contract/probe): told apart, never a login. */
export const PROBE_BADGE: Badge = {
  text: "Inbox check",
  tone: "info",
  title: "Stored by npm run doctor to check the webhook: not anyone's login code",
};

const unknownType = (messageType: string): Badge => ({
  text: messageType,
  tone: "info",
  title: `Message type ${messageType}`,
});

/** An email's kind, by its type; unknown types by name, neutrally. */
export function emailBadge(
  messageType: KnownOr<MessageType | EmailMessageType>,
  carries: { code: boolean; link: boolean },
): Badge {
  if (isKey(EMAIL_BADGES, messageType)) return EMAIL_BADGES[messageType];
  if (PASSWORDLESS_TYPE.test(messageType)) {
    return carries.link && !carries.code ? MAGIC_LINK : PASSWORDLESS_CODE;
  }
  return unknownType(messageType);
}

export function flowBadges(
  messageType: KnownOr<MessageType | EmailMessageType>,
  deliveryMethod: KnownOr<DeliveryMethod | "email">,
): [flow: Badge, delivery: Badge] {
  const flow = isKey(FLOW_BADGES, messageType)
    ? FLOW_BADGES[messageType]
    : unknownType(messageType);
  const delivery = isKey(DELIVERY_BADGES, deliveryMethod)
    ? DELIVERY_BADGES[deliveryMethod]
    : { text: deliveryMethod, tone: "info" as const, title: `Delivered by ${deliveryMethod}` };
  return [flow, delivery];
}

/**
 * A stored code's badges: the doctor's check says so instead of naming a
 * flow; an email says its kind (blocked_account is an unblock link there, not
 * a phone notice) and "Email".
 */
export function codeBadges(
  code: Pick<InboxCode, "messageType" | "deliveryMethod" | "probe"> &
    Partial<Pick<InboxCode, "channel" | "code" | "email">>,
): Badge[] {
  if (isEmail(code)) {
    const flow = emailBadge(code.messageType, {
      code: (code.code ?? "") !== "",
      link: mainLinkOf(code) !== null,
    });
    return [code.probe ? PROBE_BADGE : flow, DELIVERY_BADGES.email];
  }
  const [flow, delivery] = flowBadges(code.messageType, code.deliveryMethod);
  return [code.probe ? PROBE_BADGE : flow, delivery];
}

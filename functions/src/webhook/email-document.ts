// Maps a validated email payload and its extraction to the two documents the
// webhook writes: the otpCodes entry the page lists (small: subject, links,
// code) and the otpEmailBodies entry with the HTML, read only when someone
// opens the email. Pure: timestamps and the demo user come from the caller.
import type { EmailExtraction } from "../contract/email.js";
import type {
  LabelledUser,
  StoredCode,
  StoredEmail,
  StoredEmailBody,
} from "../contract/firestore-schema.js";
import { ownerName, payloadPerson } from "../contract/label.js";
import type { EmailWebhookPayload } from "../contract/webhook-payload.js";

/** Finds the demo user (from the demo users file) with this lower-case email. */
export type DemoUserByEmail = (email: string) => LabelledUser | undefined;

/**
 * Whose email this is: the payload's user (email, else name) when it names
 * one, as for a phone code; else the address it went to, since an email
 * address is a person where a shared number is not.
 */
export function emailPerson(payload: EmailWebhookPayload): { label: string; email?: string } {
  return payloadPerson(payload) ?? { label: payload.to, email: payload.to };
}

/**
 * The demo user the email is for, so their card shows it: the one whose
 * address it went to first (Auth0 keys an MFA email on its method's address,
 * which may not be the profile's), else the payload user's.
 */
export function emailDemoUser(
  payload: EmailWebhookPayload,
  demoUserByEmail: DemoUserByEmail,
): LabelledUser | undefined {
  const userEmail = payload.user?.email?.trim().toLowerCase();
  return demoUserByEmail(payload.to) ?? (userEmail ? demoUserByEmail(userEmail) : undefined);
}

/**
 * Every name the email answers to in the codes API's `user=`: the person's
 * email or name, the address it went to, and the demo user's label and email.
 */
function emailOwners(
  payload: EmailWebhookPayload,
  person: { label: string },
  demoUser: LabelledUser | undefined,
): string[] {
  const names = new Set<string>();
  for (const value of [
    person.label,
    payload.user?.name,
    payload.to,
    demoUser?.label,
    demoUser?.email,
  ]) {
    if (value?.trim()) names.add(ownerName(value));
  }
  return [...names];
}

export interface EmailDocuments<Ts> {
  code: StoredCode<Ts>;
  body: StoredEmailBody<Ts>;
}

export function toStoredEmail<Ts>(
  payload: EmailWebhookPayload,
  extraction: EmailExtraction,
  demoUser: LabelledUser | undefined,
  times: { receivedAt: Ts; expireAt: Ts },
): EmailDocuments<Ts> {
  const person = emailPerson(payload);
  const email: StoredEmail = {
    subject: payload.subject,
    links: extraction.links.map((link) => ({ url: link.url, text: link.text })),
    mainLink: extraction.mainLink
      ? { url: extraction.mainLink.url, text: extraction.mainLink.text }
      : null,
    linksTruncated: extraction.linksTruncated,
  };
  // Absent context stays absent: Firestore rejects undefined values.
  if (payload.from) email.from = payload.from;
  const code: StoredCode<Ts> = {
    recipient: payload.to,
    code: extraction.code ?? "",
    // An email's words are its HTML, kept beside it in otpEmailBodies.
    messageText: "",
    messageType: payload.messageType,
    deliveryMethod: "email",
    channel: "email",
    email,
    label: demoUser?.label ?? person.label,
    owners: emailOwners(payload, person, demoUser),
    receivedAt: times.receivedAt,
    expireAt: times.expireAt,
  };
  if (payload.locale) code.locale = payload.locale;
  if (payload.user) code.user = payload.user;
  if (payload.client) code.client = payload.client;
  if (payload.tenant) code.tenant = payload.tenant;
  const body: StoredEmailBody<Ts> = { html: payload.html, expireAt: times.expireAt };
  if (payload.text !== undefined) body.text = payload.text;
  return { code, body };
}

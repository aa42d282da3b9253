// What the page shows of an email besides its code: which documents are
// emails, the subject (with the code masked out of it when codes are masked),
// and the main link in a short form. Links are only ever shown and copied
// here: nothing in the page fetches one (verification, reset and unblock
// links are one-time tickets that a "pre-click" would spend).
import { channelOf } from "functions/contract/channel";
import type { StoredEmail } from "functions/contract/firestore-schema";
import { maskCode } from "./format.js";
import { EMPTY_EMAIL } from "./parse-email.js";
import type { InboxCode } from "./types.js";

export type EmailLink = StoredEmail["links"][number];

/** Emails, from the custom-email-provider Action; everything else is a phone code. */
export const isEmail = (code: Pick<InboxCode, "channel" | "deliveryMethod">): boolean =>
  channelOf(code) === "email" || code.deliveryMethod === "email";

/** The email part of an email document (parse-code fills it in for every email). */
export const emailOf = (code: Pick<InboxCode, "email">): StoredEmail => code.email ?? EMPTY_EMAIL;

/** The link the email asks its reader to click, or null. */
export const mainLinkOf = (code: Pick<InboxCode, "email">): EmailLink | null =>
  code.email?.mainLink ?? null;

/**
 * The subject as shown. A template may put the code in the subject ("Your
 * code is 482913"): while codes are masked it is masked there too, or a
 * screen share would show what the dots hide.
 */
export function subjectShown(code: Pick<InboxCode, "code" | "email">, masked: boolean): string {
  const subject = emailOf(code).subject.trim();
  if (!masked || code.code === "") return subject;
  return subject.split(code.code).join(maskCode(code.code));
}

/** The subject, or a placeholder for an email that had none. */
export const subjectLine = (code: Pick<InboxCode, "code" | "email">, masked: boolean): string =>
  subjectShown(code, masked) || "(no subject)";

/**
 * A link in a few words: its host and path, no query (where tickets live).
 * Masked, only the host: the path can be the ticket itself.
 */
export function shortLink(url: string, masked: boolean): string {
  try {
    const { host, pathname } = new URL(url);
    if (masked) return `${host}/…`;
    const path = pathname === "/" ? "" : pathname;
    const short = `${host}${path}`;
    return short.length > 48 ? `${short.slice(0, 47)}…` : short;
  } catch {
    return masked ? "link" : url;
  }
}

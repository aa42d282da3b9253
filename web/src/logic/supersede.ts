// Auth0 accepts only the latest code it sent a person, so that person's older
// codes are superseded. Numbers are shared: another user's newer code on the
// same number supersedes nothing. Only a code that names nobody is judged by
// its number (codeOwner's key), since the number is all that is known of it.
// Notices without a code supersede nothing. An email's code supersedes only
// the same person's older email codes: an email verification code and an SMS
// login code are different flows, and Auth0 takes each.
import { isEmail } from "./email.js";
import { ownerKeyOf } from "./owner.js";
import { newestFirst } from "./time-window.js";
import type { InboxCode } from "./types.js";

const supersedeKey = (code: InboxCode): string =>
  `${isEmail(code) ? "email" : "phone"} ${ownerKeyOf(code)}`;

/** Ids of codes with a newer code for the same owner. Input in any order. */
export function supersededIds(codes: readonly InboxCode[]): Set<string> {
  const newest = new Map<string, InboxCode>();
  for (const code of codes) {
    if (code.code === "") continue;
    const key = supersedeKey(code);
    const current = newest.get(key);
    if (!current || newestFirst(code, current) < 0) newest.set(key, code);
  }
  const superseded = new Set<string>();
  for (const code of codes) {
    if (code.code !== "" && newest.get(supersedeKey(code))?.id !== code.id) superseded.add(code.id);
  }
  return superseded;
}

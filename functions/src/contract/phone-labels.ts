// Reading phoneLabels documents of any age: the one normaliser the webhook, the
// scripts and the page share. Plain code, no schema library: the page imports it.
import type { LabelledUser, SeenUser } from "./firestore-schema.js";
import { LIMITS } from "./notification.js";
import { email, isRecord, millis, text } from "./stored-values.js";

/** A phoneLabels document as everyone reads it. */
export interface NumberUsers {
  phoneNumber: string;
  /** Demo users, in the demo users file's order. */
  users: LabelledUser[];
  /** Others a payload named on this number, first seen first; firstSeenAt in epoch ms. */
  seen: SeenUser<number>[];
}

/** Where users without a stored order (older documents) sort: after every listed user. */
export const UNORDERED = Number.MAX_SAFE_INTEGER;

/**
 * Who is who: the lower-case email, else the name (a payload's) or label (a
 * demo user's). Two codes with the same identity are the same person's.
 */
export const userIdentity = (person: { email?: string; label: string }): string =>
  (person.email ?? person.label).trim().toLowerCase();

function readUser(value: unknown): LabelledUser | undefined {
  if (!isRecord(value)) return undefined;
  const label = text(value.label, LIMITS.maxLabelChars) ?? email(value.email);
  if (label === undefined) return undefined;
  const order =
    typeof value.order === "number" && Number.isInteger(value.order) && value.order >= 0
      ? value.order
      : UNORDERED;
  const address = email(value.email);
  return address ? { label, email: address, order } : { label, order };
}

/**
 * `{label}` from before `users`. The old enrolment joined the emails of users
 * sharing a number with ", ": when every part is an email they are split back
 * into users; anything else stays one user named by the whole label.
 */
function readLegacyLabel(value: unknown): LabelledUser[] {
  const label = text(value, LIMITS.maxLabelChars * 10);
  if (label === undefined) return [];
  const parts = label.split(",").map((part) => part.trim());
  const emails = parts.map((part) => email(part));
  if (emails.every((address) => address !== undefined)) {
    return emails.map((address) => ({ label: address, email: address, order: UNORDERED }));
  }
  return [{ label, order: UNORDERED }];
}

function readSeen(value: unknown): SeenUser<number>[] {
  if (!isRecord(value)) return [];
  const byIdentity = new Map<string, SeenUser<number>>();
  for (const entry of Object.values(value)) {
    if (!isRecord(entry)) continue;
    const label = text(entry.label, LIMITS.maxLabelChars) ?? email(entry.email);
    if (label === undefined) continue;
    const address = email(entry.email);
    const user: SeenUser<number> = {
      label,
      ...(address ? { email: address } : {}),
      firstSeenAt: millis(entry.firstSeenAt) ?? 0,
    };
    const known = byIdentity.get(userIdentity(user));
    if (!known || user.firstSeenAt < known.firstSeenAt) byIdentity.set(userIdentity(user), user);
  }
  return [...byIdentity.values()].sort((a, b) => a.firstSeenAt - b.firstSeenAt);
}

/**
 * Any phoneLabels document, today's `{users, seen}` or the older `{label}`, as
 * one shape. A document with `users` ignores a leftover `label`; one user per
 * identity is kept (the first in order); seen users who are demo users of the
 * number are left out.
 */
export function readPhoneLabel(phoneNumber: string, data: unknown): NumberUsers {
  const doc = isRecord(data) ? data : {};
  const listed = Array.isArray(doc.users)
    ? doc.users.map(readUser).filter((user) => user !== undefined)
    : readLegacyLabel(doc.label);
  const users: LabelledUser[] = [];
  for (const user of [...listed].sort((a, b) => a.order - b.order)) {
    if (!users.some((known) => userIdentity(known) === userIdentity(user))) users.push(user);
  }
  const identities = new Set(users.map(userIdentity));
  const seen = readSeen(doc.seen).filter((user) => !identities.has(userIdentity(user)));
  return { phoneNumber, users, seen };
}

// Who each code is shown as. The person comes from the payload (the contract's
// codeOwner), or for an email from its address (owner.ts): a demo user is shown
// by their label from the demo users file with the email beside it; a phone
// code that names nobody by its number's demo users.

import type { LabelledUser } from "functions/contract/firestore-schema";
import { type CodeOwner, userKey } from "functions/contract/label";
import { ownerOfCode } from "./owner.js";
import type { InboxCode, PhoneLabelEntry } from "./types.js";

/** The phoneLabels documents, indexed the two ways the page looks them up. */
export interface Directory {
  byNumber: ReadonlyMap<string, PhoneLabelEntry>;
  /** Demo users by owner key; a user listed twice keeps their first (lowest order) entry. */
  demoUsers: ReadonlyMap<string, LabelledUser>;
}

export function directory(entries: readonly PhoneLabelEntry[]): Directory {
  const byNumber = new Map(entries.map((entry) => [entry.phoneNumber, entry]));
  const demoUsers = new Map<string, LabelledUser>();
  for (const user of entries.flatMap((entry) => entry.users)) {
    const known = demoUsers.get(userKey(user));
    if (!known || user.order < known.order) demoUsers.set(userKey(user), user);
  }
  return { byNumber, demoUsers };
}

export interface DisplayLabel {
  /** Who the code is for; "" when nobody is known. */
  primary: string;
  /** The email behind a demo user's label, when the two differ. */
  secondary?: string;
}

export const ownerOf = (code: InboxCode, names: Directory): CodeOwner =>
  ownerOfCode(code, names.byNumber.get(code.recipient));

export function displayLabel(code: InboxCode, names: Directory): DisplayLabel {
  const owner = ownerOf(code, names);
  const demoUser = owner.fromPayload ? names.demoUsers.get(owner.key) : undefined;
  if (demoUser && demoUser.label !== owner.name) {
    return { primary: demoUser.label, secondary: owner.name };
  }
  return { primary: owner.name };
}

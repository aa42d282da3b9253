// Who a code belongs to, as one thing: a person with a label, the phone
// numbers and email addresses they receive codes at, and their Auth0 user id
// when known. The function, the scripts, the page and the codes API all read
// people through this file. Plain code, no schema library: the page imports it.
//
// Where people are stored, without a migration: demo users stay where the
// scripts have always written them (phoneLabels/{number}.users, one entry per
// number a demo user is on); anyone else a code or an email names is noted by
// the webhook at their first code in people/{id} (personDocId in
// functions/src/webhook/to-document.ts). Older phoneLabels
// documents also carry `seen` maps from before people/ existed: still read.
//
// A person's factors are kept as lists by kind (phoneNumbers, emails), so a
// new kind (an authenticator app) is one more list here and in StoredPerson.
import { isE164, LIMITS } from "./notification.js";
import { type NumberUsers, userIdentity } from "./phone-labels.js";
import { email, isRecord, millis, text } from "./stored-values.js";

export interface Person {
  /** The owner key of their codes (`user:` + identity, see codeOwner in label.ts). */
  key: string;
  /** What the inbox shows: a demo user's label, else the email, else the name. */
  label: string;
  /** Numbers their codes go to, the first one shown on their card. */
  phoneNumbers: string[];
  /** Lower-case addresses their emails go to, the identity's first. */
  emails: string[];
  /** The Auth0 user id, when a payload or the scripts said it. */
  userId?: string;
  /** From the demo users file (pinned first, in file order) or first named by a code. */
  kind: "demo" | "seen";
  /** Card order within the kind: the file's order for demo users, first sighting (epoch ms) for others. */
  rank: number;
}

/**
 * people/{id}: someone a code or an email named who was nobody's
 * demo user when it arrived. Written by the webhook only, once, with the
 * code that first named them; never by a browser.
 */
export interface StoredPerson<Ts> {
  /** The payload's email, else its name, else (an email naming nobody) the address it went to. */
  label: string;
  /** Lower case. */
  email?: string;
  /** The number of their first phone code; absent when they were first named by an email. */
  phoneNumber?: string;
  /** The Auth0 user id of the payload that first named them. */
  userId?: string;
  /** The function's clock at their first code. */
  firstSeenAt: Ts;
}

/** A people/ document as everyone reads it: firstSeenAt in epoch ms. */
export type NotedPerson = StoredPerson<number>;

/** One people/ document, or undefined when it names nobody usable. */
export function readPerson(data: unknown): NotedPerson | undefined {
  if (!isRecord(data)) return undefined;
  const address = email(data.email);
  const label = text(data.label, LIMITS.maxLabelChars) ?? address;
  if (label === undefined) return undefined;
  const phoneNumber =
    typeof data.phoneNumber === "string" && isE164(data.phoneNumber) ? data.phoneNumber : undefined;
  const userId = text(data.userId, LIMITS.maxLabelChars);
  return {
    label,
    ...(address ? { email: address } : {}),
    ...(phoneNumber ? { phoneNumber } : {}),
    ...(userId ? { userId } : {}),
    firstSeenAt: millis(data.firstSeenAt) ?? 0,
  };
}

const userKeyOf = (person: { email?: string; label: string }) => `user:${userIdentity(person)}`;

const addOnce = (list: string[], value: string | undefined) => {
  if (value !== undefined && !list.includes(value)) list.push(value);
};

/**
 * Everyone the inbox knows, demo users first in the file's order, then the
 * others by first sighting: one person per identity, however many numbers
 * list them or documents note them. A demo user is never also a seen person.
 */
export function peopleOf(
  numbers: readonly NumberUsers[],
  noted: readonly NotedPerson[] = [],
): Person[] {
  const demo = new Map<string, Person>();
  const lowestOrderFirst = numbers
    .flatMap((entry) => entry.users.map((user) => ({ user, phoneNumber: entry.phoneNumber })))
    .sort((a, b) => a.user.order - b.user.order);
  for (const { user, phoneNumber } of lowestOrderFirst) {
    const key = userKeyOf(user);
    const person = demo.get(key) ?? {
      key,
      label: user.label,
      phoneNumbers: [],
      emails: [],
      kind: "demo" as const,
      rank: user.order,
    };
    addOnce(person.phoneNumbers, phoneNumber);
    addOnce(person.emails, user.email);
    demo.set(key, person);
  }
  // Sightings from people/ and from older phoneLabels `seen` maps, earliest first.
  const sightings = [
    ...noted,
    ...numbers.flatMap((entry) =>
      entry.seen.map((user) => ({ ...user, phoneNumber: entry.phoneNumber })),
    ),
  ].sort((a, b) => a.firstSeenAt - b.firstSeenAt);
  const seen = new Map<string, Person>();
  for (const sighting of sightings) {
    const key = userKeyOf(sighting);
    if (demo.has(key)) continue;
    const person = seen.get(key) ?? {
      key,
      label: sighting.label,
      phoneNumbers: [],
      emails: [],
      kind: "seen" as const,
      rank: sighting.firstSeenAt,
    };
    addOnce(person.phoneNumbers, sighting.phoneNumber);
    addOnce(person.emails, sighting.email);
    if (person.userId === undefined && "userId" in sighting && sighting.userId) {
      person.userId = sighting.userId;
    }
    seen.set(key, person);
  }
  return [...demo.values(), ...seen.values()];
}

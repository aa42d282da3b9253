// The pinned cards: one per person, not per number, so two demo users on one
// number each get their own card with their own code. Who the people are is
// the contract's peopleOf (demo users first in the demo users file's order, key
// 1 being the file's first user, then people first named by a code or an
// email, in the order they were first seen). A card shows its person's newest
// phone code and, beside it, their newest email (a person's address is their
// card's key, so their emails land there).
import { userKey } from "functions/contract/label";
import { type NotedPerson, type Person, peopleOf } from "functions/contract/people";
import { isEmail, mainLinkOf } from "./email.js";
import { personOf } from "./owner.js";
import { newestFirst as byNewest } from "./time-window.js";
import type { InboxCode, PhoneLabelEntry } from "./types.js";

export interface PinnedUser {
  /** The person's owner key (codeOwner): whose codes the card shows. */
  key: string;
  label: string;
  email?: string;
  /**
   * The number on the card: the demo user's own (their first listing), or
   * where a seen person's first code went; absent for someone met by email alone.
   */
  phoneNumber?: string;
  /** 1-based position; keys 1–9 copy the code of slots 1–9. */
  slot: number;
  /** The person's newest live phone code (notices without a code are skipped). */
  latest?: InboxCode;
  /** The person's newest live email that carries a code or a link to click. */
  latestEmail?: InboxCode;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

const byRank = (a: Person, b: Person) =>
  a.rank - b.rank ||
  collator.compare(a.phoneNumbers[0] ?? "", b.phoneNumbers[0] ?? "") ||
  collator.compare(a.label, b.label);

/**
 * Every person's card, numbered for keys 1–9.
 * @param newestFirst live codes, newest first.
 */
export function pinnedUsers(
  entries: readonly PhoneLabelEntry[],
  newestFirst: readonly InboxCode[],
  noted: readonly NotedPerson[] = [],
): PinnedUser[] {
  const people = peopleOf(entries, noted);
  const cards = [
    ...people.filter((person) => person.kind === "demo").sort(byRank),
    ...people.filter((person) => person.kind === "seen").sort(byRank),
  ];
  const latest = new Map<string, InboxCode>();
  const latestEmail = new Map<string, InboxCode>();
  for (const code of newestFirst) {
    const email = isEmail(code);
    if (code.code === "" && !(email && mainLinkOf(code))) continue;
    const person = personOf(code);
    // A code that names nobody is for whichever demo user of its number logs in.
    const owners = person
      ? [userKey(person)]
      : cards
          .filter((card) => card.kind === "demo" && card.phoneNumbers.includes(code.recipient))
          .map((card) => card.key);
    const newest = email ? latestEmail : latest;
    for (const owner of owners) if (!newest.has(owner)) newest.set(owner, code);
  }
  return cards.map((person, index) => {
    const code = latest.get(person.key);
    const email = latestEmail.get(person.key);
    const [phoneNumber] = person.phoneNumbers;
    const [address] = person.emails;
    return {
      key: person.key,
      label: person.label,
      ...(address ? { email: address } : {}),
      ...(phoneNumber ? { phoneNumber } : {}),
      slot: index + 1,
      ...(code ? { latest: code } : {}),
      ...(email ? { latestEmail: email } : {}),
    };
  });
}

/**
 * What key 1–9 copies for a card: the newest of its phone code and its
 * email's code (an email that carries only a link has no code to copy).
 */
export function slotCode(user: Pick<PinnedUser, "latest" | "latestEmail">): InboxCode | undefined {
  const candidates = [user.latest, user.latestEmail].filter(
    (code): code is InboxCode => code !== undefined && code.code !== "",
  );
  return candidates.sort(byNewest)[0];
}

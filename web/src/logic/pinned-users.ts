// The pinned cards: one per person, not per number, so two demo users on one
// number each get their own card with their own code. Who the people are is
// the contract's peopleOf (demo users first in the demo users file's order, key
// 1 being the file's first user, then people first named by a code or an
// email, in the order they were first seen). A card shows its person's newest
// phone code and, beside it, their newest email (a person's address is their
// card's key, so their emails land there). People with an authenticator (TOTP)
// who are nobody's demo user get a card too, after the demo users and before
// people seen later, so that keys 1–9 stay put as new people turn up: a person
// with nothing but an authenticator still has a card.
import { userKey } from "functions/contract/label";
import { type NotedPerson, type Person, peopleOf } from "functions/contract/people";
import type { InboxAuthenticator } from "./authenticator.js";
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
  /**
   * Their newest live email of the other kind, when there is one: a link
   * beside a newer email's code, or a code beside a newer email's link. A
   * signup's verification link stays on the card when an MFA code follows.
   */
  otherEmail?: InboxCode;
  /** The person has an authenticator (authenticators/{key}): the card shows its codes. */
  authenticator?: true;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

const byRank = (a: Person, b: Person) =>
  a.rank - b.rank ||
  collator.compare(a.phoneNumbers[0] ?? "", b.phoneNumbers[0] ?? "") ||
  collator.compare(a.label, b.label);

/**
 * The people with an authenticator who are nobody's demo user, in the order
 * the authenticators were added; someone already seen keeps their number.
 */
function authenticatorPeople(
  authenticators: readonly InboxAuthenticator[],
  people: readonly Person[],
): Person[] {
  const byKey = new Map(people.map((person) => [person.key, person]));
  return authenticators
    .filter((authenticator) => byKey.get(authenticator.key)?.kind !== "demo")
    .map((authenticator): Person => {
      const seen = byKey.get(authenticator.key);
      return {
        key: authenticator.key,
        label: seen?.label ?? authenticator.label,
        phoneNumbers: seen?.phoneNumbers ?? [],
        emails: seen?.emails ?? (authenticator.email ? [authenticator.email] : []),
        kind: "seen",
        rank: authenticator.createdAt,
      };
    })
    .sort(byRank);
}

/**
 * Every person's card, numbered for keys 1–9.
 * @param newestFirst live codes, newest first.
 * @param noted people the webhook noted (people/), and who has an authenticator.
 */
export function pinnedUsers(
  entries: readonly PhoneLabelEntry[],
  newestFirst: readonly InboxCode[],
  {
    noted = [],
    authenticators = [],
  }: { noted?: readonly NotedPerson[]; authenticators?: readonly InboxAuthenticator[] } = {},
): PinnedUser[] {
  const people = peopleOf(entries, noted);
  const withAuthenticator = authenticatorPeople(authenticators, people);
  const early = new Set(withAuthenticator.map((person) => person.key));
  const cards = [
    ...people.filter((person) => person.kind === "demo").sort(byRank),
    ...withAuthenticator,
    ...people.filter((person) => person.kind === "seen" && !early.has(person.key)).sort(byRank),
  ];
  const hasAuthenticator = new Set(authenticators.map((authenticator) => authenticator.key));
  const latest = new Map<string, InboxCode>();
  const latestEmailCode = new Map<string, InboxCode>();
  const latestEmailLink = new Map<string, InboxCode>();
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
    const newest = !email ? latest : code.code !== "" ? latestEmailCode : latestEmailLink;
    for (const owner of owners) if (!newest.has(owner)) newest.set(owner, code);
  }
  return cards.map((person, index) => {
    const code = latest.get(person.key);
    const [email, otherEmail] = [latestEmailCode.get(person.key), latestEmailLink.get(person.key)]
      .filter((found): found is InboxCode => found !== undefined)
      .sort(byNewest);
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
      ...(otherEmail ? { otherEmail } : {}),
      ...(hasAuthenticator.has(person.key) ? { authenticator: true as const } : {}),
    };
  });
}

/**
 * What key 1–9 copies for a card: the newest of its phone code and its
 * emails' codes (an email that carries only a link has no code to copy).
 */
export function slotCode(
  user: Pick<PinnedUser, "latest" | "latestEmail" | "otherEmail">,
): InboxCode | undefined {
  const candidates = [user.latest, user.latestEmail, user.otherEmail].filter(
    (code): code is InboxCode => code !== undefined && code.code !== "",
  );
  return candidates.sort(byNewest)[0];
}

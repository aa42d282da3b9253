// The pinned cards: one per person, not per number, so two demo users on one
// number each get their own card with their own code. Demo users come first in
// the demo users file's order (key 1 is the file's first user), then people
// first seen in payloads, in the order they were first seen. A card shows its
// person's newest phone code and, beside it, their newest email (a demo user's
// address is their card's key, so their emails land there). People with an
// authenticator (TOTP) who are nobody's demo user get a card too, after the
// demo users and before people seen later, so that keys 1–9 stay put as new
// people turn up: a person with nothing but an authenticator still has a card.
import { userKey } from "functions/contract/label";
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
   * The number on the card: the demo user's own, or where a seen user was
   * first seen; "" for someone known only by their authenticator.
   */
  phoneNumber: string;
  /** 1-based position; keys 1–9 copy the code of slots 1–9. */
  slot: number;
  /** The person's newest live phone code (notices without a code are skipped). */
  latest?: InboxCode;
  /** The person's newest live email that carries a code or a link to click. */
  latestEmail?: InboxCode;
  /** The person has an authenticator (authenticators/{key}): the card shows its codes. */
  authenticator?: true;
}

interface Card extends Omit<PinnedUser, "slot" | "latest" | "latestEmail" | "authenticator"> {
  /** Sorts the cards: the file's order for demo users, the first sighting's time for others. */
  rank: number;
  /** Numbers whose codes that name nobody count as this demo user's. */
  numbers: Set<string>;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/** One card per demo user; a user listed on several numbers keeps their first listing. */
function demoUserCards(entries: readonly PhoneLabelEntry[]): Map<string, Card> {
  const cards = new Map<string, Card>();
  for (const { phoneNumber, users } of entries) {
    for (const user of users) {
      const key = userKey(user);
      const card = cards.get(key);
      if (card && user.order >= card.rank) {
        card.numbers.add(phoneNumber);
        continue;
      }
      cards.set(key, {
        key,
        label: user.label,
        ...(user.email ? { email: user.email } : {}),
        phoneNumber,
        rank: user.order,
        numbers: new Set([...(card?.numbers ?? []), phoneNumber]),
      });
    }
  }
  return cards;
}

/** One card per person seen in payloads who is nobody's demo user, at their first sighting. */
function seenUserCards(entries: readonly PhoneLabelEntry[], demo: ReadonlyMap<string, Card>) {
  const cards = new Map<string, Card>();
  for (const entry of entries) {
    for (const user of entry.seen) {
      const key = userKey(user);
      const card = cards.get(key);
      if (demo.has(key) || (card && card.rank <= user.firstSeenAt)) continue;
      cards.set(key, {
        key,
        label: user.label,
        ...(user.email ? { email: user.email } : {}),
        phoneNumber: entry.phoneNumber,
        rank: user.firstSeenAt,
        numbers: new Set(),
      });
    }
  }
  return cards;
}

/** A card for each authenticator whose person has no demo user's card: in the order they were added. */
function authenticatorCards(
  authenticators: readonly InboxAuthenticator[],
  demo: ReadonlyMap<string, Card>,
  seen: ReadonlyMap<string, Card>,
): Map<string, Card> {
  const cards = new Map<string, Card>();
  for (const authenticator of authenticators) {
    if (demo.has(authenticator.key)) continue;
    cards.set(authenticator.key, {
      key: authenticator.key,
      label: authenticator.label,
      ...(authenticator.email ? { email: authenticator.email } : {}),
      // Someone the webhook has seen keeps the number they were seen on.
      phoneNumber: seen.get(authenticator.key)?.phoneNumber ?? "",
      rank: authenticator.createdAt,
      numbers: new Set(),
    });
  }
  return cards;
}

const byRank = (a: Card, b: Card) =>
  a.rank - b.rank ||
  collator.compare(a.phoneNumber, b.phoneNumber) ||
  collator.compare(a.label, b.label);

/**
 * Every person's card, numbered for keys 1–9.
 * @param newestFirst live codes, newest first.
 */
export function pinnedUsers(
  entries: readonly PhoneLabelEntry[],
  newestFirst: readonly InboxCode[],
  authenticators: readonly InboxAuthenticator[] = [],
): PinnedUser[] {
  const demo = demoUserCards(entries);
  const seen = seenUserCards(entries, demo);
  const withAuthenticator = authenticatorCards(authenticators, demo, seen);
  const cards = [
    ...[...demo.values()].sort(byRank),
    ...[...withAuthenticator.values()].sort(byRank),
    ...[...seen.values()].filter((card) => !withAuthenticator.has(card.key)).sort(byRank),
  ];
  const hasAuthenticator = new Set(authenticators.map((authenticator) => authenticator.key));
  const latest = new Map<string, InboxCode>();
  const latestEmail = new Map<string, InboxCode>();
  for (const code of newestFirst) {
    const email = isEmail(code);
    if (code.code === "" && !(email && mainLinkOf(code))) continue;
    const person = personOf(code);
    // A code that names nobody is for whichever demo user of its number logs in.
    const owners = person
      ? [userKey(person)]
      : cards.filter((card) => card.numbers.has(code.recipient)).map((card) => card.key);
    const newest = email ? latestEmail : latest;
    for (const owner of owners) if (!newest.has(owner)) newest.set(owner, code);
  }
  return cards.map(({ rank: _rank, numbers: _numbers, ...card }, index) => {
    const code = latest.get(card.key);
    const email = latestEmail.get(card.key);
    return {
      ...card,
      slot: index + 1,
      ...(code ? { latest: code } : {}),
      ...(email ? { latestEmail: email } : {}),
      ...(hasAuthenticator.has(card.key) ? { authenticator: true as const } : {}),
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

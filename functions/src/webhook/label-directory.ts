// What one function instance knows of the phoneLabels collection between
// requests, so that most codes are stored without reading their number first.
// A Firestore listener keeps it current (label-listener.ts); this part is pure:
// changes arrive as plain data.
//
// The rule that keeps it correct: knowledge that lets the webhook skip work is
// trusted (this person is already on the number, the number has demo users),
// knowledge that would make it write or leave a label out is checked with a
// read first. So a number labelled or a demo user added a moment ago, before
// the listener has delivered it, still gets its label and no `seen` entry.
// What a stale directory can do, for as long as the listener lags (milliseconds
// while it is connected): a person whose `seen` entry was deleted, or a demo
// user just taken off the number, is not noted as seen by that code (the next
// code after the listener catches up notes them); a code that names nobody is
// stored with the number's previous demo users as its label. The page never
// shows that stored label while the number has demo users: it names codes from
// phoneLabels as they are now (web/src/logic/labels.ts).
import type { LabelledUser } from "../contract/firestore-schema.js";
import { numberLabel, payloadPerson } from "../contract/label.js";
import { type NumberUsers, readPhoneLabel, userIdentity } from "../contract/phone-labels.js";
import type { OtpWebhookPayload } from "../contract/webhook-payload.js";
import { knownOnNumber } from "./to-document.js";

/** One phoneLabels document as the listener reports it (Firestore's docChanges). */
export interface LabelChange {
  type: "added" | "modified" | "removed";
  phoneNumber: string;
  data: unknown;
}

/**
 * True when `number` as known is enough to store this payload correctly: the
 * payload names a person the number already lists (a demo user, or seen by an
 * older webhook), so nobody is noted and the stored label is the payload's;
 * or it names nobody and the number has demo users to label it with.
 */
export function answersWithoutRead(
  payload: OtpWebhookPayload,
  number: NumberUsers | undefined,
): boolean {
  const person = payloadPerson(payload);
  if (person) return knownOnNumber(person, number);
  return numberLabel(number) !== "";
}

export class LabelDirectory {
  private readonly numbers = new Map<string, NumberUsers>();
  private synced = false;
  /** Demo users by lower-case email, built on first use after a change (emails ask for it). */
  private byEmail: Map<string, LabelledUser> | undefined;
  /** Identities listed on any number (demo users and older `seen`), built on first use after a change. */
  private identities: Set<string> | undefined;
  private waiting: (() => void)[] = [];

  /** A snapshot's changes; the first snapshot holds every document and makes the directory usable. */
  apply(changes: readonly LabelChange[]): void {
    for (const change of changes) {
      if (change.type === "removed") this.numbers.delete(change.phoneNumber);
      else this.numbers.set(change.phoneNumber, readPhoneLabel(change.phoneNumber, change.data));
    }
    this.byEmail = undefined;
    this.identities = undefined;
    this.synced = true;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /** Forgets everything until the next first snapshot (a new listener). */
  reset(): void {
    this.numbers.clear();
    this.byEmail = undefined;
    this.identities = undefined;
    this.synced = false;
  }

  /**
   * Resolves true once the directory is synced, false when `timeoutMs` passes
   * first. An email has no number to read on its own: it waits for the
   * snapshot the instance's listener loads anyway.
   */
  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      timer.unref?.();
      this.waiting.push(done);
    });
  }

  /**
   * The demo user with this email on any number (the first in the demo users
   * file's order), or undefined. Only demo users: someone merely seen on a
   * number names nothing. Call only while synced.
   */
  demoUserByEmail(email: string): LabelledUser | undefined {
    if (!this.byEmail) this.byEmail = indexByEmail(this.numbers.values());
    return this.byEmail.get(email.trim().toLowerCase());
  }

  /**
   * Whether any number lists this person (a demo user, or seen by an older
   * webhook): such a person is never noted in people/. Call only while synced.
   */
  listsPerson(person: { email?: string; label: string }): boolean {
    if (!this.identities) {
      this.identities = new Set(
        [...this.numbers.values()].flatMap((number) =>
          [...number.users, ...number.seen].map(userIdentity),
        ),
      );
    }
    return this.identities.has(userIdentity(person));
  }

  /** The number as last delivered (undefined: no document). Call only while synced. */
  numberOf(phoneNumber: string): NumberUsers | undefined {
    return this.numbers.get(phoneNumber);
  }

  get isSynced(): boolean {
    return this.synced;
  }

  /**
   * The payload's number without a read, when the directory knows enough (see
   * answersWithoutRead); undefined when the caller must read phoneLabels.
   */
  lookup(payload: OtpWebhookPayload): { number: NumberUsers | undefined } | undefined {
    if (!this.synced) return undefined;
    const number = this.numbers.get(payload.recipient);
    return answersWithoutRead(payload, number) ? { number } : undefined;
  }
}

function indexByEmail(numbers: Iterable<NumberUsers>): Map<string, LabelledUser> {
  const byEmail = new Map<string, LabelledUser>();
  for (const number of numbers) {
    for (const user of number.users) {
      if (!user.email) continue;
      const known = byEmail.get(user.email);
      if (!known || user.order < known.order) byEmail.set(user.email, user);
    }
  }
  return byEmail;
}

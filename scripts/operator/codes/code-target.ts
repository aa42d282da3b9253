// Which codes a waiting test wants: one person's (by email or label) or one
// number's, received after the wait began. Pure, so it is tested on its own.
// A code is a person's when its payload names them; a payload that names
// nobody counts for the demo users of its number (there is no one else to ask).
import type { StoredCode } from "functions/contract/firestore-schema";
import { payloadPerson, userKey } from "functions/contract/label";
import { isE164 } from "functions/contract/notification";
import type { NumberUsers } from "functions/contract/phone-labels";
import { isProbe } from "functions/contract/probe";

export type CodeTarget = { kind: "number"; phoneNumber: string } | { kind: "user"; user: string };

export function parseTarget(value: string): CodeTarget {
  const trimmed = value.trim();
  if (trimmed.startsWith("+")) {
    if (!isE164(trimmed))
      throw new Error(`${value} is not an E.164 phone number such as +61400000001`);
    return { kind: "number", phoneNumber: trimmed };
  }
  if (trimmed === "") throw new Error("say whose code to wait for: an email, a label or a +number");
  return { kind: "user", user: trimmed.toLowerCase() };
}

/** The person a user target means, resolved once against the phoneLabels documents. */
export interface TargetPerson {
  /** Owner keys whose codes are theirs: the target itself, and the demo users it names. */
  keys: ReadonlySet<string>;
  /** Numbers they are a demo user of: codes there that name nobody are theirs too. */
  numbers: ReadonlySet<string>;
}

/** Matches the target against each demo user's email and label, and seen users'. */
export function targetPerson(
  target: Extract<CodeTarget, { kind: "user" }>,
  labels: readonly NumberUsers[],
): TargetPerson {
  const keys = new Set([userKey({ label: target.user })]);
  const numbers = new Set<string>();
  const named = (person: { label: string; email?: string }) =>
    person.label.toLowerCase() === target.user || person.email === target.user;
  for (const entry of labels) {
    for (const user of entry.users) {
      if (!named(user)) continue;
      keys.add(userKey(user));
      numbers.add(entry.phoneNumber);
    }
    for (const user of entry.seen) if (named(user)) keys.add(userKey(user));
  }
  return { keys, numbers };
}

type WaitedCode = Pick<StoredCode<unknown>, "recipient" | "label" | "user" | "code" | "probe">;

const NOBODY: TargetPerson = { keys: new Set(), numbers: new Set() };

export function codeMatches(
  code: WaitedCode,
  target: CodeTarget,
  who: TargetPerson = NOBODY,
): boolean {
  // A notice without a code, or the doctor's test notice, is nobody's login code.
  if (code.code === "" || isProbe(code)) return false;
  if (target.kind === "number") return code.recipient === target.phoneNumber;
  const named = payloadPerson(code);
  // Someone else's code on the target's number is not theirs, shared or not.
  if (named) return who.keys.has(userKey(named)) || code.user?.name?.toLowerCase() === target.user;
  return who.numbers.has(code.recipient) || code.label.toLowerCase() === target.user;
}

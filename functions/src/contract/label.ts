// Who a code belongs to. Numbers are shared (the seed's setup: many demo users
// on one set of numbers), so the person comes from the payload, which names
// exactly the user Auth0 sent the code for; only a payload that names nobody
// (the seed's Action sends no user) falls back to the number's demo users.
import { type NumberUsers, userIdentity } from "./phone-labels.js";

/** The parts of a payload or stored code the rule reads. */
export interface OwnedCode {
  recipient: string;
  user?: { email?: string; name?: string };
  /** The label stored with the code when it arrived: the last resort for older codes. */
  label?: string;
}

export interface CodeOwner {
  /**
   * Groups one person's codes: `user:` and their identity when the payload
   * names them, else `number:` and the recipient, since then the number is
   * all that is known.
   */
  key: string;
  /** The payload's email, else its name, else the number's demo users; "" when nobody is known. */
  name: string;
  /** The payload named the user (else the name, if any, is the number's). */
  fromPayload: boolean;
  /** The payload's email, lower case. */
  email?: string;
}

const present = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

export const userKey = (person: { email?: string; label: string }): string =>
  `user:${userIdentity(person)}`;
export const numberKey = (phoneNumber: string): string => `number:${phoneNumber}`;

/** The payload's user as a person, when it names one. */
export function payloadPerson(
  code: Pick<OwnedCode, "user">,
): { label: string; email?: string } | undefined {
  const email = present(code.user?.email)?.toLowerCase();
  const label = email ?? present(code.user?.name);
  if (label === undefined) return undefined;
  return email ? { label, email } : { label };
}

/** The owner's grouping key alone (it never depends on the labels). */
export function ownerKey(code: OwnedCode): string {
  const person = payloadPerson(code);
  return person ? userKey(person) : numberKey(code.recipient);
}

/** What a number is called when a code names nobody: all its demo users, in file order. */
export function numberLabel(entry: NumberUsers | undefined): string {
  return (entry?.users ?? []).map((user) => user.label).join(", ");
}

/**
 * The payload's user when it names one (email, else name); else the number's
 * demo users; else the label stored with the code. Seen users never name a
 * number: one user's first code must not label it for everyone.
 */
export function codeOwner(code: OwnedCode, entry: NumberUsers | undefined): CodeOwner {
  const person = payloadPerson(code);
  if (person) {
    return {
      key: userKey(person),
      name: person.label,
      fromPayload: true,
      ...(person.email ? { email: person.email } : {}),
    };
  }
  return {
    key: numberKey(code.recipient),
    name: numberLabel(entry) || (present(code.label) ?? ""),
    fromPayload: false,
  };
}

/** How the codes API and wait-for-code compare a `user`: trimmed, lower case. */
export const ownerName = (value: string): string => value.trim().toLowerCase();

/**
 * Every name a code can be asked for by (`user=` of the codes API): stored
 * with the code as `owners`, so one indexed query finds a person's codes.
 * A payload that names someone answers to their email, their name and the
 * label a demo users file gives them; one that names nobody answers to each
 * demo user of the number, since any of them may have asked for it.
 */
export function ownerNames(
  code: OwnedCode & { user?: { email?: string; name?: string } },
  entry: NumberUsers | undefined,
): string[] {
  const names = new Set<string>();
  const add = (value: string | undefined) => {
    if (value?.trim()) names.add(ownerName(value));
  };
  const person = payloadPerson(code);
  if (person) {
    add(person.label);
    add(code.user?.name);
    const identity = userIdentity(person);
    for (const known of [...(entry?.users ?? []), ...(entry?.seen ?? [])]) {
      if (userIdentity(known) !== identity) continue;
      add(known.label);
      add(known.email);
    }
  } else if (entry?.users.length) {
    for (const user of entry.users) {
      add(user.label);
      add(user.email);
    }
  } else {
    add(code.label);
  }
  return [...names];
}

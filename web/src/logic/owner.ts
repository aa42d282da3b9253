// Whose a code is, emails included. The contract's codeOwner decides for phone
// codes (the payload's user, else the number's demo users). An email is sent
// to a person's own address, so an email that names no user still names its
// person: the recipient. Keyed the way demo users are (userKey), so a demo
// user's email lands on their card beside their SMS codes.
import { type CodeOwner, codeOwner, payloadPerson, userKey } from "functions/contract/label";
import { isEmail } from "./email.js";
import type { InboxCode, PhoneLabelEntry } from "./types.js";

/** The person a code names: the payload's user, or for an email its address. */
export function personOf(
  code: Pick<InboxCode, "recipient" | "user" | "channel" | "deliveryMethod">,
): { label: string; email?: string } | undefined {
  const person = payloadPerson(code);
  if (person || !isEmail(code)) return person;
  const address = code.recipient.trim().toLowerCase();
  return address ? { label: address, email: address } : undefined;
}

/** codeOwner, with an email that names nobody owned by its address. */
export function ownerOfCode(code: InboxCode, entry: PhoneLabelEntry | undefined): CodeOwner {
  if (!isEmail(code) || payloadPerson(code)) return codeOwner(code, entry);
  const person = personOf(code);
  if (!person) return codeOwner(code, entry);
  return {
    key: userKey(person),
    name: person.label,
    // The address names the person as surely as a payload's user does.
    fromPayload: true,
    ...(person.email ? { email: person.email } : {}),
  };
}

/** The owner's grouping key alone (ownerKey in the contract, emails included). */
export function ownerKeyOf(code: InboxCode): string {
  return ownerOfCode(code, undefined).key;
}

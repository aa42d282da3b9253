// Whose code a command means: a person (by email or label) or a number. Which
// codes are that person's is ownerNames' rule (functions/contract/label.ts).
import { isE164 } from "functions/contract/notification";

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

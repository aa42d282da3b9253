// Which codes a waiting test wants: one demo user's (by label or email) or one
// number's, received after the wait began. Pure, so it is tested on its own.
import type { StoredCode } from "functions/contract/firestore-schema";
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

/**
 * A code belongs to the target when its number matches, or when its label,
 * payload email or payload name is the user, or its number is labelled so.
 */
export function codeMatches(
  code: Pick<StoredCode<unknown>, "recipient" | "label" | "user" | "code">,
  target: CodeTarget,
  numbersLabelledForUser: ReadonlySet<string>,
): boolean {
  if (code.code === "") return false;
  if (target.kind === "number") return code.recipient === target.phoneNumber;
  const names = [code.label, code.user?.email, code.user?.name].map((name) => name?.toLowerCase());
  return names.includes(target.user) || numbersLabelledForUser.has(code.recipient);
}

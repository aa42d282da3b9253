// Auth0 accepts only the latest code sent to a number, so an older code for the
// same number is superseded. Notices without a code supersede nothing.
import { newestFirst } from "./time-window.js";
import type { InboxCode } from "./types.js";

/** Ids of codes with a newer code for the same recipient. Input in any order. */
export function supersededIds(codes: readonly InboxCode[]): Set<string> {
  const newest = new Map<string, InboxCode>();
  for (const code of codes) {
    if (code.code === "") continue;
    const current = newest.get(code.recipient);
    if (!current || newestFirst(code, current) < 0) newest.set(code.recipient, code);
  }
  const superseded = new Set<string>();
  for (const code of codes) {
    if (code.code !== "" && newest.get(code.recipient)?.id !== code.id) superseded.add(code.id);
  }
  return superseded;
}

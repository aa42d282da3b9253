// Filter by label or number. A query that looks like a phone number matches
// the digits of the number whatever the formatting ("+61 400 000 001",
// "0400 000 001" with its trunk 0, "61400"); otherwise every word must match a
// label, the user's email or name, an email's address or subject, or part of
// the number.
import type { DisplayLabel } from "./labels.js";
import type { InboxCode } from "./types.js";

export interface Filter {
  /** Lower-case words that must all match; empty when the query is a number. */
  words: string[];
  /** The query when it is a phone number or part of one, e.g. "+61 400" or "0400 000". */
  number: string | null;
}

const digitsOnly = (value: string): string => value.replace(/\D/g, "");
const looksLikeNumber = (text: string): boolean => /^[+(\d][\d\s().-]*$/.test(text);

export function parseFilter(query: string): Filter {
  const text = query.trim().toLowerCase();
  if (text !== "" && looksLikeNumber(text)) return { words: [], number: text };
  return { words: text.split(/\s+/).filter(Boolean), number: null };
}

export const isEmptyFilter = (filter: Filter): boolean =>
  filter.number === null && filter.words.length === 0;

/**
 * "0400…" dialled nationally is "…400…" in E.164, and "0061…" is "61…" after
 * the international prefix; only long enough inputs get these readings.
 */
function digitVariants(digits: string): string[] {
  const variants = [digits];
  if (digits.startsWith("0") && digits.length > 2) variants.push(digits.slice(1));
  if (digits.startsWith("00") && digits.length >= 6) variants.push(digits.slice(2));
  return variants;
}

function numberMatches(phoneNumber: string, query: string): boolean {
  const digits = digitsOnly(query);
  if (digits === "") return false;
  const numberDigits = digitsOnly(phoneNumber);
  // "+…" is the start of an E.164 number; anything else may be any part of it.
  if (query.trim().startsWith("+")) return numberDigits.startsWith(digits);
  return digitVariants(digits).some((variant) => numberDigits.includes(variant));
}

/** Matches a phone number and the texts shown with it. */
export function matchesFilter(phoneNumber: string, texts: readonly string[], filter: Filter) {
  if (filter.number !== null) return numberMatches(phoneNumber, filter.number);
  const haystack = texts.map((t) => t.toLowerCase());
  return filter.words.every(
    (word) =>
      haystack.some((text) => text.includes(word)) ||
      (looksLikeNumber(word) && numberMatches(phoneNumber, word)),
  );
}

export function codeMatches(code: InboxCode, label: DisplayLabel, filter: Filter): boolean {
  if (isEmptyFilter(filter)) return true;
  const texts = [
    label.primary,
    label.secondary ?? "",
    code.user?.email ?? "",
    code.user?.name ?? "",
    // An email is also found by its address and subject ("reset", "invitation").
    code.email ? code.recipient : "",
    code.email?.subject ?? "",
  ];
  return matchesFilter(code.recipient, texts, filter);
}

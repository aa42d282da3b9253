// Filter by label or number. Every word must match something; digits match the
// number whatever the formatting ("0400 000", "+61 400" and "61400" all find
// +61400000001).
import type { DisplayLabel } from "./labels.js";
import type { InboxCode } from "./types.js";

const digitsOnly = (value: string): string => value.replace(/\D/g, "");
const looksLikeNumber = (word: string): boolean => /^[+(\d][\d\s().-]*$/.test(word);

export function parseFilter(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Matches a phone number and its labels against parsed filter words. */
export function matchesFilter(
  phoneNumber: string,
  texts: readonly string[],
  words: readonly string[],
): boolean {
  const haystack = texts.map((t) => t.toLowerCase());
  const numberDigits = digitsOnly(phoneNumber);
  return words.every((word) => {
    if (looksLikeNumber(word)) {
      const digits = digitsOnly(word);
      // A leading 0 is a national prefix: "0400…" is "+61 400…".
      const national = digits.replace(/^0+/, "");
      if (national !== "" && (numberDigits.includes(digits) || numberDigits.includes(national))) {
        return true;
      }
    }
    return phoneNumber.includes(word) || haystack.some((text) => text.includes(word));
  });
}

export function codeMatches(code: InboxCode, label: DisplayLabel, words: readonly string[]) {
  if (words.length === 0) return true;
  const texts = [
    label.primary,
    label.secondary ?? "",
    code.user?.email ?? "",
    code.user?.name ?? "",
  ];
  return matchesFilter(code.recipient, texts, words);
}

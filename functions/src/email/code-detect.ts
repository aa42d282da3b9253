// Finds the one-time code in an email's visible text by the template's structure,
// not by the first run of digits. Every whole number of 4 to 10 digits is a
// candidate; it scores for standing alone in its element, for standing out
// (bold, large, letter-spaced, monospace), for a code word just before or after
// it ("code", "código", "コード"…), and loses for a decoy word beside it (order,
// phone, ©, minutes…). A candidate is kept only with a label or standing alone,
// and a code is returned only when one value clearly wins: otherwise none.
import { EMAIL_CODE_MESSAGE_TYPES } from "../contract/email.js";
import type { ScannedEmail, TextRun } from "./html-scan.js";
import {
  CODE_WORDS,
  CODE_WORDS_WHOLE,
  DECOY_AFTER,
  DECOY_BEFORE,
  NOT_CODE_PHRASES,
} from "./lexicon.js";
import { firstWordStart, lastWordEnd } from "./words.js";

export interface CodeHints {
  messageType?: string;
  subject?: string;
}

/** How far a label may be from its code, in characters and lines of text. */
const LABEL_BEFORE_CHARS = 100;
const LABEL_BEFORE_LINES = 3;
const LABEL_AFTER_CHARS = 50;
const DECOY_BEFORE_CHARS = 40;
const DECOY_AFTER_CHARS = 16;

export const SCORES = {
  labelBefore: 3,
  /** "is:", "es", "ist", "は": the label ends right at the code. */
  labelAdjacent: 1,
  labelAfter: 2,
  standalone: 2,
  prominent: 2,
  /** A code type's template shows its code alone; this lets an unlabelled one through. */
  codeMessageType: 2,
  inSubject: 1,
  decoy: -4,
  yearLike: -2,
  /** At least this, and a label or standing alone, to be a code. */
  threshold: 4,
} as const;

const DIGIT_RUN = /\d+/g;
const ALNUM = /[A-Za-z0-9]/;
/** Characters that join a number to something else: "#123456", "$1234", "a=1234", "1234@". */
const JOINERS = /[A-Za-z0-9#$€£¥₹+/=_@&%~\\*^|]/;
/** Punctuation that joins two numbers ("10:30", "2026-01-05", "1,234.56") but may end a sentence. */
const NUMBER_SEPARATORS = /[.,:\-–]/;

/** A whole number: not part of a date, time, price, phone, colour, URL or identifier. */
function isWholeNumber(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? " ";
  const before2 = text[start - 2] ?? " ";
  const after = text[end] ?? " ";
  const after2 = text[end + 1] ?? " ";
  if (JOINERS.test(before) || JOINERS.test(after)) return false;
  // "Code:123456" is a label, but "10:123456" and "v1.123456" join numbers.
  if (
    NUMBER_SEPARATORS.test(before) &&
    (before !== ":" || /\d/.test(before2)) &&
    ALNUM.test(before2)
  )
    return false;
  if (NUMBER_SEPARATORS.test(after) && ALNUM.test(after2)) return false;
  // "555 123 4567", "1 234 567": digit groups a space apart are one number.
  if (before === " " && /\d/.test(before2)) return false;
  if (after === " " && /\d/.test(after2)) return false;
  return true;
}

/** The text from up to maxLines lines and maxChars characters before position. */
function textBefore(text: string, position: number, maxChars: number, maxLines: number): string {
  let from = position;
  let lines = 0;
  while (from > 0 && position - from < maxChars) {
    if (text[from - 1] === "\n" && ++lines >= maxLines) break;
    from--;
  }
  return text.slice(from, position);
}

function textAfterOnLine(text: string, position: number, maxChars: number): string {
  const slice = text.slice(position, position + maxChars);
  const newline = slice.indexOf("\n");
  return newline < 0 ? slice : slice.slice(0, newline);
}

const withoutNotCodePhrases = (text: string): string => {
  let cleaned = text;
  for (const phrase of NOT_CODE_PHRASES) {
    if (cleaned.includes(phrase)) cleaned = cleaned.split(phrase).join("·".repeat(phrase.length));
  }
  return cleaned;
};

/** Where the last code word ends in text, or -1. */
const lastCodeWord = (text: string): number => {
  const cleaned = withoutNotCodePhrases(text);
  return Math.max(
    lastWordEnd(cleaned, CODE_WORDS, { compounds: true }),
    lastWordEnd(cleaned, CODE_WORDS_WHOLE),
  );
};

const endsLikeALabel = (before: string): boolean =>
  /(:|：|\bis|\bes|\best|\bist|\blautet|\bè|は|为|為|是)\s*$/.test(before);

function runAt(runs: readonly TextRun[], position: number): TextRun | undefined {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const run = runs[middle] as TextRun;
    if (position < run.start) high = middle - 1;
    else if (position >= run.end) low = middle + 1;
    else return run;
  }
  return undefined;
}

/** Elements whose whole trimmed text is one candidate number, keyed by where it starts. */
function standaloneNumbers(scan: ScannedEmail): Map<number, { prominent: boolean }> {
  const found = new Map<number, { prominent: boolean }>();
  for (const element of scan.shortElements) {
    const raw = scan.text.slice(element.start, element.end);
    const trimmed = raw.trim();
    if (!/^\d{4,10}$/.test(trimmed)) continue;
    const start = element.start + raw.indexOf(trimmed);
    const known = found.get(start);
    found.set(start, { prominent: element.prominent || (known?.prominent ?? false) });
  }
  return found;
}

interface Candidate {
  value: string;
  score: number;
}

function scoreCandidate(
  scan: ScannedEmail,
  start: number,
  end: number,
  standalone: { prominent: boolean } | undefined,
  hints: CodeHints,
): Candidate | undefined {
  const { text } = scan;
  const value = text.slice(start, end);
  const before = textBefore(text, start, LABEL_BEFORE_CHARS, LABEL_BEFORE_LINES).toLowerCase();
  const after = textAfterOnLine(text, end, LABEL_AFTER_CHARS).toLowerCase();

  const labelEnd = lastCodeWord(before);
  const labelledBefore = labelEnd >= 0;
  const labelledAfter = !labelledBefore && lastCodeWord(after) >= 0;
  let score = 0;
  if (labelledBefore) {
    score += SCORES.labelBefore;
    if (endsLikeALabel(before)) score += SCORES.labelAdjacent;
  }
  if (labelledAfter) score += SCORES.labelAfter;
  if (standalone) score += SCORES.standalone;
  if (!labelledBefore && !labelledAfter && !standalone) return undefined;

  const prominent = standalone?.prominent || runAt(scan.runs, start)?.prominent === true;
  if (prominent) score += SCORES.prominent;
  if (
    standalone &&
    hints.messageType !== undefined &&
    EMAIL_CODE_MESSAGE_TYPES.includes(hints.messageType)
  )
    score += SCORES.codeMessageType;
  if (hints.subject !== undefined && new RegExp(`(^|\\D)${value}(\\D|$)`).test(hints.subject))
    score += SCORES.inSubject;

  // A decoy word counts only when it is nearer the number than the code word:
  // "your account's verification code is 123456" is still a code.
  const nearBefore = before.slice(-DECOY_BEFORE_CHARS);
  const decoyEnd = lastWordEnd(nearBefore, DECOY_BEFORE);
  const nearLabelEnd = labelEnd - (before.length - nearBefore.length);
  if (decoyEnd >= 0 && decoyEnd > nearLabelEnd) score += SCORES.decoy;
  if (firstWordStart(after.slice(0, DECOY_AFTER_CHARS).trimStart(), DECOY_AFTER) === 0)
    score += SCORES.decoy;
  if (/^(19|20)\d\d$/.test(value)) score += SCORES.yearLike;
  return { value, score };
}

/** The code the email carries, or null when no value is clearly it. */
export function detectCode(scan: ScannedEmail, hints: CodeHints = {}): string | null {
  const standalone = standaloneNumbers(scan);
  const best = new Map<string, number>();
  for (const match of scan.text.matchAll(DIGIT_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length < 4 || match[0].length > 10) continue;
    if (!isWholeNumber(scan.text, start, end)) continue;
    const candidate = scoreCandidate(scan, start, end, standalone.get(start), hints);
    if (!candidate || candidate.score < SCORES.threshold) continue;
    best.set(candidate.value, Math.max(best.get(candidate.value) ?? -Infinity, candidate.score));
  }
  let winner: string | null = null;
  let top = -Infinity;
  let tied = false;
  for (const [value, score] of best) {
    if (score > top) {
      winner = value;
      top = score;
      tied = false;
    } else if (score === top) tied = true;
  }
  // Two different values equally likely: a guess either way, so none.
  return tied ? null : winner;
}

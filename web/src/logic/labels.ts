// Who a number belongs to, and the pinned card per demo user. The phoneLabels
// collection (written by the enrolment scripts) names the demo users; a code
// also carries the label the webhook resolved when it arrived (often the
// user's email), shown beside the configured name when the two differ.
import type { InboxCode, PhoneLabelEntry } from "./types.js";

export type LabelMap = ReadonlyMap<string, string>;

export function labelMap(entries: readonly PhoneLabelEntry[]): LabelMap {
  return new Map(
    entries.filter((e) => e.label.trim() !== "").map((e) => [e.phoneNumber, e.label.trim()]),
  );
}

export interface DisplayLabel {
  /** The demo user's name, else the label stored with the code; "" when unknown. */
  primary: string;
  /** The stored label when it adds something (e.g. the email behind "Alice"). */
  secondary?: string;
}

export function displayLabel(code: InboxCode, labels: LabelMap): DisplayLabel {
  const configured = labels.get(code.recipient);
  const stored = code.label.trim();
  if (!configured) return { primary: stored };
  return stored !== "" && stored !== configured
    ? { primary: configured, secondary: stored }
    : { primary: configured };
}

export interface PinnedUser {
  phoneNumber: string;
  label: string;
  /** 1-based position; keys 1–9 copy the code of slots 1–9. */
  slot: number;
  /** The newest live code for this number (notices without a code are skipped). */
  latest?: InboxCode;
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

/**
 * One card per labelled number, ordered by name so slot numbers are predictable.
 * @param newestFirst live codes, newest first.
 */
export function pinnedUsers(labels: LabelMap, newestFirst: readonly InboxCode[]): PinnedUser[] {
  const latest = new Map<string, InboxCode>();
  for (const code of newestFirst) {
    if (code.code !== "" && !latest.has(code.recipient)) latest.set(code.recipient, code);
  }
  return [...labels.entries()]
    .sort(([numA, a], [numB, b]) => collator.compare(a, b) || collator.compare(numA, numB))
    .map(([phoneNumber, label], index) => {
      const code = latest.get(phoneNumber);
      return { phoneNumber, label, slot: index + 1, ...(code ? { latest: code } : {}) };
    });
}

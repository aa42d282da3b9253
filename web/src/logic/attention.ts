// Telling people that a code arrived: which codes are new since the last
// snapshot, the tab title while the tab is hidden, the screen-reader line and
// the optional notification text.
import { isEmail, subjectShown } from "./email.js";
import type { DisplayLabel } from "./labels.js";
import type { InboxCode } from "./types.js";

/**
 * Codes not seen before. On the first snapshot everything is "seen" (null
 * `known`), so a page load or a reconnect's re-query never announces old codes.
 */
export function newArrivals(known: ReadonlySet<string> | null, codes: readonly InboxCode[]) {
  if (known === null) return [];
  return codes.filter((code) => !known.has(code.id));
}

/**
 * Highlights as deadlines (epoch ms, browser clock): `arrivedAt + highlightMs`
 * for each new id, with those already past dropped. One timer, at the next
 * deadline (nextDeadline in time-window.ts), ends them: codes arriving
 * together end together, so a flood of arrivals costs no extra renders.
 */
export function addFresh(
  freshUntil: ReadonlyMap<string, number>,
  ids: readonly string[],
  arrivedAt: number,
  highlightMs: number,
): Map<string, number> {
  const next = new Map([...freshUntil].filter(([, until]) => until > arrivedAt));
  for (const id of ids) next.set(id, arrivedAt + highlightMs);
  return next;
}

/** The ids still highlighted at `nowMs`. */
export function freshAt(freshUntil: ReadonlyMap<string, number>, nowMs: number): Set<string> {
  return new Set([...freshUntil].filter(([, until]) => until > nowMs).map(([id]) => id));
}

/**
 * The tab title while the tab is hidden: how many codes arrived and whom the
 * newest is for, so a glance at the tab says whether it is yours.
 */
export function pageTitle(base: string, unseen: number, newestFor = ""): string {
  if (unseen <= 0) return base;
  return newestFor !== "" ? `(${unseen}) ${newestFor} · ${base}` : `(${unseen}) ${base}`;
}

/** Whom a code is for, in words: the person, else the number. */
export function who(code: InboxCode, label: DisplayLabel): string {
  return label.primary !== "" ? label.primary : code.recipient;
}

const spaced = (digits: string) => digits.split("").join(" ");

/**
 * An email in words: whom it is for and its subject (the code masked out of
 * it while codes are masked). Never its link: a notification or a screen
 * reader has no business with a one-time ticket.
 */
function newEmail(code: InboxCode, label: DisplayLabel, masked: boolean): string {
  const subject = subjectShown(code, masked);
  return `New email for ${who(code, label)}${subject ? `: ${subject}` : ""}`;
}

/** The polite live-region line; digits spaced so screen readers read them one by one. */
export function announcement(code: InboxCode, label: DisplayLabel, masked: boolean): string {
  if (isEmail(code)) {
    const line = newEmail(code, label, masked);
    return code.code !== "" && !masked ? `${line}. Code ${spaced(code.code)}` : line;
  }
  if (code.code === "") return `New notice for ${who(code, label)}`;
  if (masked) return `New code for ${who(code, label)}`;
  return `New code for ${who(code, label)}: ${spaced(code.code)}`;
}

export function notificationText(code: InboxCode, label: DisplayLabel, masked: boolean) {
  if (isEmail(code)) {
    const subject = subjectShown(code, masked) || "(no subject)";
    const body = code.code !== "" && !masked ? `${subject}\nCode ${code.code}` : subject;
    return { title: `New email for ${who(code, label)}`, body };
  }
  const title =
    code.code === "" ? `Notice for ${who(code, label)}` : `Code for ${who(code, label)}`;
  const body = code.code !== "" && !masked ? code.code : code.recipient;
  return { title, body };
}

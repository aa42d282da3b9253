// What the inbox screen shows at one moment: the list, the demo-user cards and
// the count, from the snapshot, the labels, the filter and the clock. The clock
// is an input because codes leave the window with no new data arriving.
import { codeMatches, isEmptyFilter, matchesFilter, parseFilter } from "./filter.js";
import { type DisplayLabel, directory, displayLabel } from "./labels.js";
import { type PinnedUser, pinnedUsers } from "./pinned-users.js";
import { supersededIds } from "./supersede.js";
import { liveCodes } from "./time-window.js";
import type { InboxCode, PhoneLabelEntry } from "./types.js";

export interface CodeListItem {
  code: InboxCode;
  label: DisplayLabel;
  superseded: boolean;
}

export interface InboxViewInput {
  /** The codes snapshot as it came, expired codes and all, in any order. */
  codes: readonly InboxCode[];
  labels: readonly PhoneLabelEntry[];
  /** The filter as typed. */
  filter: string;
  now: number;
}

export interface InboxView {
  /** Live codes that match the filter, newest first. */
  items: CodeListItem[];
  /** The code "c" copies: the newest listed one that has a code (notices have none). */
  newest: CodeListItem | undefined;
  /** Every demo user's card, filter or not, so keys 1–9 keep their users while filtering. */
  pinned: PinnedUser[];
  /** The cards the filter lets through. */
  visiblePinned: PinnedUser[];
  /** Codes inside the window, filter or not: tells "no codes yet" from "no match". */
  liveCount: number;
  /** A filter is typed (blank space does not count). */
  filtered: boolean;
}

export function inboxView({ codes, labels, filter, now }: InboxViewInput): InboxView {
  const names = directory(labels);
  const live = liveCodes(codes, now);
  const superseded = supersededIds(live);
  const parsed = parseFilter(filter);
  const items = live
    .map((code) => ({
      code,
      label: displayLabel(code, names),
      superseded: superseded.has(code.id),
    }))
    .filter((item) => codeMatches(item.code, item.label, parsed));
  const pinned = pinnedUsers(labels, live);
  return {
    items,
    newest: items.find((item) => item.code.code !== ""),
    pinned,
    visiblePinned: pinned.filter((user) =>
      matchesFilter(user.phoneNumber, [user.label, user.email ?? ""], parsed),
    ),
    liveCount: live.length,
    filtered: !isEmptyFilter(parsed),
  };
}

/** The count beside the "Codes" heading: "3", or "1 of 3" while filtering. */
export function codeCount(view: InboxView): string {
  return view.filtered ? `${view.items.length} of ${view.liveCount}` : `${view.liveCount}`;
}

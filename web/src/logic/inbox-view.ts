// What the inbox screen shows at one moment: the list, the demo-user cards and
// the count, from the snapshot, the labels, the filter and the clock. The clock
// is an input because codes leave the window with no new data arriving.

import type { NotedPerson } from "functions/contract/people";
import type { InboxAuthenticator } from "./authenticator.js";
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

/**
 * The most rows the list renders: a flood (a load test, a runaway script)
 * must not make the page slow to answer a key press. Older matches are
 * counted in `hidden` and the page says so.
 */
export const CODES_SHOWN = 50;

export interface HiddenCodes {
  /** Older codes that match but are not rendered. */
  count: number;
  /** The query stopped at its limit: there may be more than `count`. */
  atLeast: boolean;
}

export interface InboxViewInput {
  /** The codes snapshot as it came, expired codes and all, in any order. */
  codes: readonly InboxCode[];
  /** The snapshot stopped at its query's limit (older documents exist unseen). */
  codesLimitReached?: boolean;
  labels: readonly PhoneLabelEntry[];
  /** Who has an authenticator: their cards show its codes (and exist without any code). */
  authenticators?: readonly InboxAuthenticator[];
  /** Whom the webhook noted at their first code or email (people/). */
  people?: readonly NotedPerson[];
  /** The filter as typed. */
  filter: string;
  now: number;
}

export interface InboxView {
  /** Live codes that match the filter, newest first, at most CODES_SHOWN. */
  items: CodeListItem[];
  /** Matching codes older than the rendered ones. */
  hidden: HiddenCodes;
  /** The code "c" copies: the newest listed one that has a code (notices have none). */
  newest: CodeListItem | undefined;
  /** Every demo user's card, filter or not, so keys 1–9 keep their users while filtering. */
  pinned: PinnedUser[];
  /** The cards the filter lets through. */
  visiblePinned: PinnedUser[];
  /** Codes inside the window, filter or not: tells "no codes yet" from "no match". */
  liveCount: number;
  /** liveCount is a lower bound: the snapshot stopped at its limit with every code in it live. */
  liveAtLeast: boolean;
  /** A filter is typed (blank space does not count). */
  filtered: boolean;
}

export function inboxView({
  codes,
  codesLimitReached = false,
  labels,
  authenticators = [],
  people = [],
  filter,
  now,
}: InboxViewInput): InboxView {
  const names = directory(labels);
  const live = liveCodes(codes, now);
  const superseded = supersededIds(live);
  const parsed = parseFilter(filter);
  const matching = live
    .map((code) => ({
      code,
      label: displayLabel(code, names),
      superseded: superseded.has(code.id),
    }))
    .filter((item) => codeMatches(item.code, item.label, parsed));
  const pinned = pinnedUsers(labels, live, { noted: people, authenticators });
  const items = matching.slice(0, CODES_SHOWN);
  // Documents past the query's limit are older than every one it returned:
  // if some of those already expired, the unseen ones have too.
  const liveAtLeast = codesLimitReached && live.length === codes.length;
  return {
    items,
    hidden: { count: matching.length - items.length, atLeast: liveAtLeast },
    newest: items.find((item) => item.code.code !== ""),
    pinned,
    visiblePinned: pinned.filter((user) =>
      matchesFilter(user.phoneNumber ?? "", [user.label, user.email ?? ""], parsed),
    ),
    liveCount: live.length,
    liveAtLeast,
    filtered: !isEmptyFilter(parsed),
  };
}

/** The count beside the "Codes" heading: "3", "1 of 3" while filtering, "200+" past the query's limit. */
export function codeCount(view: InboxView): string {
  const live = `${view.liveCount}${view.liveAtLeast ? "+" : ""}`;
  if (!view.filtered) return live;
  const matched = view.items.length + view.hidden.count;
  return `${matched}${view.hidden.atLeast ? "+" : ""} of ${live}`;
}

/** The line under a capped list, or null when every matching code is shown. */
export function hiddenNotice(view: InboxView): string | null {
  const { count, atLeast } = view.hidden;
  if (count === 0) {
    return atLeast ? "Older codes may be hidden: the page loads only the newest ones." : null;
  }
  const older = atLeast
    ? `More than ${count} older codes`
    : `${count} older code${count === 1 ? "" : "s"}`;
  return `${older} hidden: the list shows the newest ${view.items.length}. Filter by name or number to find an older one.`;
}

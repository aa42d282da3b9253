// The retention window. The Firestore query is anchored when it starts, so the
// page itself drops codes as their expiry passes: the window moves with the
// clock even when no new data arrives. TTL deletes run up to a day late, so
// expireAt, not the document's existence, decides.
import { MAX_PLAUSIBLE_OFFSET_MS } from "./clock.js";
import type { InboxCode } from "./types.js";

/** Extra history the query asks for, so a client clock running fast loses nothing. */
export const QUERY_SLACK_MS = 2 * 60_000;

export const minutesToMs = (minutes: number): number => minutes * 60_000;

/** Lower bound for the receivedAt query. */
export function queryWindowStart(nowMs: number, retentionMs: number): number {
  return nowMs - retentionMs - QUERY_SLACK_MS;
}

export function isExpired(code: InboxCode, nowMs: number): boolean {
  return code.expireAt <= nowMs;
}

/** Sort order of the list: newest first, ties broken by id so the order is stable. */
export function newestFirst(a: InboxCode, b: InboxCode): number {
  return b.receivedAt - a.receivedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Codes still inside their window, newest first. */
export function liveCodes(codes: readonly InboxCode[], nowMs: number): InboxCode[] {
  return codes.filter((code) => !isExpired(code, nowMs)).sort(newestFirst);
}

/**
 * Time left, never more than the code's lifetime: the page's clock ticks once
 * a second, so it can read a moment before a code's (settled) receivedAt.
 */
export function timeLeft(code: InboxCode, nowMs: number): number {
  return code.expireAt - Math.max(nowMs, code.receivedAt);
}

/** Age, never negative (see timeLeft). */
export function ageOf(code: InboxCode, nowMs: number): number {
  return Math.max(0, nowMs - code.receivedAt);
}

/** Fraction of the code's lifetime left, 0..1, for a progress bar. */
export function lifeLeft(code: InboxCode, nowMs: number): number {
  const total = code.expireAt - code.receivedAt;
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (code.expireAt - nowMs) / total));
}

/**
 * A code stamped after the moment the page first saw it (a writer whose clock
 * runs ahead; our webhook stamps with Firestore's clock, so another writer or
 * a clock estimate gone wrong) is shown as if it arrived when it was first
 * seen: its age reads "just now", never negative; it sorts where it arrived,
 * so codes that come later go above it instead of under it until the clock
 * catches up; and its lifetime (expireAt − receivedAt) starts then too, so it
 * leaves no later than its own expireAt and never lingers a skew's length.
 * Codes stamped at most MAX_PLAUSIBLE_OFFSET_MS after first sight are returned
 * as they are (their age still reads "just now" and no countdown exceeds their
 * lifetime: ageOf, timeLeft).
 */
export function settleFutureStamp(code: InboxCode, firstSeenMs: number): InboxCode {
  const ahead = code.receivedAt - firstSeenMs;
  // Within this, "ahead" is the page's clock estimate (clock.ts takes such a
  // stamp as its offset), not a skewed writer: a lagging listener makes every
  // fresh code look a few seconds ahead, and they must keep their order.
  if (ahead <= MAX_PLAUSIBLE_OFFSET_MS) return code;
  return { ...code, receivedAt: firstSeenMs, expireAt: code.expireAt - ahead };
}

/**
 * When each code in a snapshot was first seen: earlier sightings kept, new
 * ones stamped `nowMs`, ids no longer in the snapshot forgotten.
 */
export function firstSightings(
  previous: ReadonlyMap<string, number>,
  codes: readonly InboxCode[],
  nowMs: number,
): Map<string, number> {
  return new Map(codes.map((code) => [code.id, previous.get(code.id) ?? nowMs]));
}

/**
 * The earliest of `times` after `nowMs` (undefined when none is): when the
 * page next has to look at the clock, e.g. the next code's expiry, instead
 * of re-rendering every second in case something left.
 */
export function nextDeadline(times: Iterable<number>, nowMs: number): number | undefined {
  let next: number | undefined;
  for (const time of times) if (time > nowMs && (next === undefined || time < next)) next = time;
  return next;
}

/** When the next of these codes leaves the window (server clock), if any is still in it. */
export const nextExpiry = (codes: readonly InboxCode[], nowMs: number): number | undefined =>
  nextDeadline(
    codes.map((code) => code.expireAt),
    nowMs,
  );

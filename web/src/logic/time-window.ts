// The retention window. The Firestore query is anchored when it starts, so the
// page itself drops codes as their expiry passes: the window moves with the
// clock even when no new data arrives. TTL deletes run up to a day late, so
// expireAt, not the document's existence, decides.
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

/** Fraction of the code's lifetime left, 0..1, for a progress bar. */
export function lifeLeft(code: InboxCode, nowMs: number): number {
  const total = code.expireAt - code.receivedAt;
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (code.expireAt - nowMs) / total));
}

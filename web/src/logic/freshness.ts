// Can the page prove that what it shows is current? Listeners that say
// "in sync" (fromCache false) are not proof: a listen target left waiting for
// an acknowledgement drops its updates without an error and still says so
// (firebase-js-sdk #9172, #10008). So while the tab is visible the page asks
// the server, every FRESHNESS_CHECK_INTERVAL_MS, for the newest code in its
// window (one document: one read) and compares it with what its listener
// shows. "Proven" means the last such check, not older than PROOF_MAX_AGE_MS,
// found nothing newer than the listener has.

/** Between two server reads while the tab is visible: 720 reads an hour at most. */
export const FRESHNESS_CHECK_INTERVAL_MS = 5000;
/** A read that has not answered by then counts as unanswered (a silent channel). */
export const FRESHNESS_CHECK_TIMEOUT_MS = 3000;
/** How long the listener may lag a read that saw a newer code before it counts as behind. */
export const CATCH_UP_GRACE_MS = 3000;
/**
 * The read asks only about codes received at least this long ago (server
 * clock). A code the listener does not have yet, fetched by the read, enters
 * the SDK's shared cache before the listener's own copy does; the SDK then
 * holds the listener's view "in limbo" (fromCache) until the server confirms
 * it, and the page said Reconnecting… for a moment under every stream of
 * codes. A code this old is one a healthy listener already has.
 */
export const SETTLED_AFTER_MS = 2000;
/** The newest receivedAt the read asks about, at server time `serverNowMs`. */
export const settledBefore = (serverNowMs: number): number => serverNowMs - SETTLED_AFTER_MS;
/** Proof older than this (a check missed: hidden tab, slow read) no longer proves anything. */
export const PROOF_MAX_AGE_MS = FRESHNESS_CHECK_INTERVAL_MS + FRESHNESS_CHECK_TIMEOUT_MS + 2000;

/** The newest code in the window as the server answered it, or null when there is none. */
export type ServerNewest = { id: string; receivedAt: number } | null;

/** What the listener shows: its document ids and the newest stamp among them. */
export interface ListenerView {
  ids: ReadonlySet<string>;
  newestAt: number | null;
}

export type Freshness =
  /** No proof: no check yet since listening (re)started, or the last proof aged out. */
  | { kind: "unknown" }
  /** At `at` the listener showed everything the server had. */
  | { kind: "proven"; at: number }
  /** The server had `id`, the listener not yet; it has until `since` + the grace. */
  | { kind: "catching-up"; id: string; receivedAt: number; since: number }
  /** The server has a code the listener did not show within the grace. */
  | { kind: "behind"; since: number }
  /** The read failed or did not answer in time. */
  | { kind: "unanswered"; since: number };

export const UNKNOWN_FRESHNESS: Freshness = { kind: "unknown" };

function shows(view: ListenerView, newest: { id: string; receivedAt: number }): boolean {
  // A listener that holds an even newer code is at least as current as the read.
  return view.ids.has(newest.id) || (view.newestAt !== null && view.newestAt > newest.receivedAt);
}

/** The answer of a server read taken at `now`. */
export function afterCheck(server: ServerNewest, view: ListenerView, now: number): Freshness {
  if (server === null || shows(view, server)) return { kind: "proven", at: now };
  return { kind: "catching-up", id: server.id, receivedAt: server.receivedAt, since: now };
}

/** A read that threw, rejected or timed out; an earlier failure keeps its start. */
export function afterFailedCheck(previous: Freshness, now: number): Freshness {
  return previous.kind === "unanswered" ? previous : { kind: "unanswered", since: now };
}

/** A new listener snapshot: a code the read saw has now arrived. */
export function afterSnapshot(previous: Freshness, view: ListenerView, now: number): Freshness {
  if (previous.kind === "catching-up" && shows(view, previous)) return { kind: "proven", at: now };
  return previous;
}

/** Time passing: a lag past the grace is "behind", proof past its age is gone. */
export function afterTime(previous: Freshness, now: number): Freshness {
  if (previous.kind === "catching-up" && now - previous.since >= CATCH_UP_GRACE_MS) {
    return { kind: "behind", since: previous.since };
  }
  if (previous.kind === "proven" && now - previous.at > PROOF_MAX_AGE_MS) return UNKNOWN_FRESHNESS;
  return previous;
}

/** When afterTime would next change this state, or null when only an event can. */
export function nextFreshnessChange(freshness: Freshness): number | null {
  if (freshness.kind === "catching-up") return freshness.since + CATCH_UP_GRACE_MS;
  if (freshness.kind === "proven") return freshness.at + PROOF_MAX_AGE_MS + 1;
  return null;
}

/** The server has shown, or failed to show, that the page is behind. */
export const isDoubtful = (freshness: Freshness): boolean =>
  freshness.kind === "behind" || freshness.kind === "unanswered";

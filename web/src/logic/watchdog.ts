// The page heals itself. When the backend answers (the probe reaches it, the
// browser is online) but the listeners are stale (not in sync, or behind or
// unanswered by the server read) for more than a few seconds, something inside
// the SDK is stuck, and waiting does not help: firebase-js-sdk #10310, #9172,
// #9267, #10008. Each step of the ladder is stronger than the last: restart
// the network (disable, then enable), then the listeners, then a new
// Firestore instance. A dead SDK (its queue failed: every call throws) skips
// straight to a new instance, and if new instances keep dying, a guarded
// reload. Attempts back off, and the ladder starts again once the page is
// proven current.
import { type Freshness, isDoubtful } from "./freshness.js";

export type HealAction = "restart-network" | "restart-listeners" | "renew-sdk" | "reload";

export const HEAL_LADDER: readonly HealAction[] = [
  "restart-network",
  "restart-listeners",
  "renew-sdk",
];

/** Stale this long while the backend answers before the first heal. */
export const HEAL_AFTER_MS = 4000;
/** Before the first sync a slow backend (a cold emulator) is given longer. */
export const FIRST_SYNC_GRACE_MS = 10_000;
/** Between heal attempts: 3 s, 5 s, 8 s, then every 10 s (after a new instance, at least FIRST_SYNC_GRACE_MS). */
export const HEAL_BACKOFF_MS: readonly number[] = [3000, 5000, 8000, 10_000];
/** New instances that died again before the page reloads itself. */
export const RENEWALS_BEFORE_RELOAD = 2;

export interface WatchdogInput {
  now: number;
  /** Listeners are open (someone may read). */
  listening: boolean;
  online: boolean;
  /** The probe reaches the Firestore host. */
  reachable: boolean;
  /** Every listener holds a server-confirmed snapshot. */
  synced: boolean;
  /** Whether any listener was ever in sync since listening started. */
  everSynced: boolean;
  freshness: Freshness;
  /** The SDK's queue failed: its calls throw, its listeners never fire again. */
  sdkDead: boolean;
}

export interface WatchdogState {
  /** When the current trouble began; null while there is none. */
  troubleSince: number | null;
  /** Heal actions taken in this trouble. */
  attempts: number;
  /** New instances made while the SDK stayed dead. */
  renewals: number;
  /** No action before this time. */
  nextAt: number;
}

export const CALM: WatchdogState = { troubleSince: null, attempts: 0, renewals: 0, nextAt: 0 };

export interface WatchdogStep {
  state: WatchdogState;
  action: HealAction | null;
  /** When to look again with no new input, or null. */
  wakeAt: number | null;
}

/** Why the page is in trouble it should heal, or null. */
export function trouble(input: WatchdogInput): "sdk" | "stale" | null {
  if (!input.listening) return null;
  if (input.sdkDead) return "sdk";
  if (!input.online || !input.reachable) return null;
  return !input.synced || isDoubtful(input.freshness) ? "stale" : null;
}

const backoff = (attempts: number): number =>
  HEAL_BACKOFF_MS[Math.min(attempts - 1, HEAL_BACKOFF_MS.length - 1)] ?? 10_000;

/**
 * Proven current, not listening, or cut off from the backend (the probe and
 * the browser handle that): the ladder starts again from its first step.
 */
function calm(input: WatchdogInput): boolean {
  if (!input.listening) return true;
  if (input.sdkDead) return false;
  if (!input.online || !input.reachable) return true;
  return input.synced && input.freshness.kind === "proven";
}

export function watchdogStep(state: WatchdogState, input: WatchdogInput): WatchdogStep {
  if (calm(input)) return { state: CALM, action: null, wakeAt: null };
  const kind = trouble(input);
  // Waiting for proof (a read on its way, a listener catching up): the ladder
  // keeps its place, so trouble that comes and goes still climbs it.
  if (kind === null) return { state, action: null, wakeAt: null };
  const { now } = input;
  const since = state.troubleSince ?? now;
  const grace = kind === "sdk" ? 0 : input.everSynced ? HEAL_AFTER_MS : FIRST_SYNC_GRACE_MS;
  const due = Math.max(since + grace, state.nextAt);
  const current = { ...state, troubleSince: since };
  if (now < due) return { state: current, action: null, wakeAt: due };
  let action: HealAction;
  let renewals = state.renewals;
  if (kind === "sdk") {
    action = renewals >= RENEWALS_BEFORE_RELOAD ? "reload" : "renew-sdk";
    renewals += 1;
  } else {
    action = HEAL_LADDER[state.attempts % HEAL_LADDER.length] ?? "restart-network";
  }
  const attempts = state.attempts + 1;
  // A new instance starts from nothing (no cache, a new stream): it gets the
  // first sync's grace before the next step disturbs it. Under load, going on
  // after 3 s made the ladder restart it mid-sync (two instances, 25 s).
  const wait =
    action === "renew-sdk" ? Math.max(backoff(attempts), FIRST_SYNC_GRACE_MS) : backoff(attempts);
  const nextAt = now + wait;
  return { state: { troubleSince: since, attempts, renewals, nextAt }, action, wakeAt: nextAt };
}

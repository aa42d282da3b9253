import { describe, expect, it } from "vitest";
import type { Freshness } from "../../src/logic/freshness.js";
import {
  CALM,
  FIRST_SYNC_GRACE_MS,
  HEAL_AFTER_MS,
  HEAL_BACKOFF_MS,
  type HealAction,
  RENEWALS_BEFORE_RELOAD,
  type WatchdogInput,
  type WatchdogState,
  watchdogStep,
} from "../../src/logic/watchdog.js";

const HEALTHY: WatchdogInput = {
  now: 0,
  listening: true,
  online: true,
  reachable: true,
  synced: true,
  everSynced: true,
  freshness: { kind: "proven", at: 0 },
  sdkDead: false,
};

/** Runs the watchdog from `from` to `to` ms, waking when it asks; the actions it took, with times. */
function run(input: Partial<WatchdogInput>, from: number, to: number, start = CALM) {
  let state: WatchdogState = start;
  const actions: [number, HealAction][] = [];
  let now = from;
  while (now <= to) {
    const step = watchdogStep(state, { ...HEALTHY, ...input, now });
    state = step.state;
    if (step.action) actions.push([now, step.action]);
    if (step.wakeAt === null || step.wakeAt > to) break;
    now = Math.max(step.wakeAt, now + 1);
  }
  return { actions, state };
}

describe("the watchdog", () => {
  it("does nothing while the page is proven current, not listening, or cut off from the backend", () => {
    expect(run({}, 0, 60_000).actions).toEqual([]);
    expect(run({ listening: false, synced: false }, 0, 60_000).actions).toEqual([]);
    expect(run({ online: false, synced: false }, 0, 60_000).actions).toEqual([]);
    expect(run({ reachable: false, synced: false }, 0, 60_000).actions).toEqual([]);
  });

  it("climbs the ladder with backoff while listeners stay out of sync with the backend answering", () => {
    const { actions } = run({ synced: false }, 0, 60_000);
    const network = HEAL_AFTER_MS;
    const listeners = network + (HEAL_BACKOFF_MS[0] ?? 0);
    const renewal = listeners + (HEAL_BACKOFF_MS[1] ?? 0);
    // A new instance gets the first sync's grace before the next step.
    const again = renewal + Math.max(HEAL_BACKOFF_MS[2] ?? 0, FIRST_SYNC_GRACE_MS);
    expect(actions.slice(0, 4)).toEqual([
      [network, "restart-network"],
      [listeners, "restart-listeners"],
      [renewal, "renew-sdk"],
      [again, "restart-network"],
    ]);
  });

  it("waits longer before the first sync, when a cold backend may just be slow", () => {
    const { actions } = run({ synced: false, everSynced: false }, 0, FIRST_SYNC_GRACE_MS);
    expect(actions).toEqual([[FIRST_SYNC_GRACE_MS, "restart-network"]]);
  });

  it("heals a list the server read found behind or unanswered", () => {
    for (const freshness of [
      { kind: "behind", since: 0 },
      { kind: "unanswered", since: 0 },
    ] as Freshness[]) {
      expect(run({ freshness }, 0, HEAL_AFTER_MS).actions).toEqual([
        [HEAL_AFTER_MS, "restart-network"],
      ]);
    }
  });

  it("keeps its place on the ladder while trouble comes and goes without proof in between", () => {
    const behind = run({ freshness: { kind: "behind", since: 0 } }, 0, HEAL_AFTER_MS);
    // The read now waits for the listener to catch up: no action, same place.
    const waiting = watchdogStep(behind.state, {
      ...HEALTHY,
      now: HEAL_AFTER_MS + 1,
      freshness: { kind: "catching-up", id: "x", receivedAt: 0, since: HEAL_AFTER_MS },
    });
    expect(waiting.action).toBeNull();
    expect(waiting.state).toBe(behind.state);
    const again = run(
      { freshness: { kind: "behind", since: HEAL_AFTER_MS } },
      HEAL_AFTER_MS + 2,
      HEAL_AFTER_MS + 20_000,
      waiting.state,
    );
    expect(again.actions[0]?.[1]).toBe("restart-listeners");
    // Proven current again: back to the first step.
    expect(watchdogStep(again.state, { ...HEALTHY, now: 60_000 }).state).toEqual(CALM);
  });

  it("replaces a failed SDK at once, online or not, and reloads only when new ones keep failing", () => {
    const offline = run({ sdkDead: true, online: false, synced: false }, 0, 0);
    expect(offline.actions).toEqual([[0, "renew-sdk"]]);
    const { actions } = run({ sdkDead: true }, 0, 60_000);
    expect(actions.map(([, action]) => action).slice(0, RENEWALS_BEFORE_RELOAD + 1)).toEqual([
      ...Array(RENEWALS_BEFORE_RELOAD).fill("renew-sdk"),
      "reload",
    ]);
  });
});

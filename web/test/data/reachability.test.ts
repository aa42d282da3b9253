// The probe loop with fake timers and an SDK whose network calls throw,
// reject or never settle: the loop must keep probing and report honestly.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  probeHost,
  type ReachabilityDeps,
  watchReachability,
} from "../../src/data/reachability.js";
import {
  PROBE_INTERVAL_MS,
  PROBE_RECHECK_MS,
  PROBE_RECOVERY_MS,
  PROBE_TIMEOUT_MS,
} from "../../src/logic/reachability.js";

type NetworkFault = "none" | "throws" | "rejects" | "hangs";

function fakeDeps(fault: NetworkFault) {
  const state = { hostUp: true, visible: true, probes: 0, networkCalls: [] as boolean[] };
  let visibilityListener: (() => void) | undefined;
  const deps: ReachabilityDeps = {
    probe: async () => {
      state.probes += 1;
      return state.hostUp;
    },
    setNetwork: (enabled) => {
      state.networkCalls.push(enabled);
      if (fault === "throws") throw new Error("AsyncQueue is already failed (ID: b815)");
      if (fault === "rejects") return Promise.reject(new Error("rejected"));
      if (fault === "hangs") return new Promise(() => {});
      return Promise.resolve();
    },
    isVisible: () => state.visible,
    onVisibilityChange: (listener) => {
      visibilityListener = listener;
      return () => {
        visibilityListener = undefined;
      };
    },
  };
  const setVisible = (visible: boolean) => {
    state.visible = visible;
    visibilityListener?.();
  };
  return { deps, state, setVisible };
}

/** Lets the loop's promise chains run between timer steps. */
async function run(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the probe loop", () => {
  for (const fault of ["none", "throws", "rejects", "hangs"] as const) {
    it(`keeps probing and reports honestly when the SDK's network calls ${fault === "none" ? "work" : fault}`, async () => {
      const { deps, state } = fakeDeps(fault);
      const reports: boolean[] = [];
      const stop = watchReachability(deps, (reachable) => reports.push(reachable));
      await run(0);
      expect(state.probes).toBe(1);
      // The host goes away: a failure, a quick re-check, then "unreachable".
      state.hostUp = false;
      await run(PROBE_INTERVAL_MS);
      await run(PROBE_RECHECK_MS);
      // A network call that never settles is given up on, not waited for.
      await run(PROBE_TIMEOUT_MS + 2000);
      expect(reports).toEqual([false]);
      expect(state.networkCalls).toEqual([false]);
      // The loop goes on at the recovery pace and brings the network back.
      const probesWhileDown = state.probes;
      await run(PROBE_RECOVERY_MS * 3);
      expect(state.probes).toBeGreaterThan(probesWhileDown);
      state.hostUp = true;
      await run(PROBE_RECOVERY_MS + PROBE_TIMEOUT_MS + 2000);
      expect(reports).toEqual([false, true]);
      expect(state.networkCalls).toEqual([false, true]);
      // And keeps probing after that, however the calls ended.
      const probesAfter = state.probes;
      await run(PROBE_INTERVAL_MS * 2);
      expect(state.probes).toBe(probesAfter + 2);
      stop();
    });
  }

  it("pauses while the tab is hidden and probes at once when it is shown", async () => {
    const { deps, state, setVisible } = fakeDeps("none");
    const stop = watchReachability(deps, () => {});
    await run(0);
    setVisible(false);
    const before = state.probes;
    await run(PROBE_INTERVAL_MS * 10);
    expect(state.probes).toBe(before);
    setVisible(true);
    await run(0);
    expect(state.probes).toBe(before + 1);
    stop();
  });

  it("stops for good when unsubscribed, and gives the network back if it took it", async () => {
    const { deps, state } = fakeDeps("none");
    const stop = watchReachability(deps, () => {});
    await run(0);
    state.hostUp = false;
    await run(PROBE_INTERVAL_MS + PROBE_RECHECK_MS);
    expect(state.networkCalls).toEqual([false]);
    stop();
    await run(0);
    expect(state.networkCalls).toEqual([false, true]);
    const probes = state.probes;
    await run(PROBE_INTERVAL_MS * 5);
    expect(state.probes).toBe(probes);
  });
});

describe("probeHost", () => {
  it("gives up after its timeout with a timer, not AbortSignal.timeout (Safari 15.4 lacks it)", async () => {
    vi.stubGlobal("AbortSignal", { ...AbortSignal, timeout: undefined });
    let aborted = false;
    vi.stubGlobal(
      "fetch",
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          });
        }),
    );
    const answer = probeHost("http://firestore.test/", 1000);
    await run(1000);
    await expect(answer).resolves.toBe(false);
    expect(aborted).toBe(true);
  });

  it("counts any HTTP answer as reachable", async () => {
    vi.stubGlobal("fetch", async () => new Response(null, { status: 404 }));
    await expect(probeHost("http://firestore.test/")).resolves.toBe(true);
  });
});

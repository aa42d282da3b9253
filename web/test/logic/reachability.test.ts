import { describe, expect, it } from "vitest";
import {
  afterProbe,
  nextProbeDelay,
  PROBE_INTERVAL_MS,
  PROBE_RECHECK_MS,
  PROBE_RECOVERY_MS,
  REACHABLE,
} from "../../src/logic/reachability.js";

describe("reachability", () => {
  it("tolerates one failed probe, re-checking it quickly", () => {
    const once = afterProbe(REACHABLE, false);
    expect(once.reachable).toBe(true);
    expect(nextProbeDelay(once)).toBe(PROBE_RECHECK_MS);
  });

  it("calls the host unreachable after two failures in a row, then watches it closely", () => {
    const twice = afterProbe(afterProbe(REACHABLE, false), false);
    expect(twice.reachable).toBe(false);
    expect(nextProbeDelay(twice)).toBe(PROBE_RECOVERY_MS);
    expect(nextProbeDelay(REACHABLE)).toBe(PROBE_INTERVAL_MS);
    expect(afterProbe(twice, false).reachable).toBe(false);
  });

  it("is reachable again after one good probe", () => {
    const down = afterProbe(afterProbe(REACHABLE, false), false);
    expect(afterProbe(down, true)).toEqual(REACHABLE);
    expect(afterProbe(afterProbe(REACHABLE, false), true)).toEqual(REACHABLE);
  });
});

import { describe, expect, it } from "vitest";
import {
  addClockSample,
  clockOffsetMs,
  NO_CLOCK_OFFSET,
  serverNow,
} from "../../src/logic/clock.js";

describe("clock offset", () => {
  it("assumes no offset without samples", () => {
    expect(clockOffsetMs(NO_CLOCK_OFFSET)).toBe(0);
    expect(serverNow(5000, NO_CLOCK_OFFSET)).toBe(5000);
  });

  it("takes the smallest recent sample (network delay only adds)", () => {
    let state = addClockSample(NO_CLOCK_OFFSET, 10_080, 10_000);
    state = addClockSample(state, 20_030, 20_000);
    state = addClockSample(state, 30_200, 30_000);
    expect(clockOffsetMs(state)).toBe(30);
    expect(serverNow(50_000, state)).toBe(49_970);
  });

  it("handles a browser clock that runs behind", () => {
    const state = addClockSample(NO_CLOCK_OFFSET, 10_000, 14_000);
    expect(serverNow(20_000, state)).toBe(24_000);
  });

  it("ignores implausible samples and forgets old ones", () => {
    expect(addClockSample(NO_CLOCK_OFFSET, 3_600_000, 0)).toBe(NO_CLOCK_OFFSET);
    let state = addClockSample(NO_CLOCK_OFFSET, 1000, 1000);
    for (let i = 1; i <= 8; i++) state = addClockSample(state, i * 1000 + 50, i * 1000);
    expect(clockOffsetMs(state)).toBe(50);
  });
});

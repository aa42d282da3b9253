import { describe, expect, it } from "vitest";
import {
  describeCountdown,
  formatAge,
  formatClockTime,
  formatCountdown,
  maskCode,
} from "../../src/logic/format.js";

describe("formatting", () => {
  it.each([
    [-3000, "just now"],
    [0, "just now"],
    [4999, "just now"],
    [12_000, "12 s ago"],
    [59_999, "59 s ago"],
    [60_000, "1 min ago"],
    [9 * 60_000 + 59_000, "9 min ago"],
    [2 * 3600_000, "2 h ago"],
  ])("age %i ms is %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it.each([
    [600_000, "10:00 left"],
    [65_000, "1:05 left"],
    [500, "0:01 left"],
    [0, "expired"],
    [-1, "expired"],
  ])("countdown %i ms is %s", (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });

  it("spells the countdown out for screen readers", () => {
    expect(describeCountdown(65_000)).toBe("expires in 1 minute 5 seconds");
    expect(describeCountdown(120_000)).toBe("expires in 2 minutes");
    expect(describeCountdown(0)).toBe("expired");
  });

  it("prints wall-clock time in 24-hour form", () => {
    expect(formatClockTime(Date.UTC(2026, 0, 1, 14, 3, 7), "en-GB", "UTC")).toBe("14:03:07");
  });

  it("keeps each time zone's format apart", () => {
    const at = Date.UTC(2026, 0, 1, 14, 3, 7);
    expect(formatClockTime(at, "en-GB", "UTC")).toBe("14:03:07");
    expect(formatClockTime(at, "en-GB", "Asia/Tokyo")).toBe("23:03:07");
    expect(formatClockTime(at, "en-GB", "UTC")).toBe("14:03:07");
  });

  it("masks with as many dots as digits, at least four", () => {
    expect(maskCode("123456")).toBe("••••••");
    expect(maskCode("12")).toBe("••••");
  });
});

import { describe, expect, it } from "vitest";
import { compareReadTimes } from "./read-time.js";

describe("compareReadTimes", () => {
  it("orders by seconds, then by nanoseconds whatever the number of digits", () => {
    expect(compareReadTimes("2026-11-25T18:00:26.959Z", "2026-11-25T18:00:26.960Z")).toBeLessThan(
      0,
    );
    expect(
      compareReadTimes("2026-11-25T18:00:27Z", "2026-11-25T18:00:26.999999999Z"),
    ).toBeGreaterThan(0);
    expect(compareReadTimes("2026-11-25T18:00:26.5Z", "2026-11-25T18:00:26.500000000Z")).toBe(0);
  });

  it("rejects what is not an RFC 3339 UTC time", () => {
    expect(() => compareReadTimes("yesterday", "2026-11-25T18:00:26Z")).toThrow("not an RFC 3339");
  });
});

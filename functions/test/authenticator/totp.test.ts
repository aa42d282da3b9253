// RFC 6238 Appendix B's SHA-1 vectors (8 digits, and their last 6, which is
// what Auth0 asks for), the step boundaries, and which code a machine is
// handed near the end of a step.
import { describe, expect, it } from "vitest";
import { hotp, stepAt, totpAt, totpForStep, totpValidFor } from "../../src/authenticator/totp.js";

const RFC_KEY = new TextEncoder().encode("12345678901234567890");

// RFC 6238 Appendix B, SHA1 column: T (seconds) → 8-digit TOTP.
const VECTORS: Array<[number, string]> = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("RFC 6238 over RFC 4226", () => {
  it.each(VECTORS)("at T=%i gives %s (8 digits) and its last six (6 digits)", (seconds, code) => {
    expect(totpAt(RFC_KEY, seconds * 1000, { digits: 8 }).code).toBe(code);
    expect(totpAt(RFC_KEY, seconds * 1000).code).toBe(code.slice(2));
  });

  it("matches RFC 4226 Appendix D's HOTP values for counters 0 to 9", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it("keeps leading zeros (07081804 → 081804)", () => {
    expect(totpAt(RFC_KEY, 1111111109_000).code).toBe("081804");
  });

  it("refuses a negative or fractional counter", () => {
    expect(() => hotp(RFC_KEY, -1)).toThrow(RangeError);
    expect(() => hotp(RFC_KEY, 1.5)).toThrow(RangeError);
  });
});

describe("steps", () => {
  it("changes code exactly at a multiple of 30 s, not a millisecond before", () => {
    const boundary = 1_800_000_030_000; // a multiple of 30 s
    const before = totpAt(RFC_KEY, boundary - 1);
    const at = totpAt(RFC_KEY, boundary);
    expect(before.validUntil).toBe(boundary);
    expect(at.validFrom).toBe(boundary);
    expect(at.validUntil).toBe(boundary + 30_000);
    expect(stepAt(boundary) - stepAt(boundary - 1)).toBe(1);
    expect(at.code).toBe(totpForStep(RFC_KEY, stepAt(boundary)).code);
    expect(at.code).not.toBe(before.code);
  });
});

describe("a code valid for at least N seconds", () => {
  const stepStart = 1_800_000_030_000;
  const current = totpForStep(RFC_KEY, stepAt(stepStart));
  const next = totpForStep(RFC_KEY, stepAt(stepStart) + 1);

  it("is the current code while it has N seconds or more left", () => {
    expect(totpValidFor(RFC_KEY, stepStart, 5)).toEqual(current);
    expect(totpValidFor(RFC_KEY, stepStart + 25_000, 5)).toEqual(current); // exactly 5 s left
  });

  it("is the next code once fewer than N seconds are left", () => {
    expect(totpValidFor(RFC_KEY, stepStart + 25_001, 5)).toEqual(next);
    expect(totpValidFor(RFC_KEY, stepStart + 29_999, 5)).toEqual(next);
  });

  it("with N = 0 is always the current code", () => {
    expect(totpValidFor(RFC_KEY, stepStart + 29_999, 0)).toEqual(current);
  });
});

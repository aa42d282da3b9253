import { describe, expect, it } from "vitest";
import {
  explainRefusal,
  type InboxRefusal,
  parseStoredRefusal,
  refusalSentence,
  summariseRefusals,
} from "../../src/logic/refusals.js";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const refusal = (overrides: Partial<InboxRefusal>): InboxRefusal => ({
  id: "r",
  status: 401,
  error: "unauthorized",
  field: "Authorization",
  refusedAt: NOW - 60_000,
  limitReached: false,
  ...overrides,
});

describe("explainRefusal", () => {
  it("names what to check for each cause", () => {
    expect(explainRefusal({ error: "unauthorized" })).toBe(
      "wrong webhook secret — check OTP_WEBHOOK_SECRET in the Auth0 Action",
    );
    expect(explainRefusal({ error: "invalid_request", field: "recipient" })).toMatch(
      /^invalid phone number \(recipient\)/,
    );
    expect(explainRefusal({ error: "unsupported_media_type" })).toMatch(/^wrong content type/);
    expect(explainRefusal({ error: "invalid_request", field: "user.email" })).toBe(
      "invalid user.email — check the Action's payload",
    );
  });
});

describe("summariseRefusals", () => {
  it("counts the last 10 minutes and explains the most recent", () => {
    const summary = summariseRefusals(
      [
        refusal({ id: "a", refusedAt: NOW - 11 * 60_000 }),
        refusal({ id: "b", refusedAt: NOW - 5 * 60_000 }),
        refusal({ id: "c", refusedAt: NOW - 4 * 60_000 }),
        refusal({ id: "d", refusedAt: NOW - 60_000 }),
      ],
      NOW,
    );
    expect(summary && refusalSentence(summary)).toBe(
      "3 deliveries refused in the last 10 minutes: wrong webhook secret — check OTP_WEBHOOK_SECRET in the Auth0 Action",
    );
  });

  it("is quiet when nothing recent was refused, and says 'more than' past the limit", () => {
    expect(summariseRefusals([refusal({ refusedAt: NOW - 10 * 60_000 - 1 })], NOW)).toBeNull();
    const summary = summariseRefusals([refusal({ limitReached: true })], NOW);
    expect(summary && refusalSentence(summary)).toMatch(/^More than 1 deliveries refused/);
    const one = summariseRefusals([refusal({})], NOW);
    expect(one && refusalSentence(one)).toMatch(/^1 delivery refused/);
  });
});

describe("parseStoredRefusal", () => {
  const at = { toMillis: () => NOW };
  it("reads a stored refusal and rejects one without its required fields", () => {
    expect(
      parseStoredRefusal("x", {
        status: 400,
        error: "invalid_request",
        field: "recipient",
        recipient: "+614•••••001",
        refusedAt: at,
        expireAt: at,
      }),
    ).toEqual({
      ok: true,
      refusal: {
        id: "x",
        status: 400,
        error: "invalid_request",
        field: "recipient",
        recipient: "+614•••••001",
        refusedAt: NOW,
        limitReached: false,
      },
    });
    expect(parseStoredRefusal("y", { status: 400, refusedAt: at }).ok).toBe(false);
  });
});

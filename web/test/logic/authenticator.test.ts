import type {
  AuthenticatorCodesAnswer,
  AuthenticatorStepCode,
} from "functions/contract/authenticator";
import { describe, expect, it } from "vitest";
import {
  AUTHENTICATOR_BACKOFF,
  type AuthenticatorCodes,
  answerLacks,
  authenticatorDisplay,
  codesByPerson,
  describeAuthenticatorError,
  elapsedInStep,
  MIN_REFETCH_MS,
  NEXT_CODE_SHOWN_MS,
  nextDisplayChange,
  parseAuthenticatorAnswer,
  parseStoredAuthenticator,
  REFETCH_AFTER_STEP_MS,
  refetchDelay,
  retryDelay,
  secondsLeft,
} from "../../src/logic/authenticator.js";

const PERIOD_MS = 30_000;
/** A step boundary: 2026-01-15 12:00:00 UTC is a whole number of 30-second steps. */
const STEP = Date.UTC(2026, 0, 15, 12, 0, 0);

const step = (code: string, from: number): AuthenticatorStepCode => ({
  code,
  validFrom: from,
  validUntil: from + PERIOD_MS,
});
const CODES: AuthenticatorCodes = [step("111111", STEP), step("222222", STEP + PERIOD_MS)];

function answer(serverTime: number, people = [{ key: "user:alice", codes: CODES }]) {
  return {
    serverTime,
    periodSeconds: 30,
    people: people.map((p) => ({ key: p.key, label: p.key.slice(5), codes: [...p.codes] })),
  } as AuthenticatorCodesAnswer;
}

describe("which authenticator code shows", () => {
  it("shows the current step's code alone until its last seconds", () => {
    expect(authenticatorDisplay(CODES, STEP)).toEqual({
      current: CODES[0],
      next: undefined,
      periodMs: PERIOD_MS,
    });
    expect(authenticatorDisplay(CODES, STEP + PERIOD_MS - NEXT_CODE_SHOWN_MS - 1)?.next).toBe(
      undefined,
    );
  });

  it("adds the next code for the step's last 7 seconds, so nobody types a dying code", () => {
    expect(NEXT_CODE_SHOWN_MS).toBe(7000);
    const nearEnd = authenticatorDisplay(CODES, STEP + PERIOD_MS - NEXT_CODE_SHOWN_MS);
    expect(nearEnd).toMatchObject({ current: CODES[0], next: CODES[1] });
    expect(authenticatorDisplay(CODES, STEP + PERIOD_MS - 1)).toMatchObject({
      current: CODES[0],
      next: CODES[1],
    });
  });

  it("rolls over to the next code at the step boundary, with nothing after it yet", () => {
    expect(authenticatorDisplay(CODES, STEP + PERIOD_MS)).toEqual({
      current: CODES[1],
      next: undefined,
      periodMs: PERIOD_MS,
    });
    expect(authenticatorDisplay(CODES, STEP + 2 * PERIOD_MS - 1)?.current).toBe(CODES[1]);
  });

  it("shows nothing from an answer too old or too new to hold the current code", () => {
    expect(authenticatorDisplay(CODES, STEP + 2 * PERIOD_MS)).toBeNull();
    expect(authenticatorDisplay(CODES, STEP - 1)).toBeNull();
  });

  it("wakes exactly when what shows changes, and never once the answer is used up", () => {
    expect(nextDisplayChange(CODES, STEP)).toBe(STEP + PERIOD_MS - NEXT_CODE_SHOWN_MS);
    expect(nextDisplayChange(CODES, STEP + PERIOD_MS - NEXT_CODE_SHOWN_MS)).toBe(STEP + PERIOD_MS);
    expect(nextDisplayChange(CODES, STEP + PERIOD_MS)).toBe(
      STEP + 2 * PERIOD_MS - NEXT_CODE_SHOWN_MS,
    );
    expect(nextDisplayChange(CODES, STEP + 2 * PERIOD_MS)).toBeUndefined();
  });

  it("counts whole seconds left, rounded up, never more than a step, and the bar's start", () => {
    expect(secondsLeft(CODES[0], STEP)).toBe(30);
    expect(secondsLeft(CODES[0], STEP + 17_500)).toBe(13);
    expect(secondsLeft(CODES[0], STEP + PERIOD_MS - 1)).toBe(1);
    expect(secondsLeft(CODES[0], STEP + PERIOD_MS)).toBe(0);
    // A clock reading from before the step (the last tick) never shows more than a step.
    expect(secondsLeft(CODES[1], STEP + 29_000)).toBe(30);
    expect(elapsedInStep(CODES[0], STEP + 12_345)).toBe(12_345);
    expect(elapsedInStep(CODES[0], STEP - 500)).toBe(0);
    expect(elapsedInStep(CODES[0], STEP + 40_000)).toBe(PERIOD_MS);
  });
});

describe("when to ask the endpoint again", () => {
  it("asks once the answer's current step has ended, on the server's own clock", () => {
    expect(refetchDelay(answer(STEP + 4000))).toBe(PERIOD_MS - 4000 + REFETCH_AFTER_STEP_MS);
    expect(refetchDelay(answer(STEP + 20_000))).toBe(10_000 + REFETCH_AFTER_STEP_MS);
  });

  it("never asks in a tight loop, even when an answer's step is already over", () => {
    expect(refetchDelay(answer(STEP + PERIOD_MS + 500))).toBe(MIN_REFETCH_MS);
  });

  it("still knows the step boundary from serverTime when nobody is in the answer", () => {
    expect(refetchDelay(answer(STEP + 10_000, []))).toBe(20_000 + REFETCH_AFTER_STEP_MS);
  });

  it("backs off after failures: 1 s, 2 s, 4 s … at most 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelay)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(AUTHENTICATOR_BACKOFF.maxMs).toBe(30_000);
  });

  it("asks again when someone with an authenticator is missing from the answer", () => {
    const alice = { key: "user:alice", label: "alice", createdAt: 0 };
    const bob = { key: "user:bob", label: "bob", createdAt: 1 };
    expect(answerLacks(null, [])).toBe(false);
    expect(answerLacks(null, [alice])).toBe(true);
    expect(answerLacks(answer(STEP), [alice])).toBe(false);
    expect(answerLacks(answer(STEP), [alice, bob])).toBe(true);
    expect(codesByPerson(answer(STEP)).get("user:alice")).toEqual(CODES);
  });
});

describe("the endpoint's answer and errors", () => {
  it("reads a well-formed answer", () => {
    const body = JSON.parse(JSON.stringify(answer(STEP + 3000)));
    expect(parseAuthenticatorAnswer(body)).toEqual(answer(STEP + 3000));
  });

  it("refuses a body of another shape rather than put it on a card", () => {
    const good = JSON.parse(JSON.stringify(answer(STEP)));
    const broken = [
      null,
      "<!doctype html>",
      { ...good, serverTime: "now" },
      { ...good, periodSeconds: 0 },
      { ...good, people: {} },
      { ...good, people: [{ ...good.people[0], codes: [good.people[0].codes[0]] }] },
      { ...good, people: [{ ...good.people[0], key: 7 }] },
      {
        ...good,
        people: [{ ...good.people[0], codes: [{ ...CODES[0], code: "12ab56" }, CODES[1]] }],
      },
      {
        ...good,
        people: [{ ...good.people[0], codes: [{ ...CODES[0], validUntil: STEP }, CODES[1]] }],
      },
    ];
    for (const body of broken) expect(parseAuthenticatorAnswer(body)).toBeNull();
  });

  it("says why codes are unavailable, quietly, by status", () => {
    const line = (status: number | null, message = "") =>
      describeAuthenticatorError({ status, code: "x", message });
    expect(line(401)).toBe(
      "Authenticator codes unavailable: the server did not accept this sign-in (401); trying again",
    );
    expect(line(403)).toContain("this account may not read codes (403)");
    expect(line(404)).toContain("not deployed (404)");
    expect(line(503)).toContain("the server could not answer (503)");
    expect(line(null, "no answer within 8 s")).toBe(
      "Authenticator codes unavailable: no answer within 8 s; trying again",
    );
  });

  it("reads an authenticators document without ever needing a secret", () => {
    const createdAt = { toMillis: () => 1234 };
    expect(
      parseStoredAuthenticator("user:dana@demo.test", {
        label: "dana@demo.test",
        email: "dana@demo.test",
        name: "Shared SMS Inbox",
        source: "added",
        createdAt,
      }),
    ).toEqual({
      key: "user:dana@demo.test",
      label: "dana@demo.test",
      email: "dana@demo.test",
      createdAt: 1234,
    });
    expect(parseStoredAuthenticator("user:kiosk", { label: "Kiosk" })).toEqual({
      key: "user:kiosk",
      label: "Kiosk",
      createdAt: 0,
    });
    expect(parseStoredAuthenticator("user:x", { label: "  " })).toBeNull();
  });
});

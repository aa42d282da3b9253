// channel=authenticator through the codes API's handler, with an injected
// clock and sleep: the code is computed from the stored secret, current when
// answered, and held to the next step when it would die within minValidSeconds.
import { describe, expect, it } from "vitest";
import type { AuthenticatorRecord } from "../../src/authenticator/authenticator-reader.js";
import { parseBase32Secret } from "../../src/authenticator/secret.js";
import { totpAt, totpValidFor } from "../../src/authenticator/totp.js";
import { createCodesApiHandler } from "../../src/codes-api/handler.js";
import type { AuthenticatorCodeAnswer } from "../../src/contract/codes-api.js";
import { capturedResponse } from "../support/captured-response.js";

const TOKEN = "read-token-0123456789";
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const KEY = parseBase32Secret(SECRET).key;
/** The start of a 30-second step. */
const STEP_START = Date.UTC(2026, 11, 1, 10, 0, 0);
const ALICE: AuthenticatorRecord = {
  key: "user:alice@example.com",
  label: "alice@example.com",
  secret: SECRET,
};

/** A handler whose clock the test sets and whose sleep moves that clock. */
function setup(options: { now: number; records?: AuthenticatorRecord[]; failing?: boolean }) {
  let clock = options.now;
  const sleeps: number[] = [];
  const asked: string[] = [];
  const logs: unknown[] = [];
  const records = options.records ?? [ALICE];
  const handler = createCodesApiHandler({
    tokens: () => TOKEN,
    finder: {
      receivedAtOf: async () => undefined,
      newest: async () => {
        throw new Error("a received code was looked up");
      },
      watch: () => {
        throw new Error("a received code was watched");
      },
    },
    authenticators: {
      async one(key) {
        asked.push(key);
        if (options.failing) throw new Error("Firestore is down");
        return records.find((record) => record.key === key);
      },
      all: async () => records,
    },
    log: (message, fields) => logs.push({ message, fields }),
    maxConcurrentWaits: () => 3,
    deadlineMs: 200,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
  });
  async function get(qs: string, signal = new AbortController().signal) {
    const { captured, res } = capturedResponse();
    await handler(
      {
        method: "GET",
        path: "/api/codes/latest",
        query: new URLSearchParams(qs),
        header: (name) => (name === "authorization" ? `Bearer ${TOKEN}` : undefined),
        signal,
      },
      res,
    );
    return captured;
  }
  return { get, sleeps, asked, logs, advance: (ms: number) => (clock += ms) };
}

describe("GET /api/codes/latest?channel=authenticator", () => {
  it("answers the user's current code, computed from the secret, with its step's end", async () => {
    const { get, sleeps, asked } = setup({ now: STEP_START + 10_000 });
    const reply = await get("user=Alice@Example.com&channel=authenticator");
    expect(reply.status).toBe(200);
    expect(reply.headers["Cache-Control"]).toBe("no-store");
    const expected = totpAt(KEY, STEP_START + 10_000);
    expect(reply.body).toEqual({
      code: expected.code,
      channel: "authenticator",
      label: "alice@example.com",
      validFrom: new Date(STEP_START).toISOString(),
      expireAt: new Date(STEP_START + 30_000).toISOString(),
      validSeconds: 20,
    } satisfies AuthenticatorCodeAnswer);
    expect(sleeps).toEqual([]);
    // Asked by email in any case: the document of the person's key.
    expect(asked).toEqual(["user:alice@example.com"]);
  });

  it.each([
    // [ms into the step, minValidSeconds, held ms]
    [25_000, undefined, 0], // exactly 5 s left: the default is met
    [25_001, undefined, 4_999], // 4.999 s left: held to the next step
    [29_999, undefined, 1],
    [0, 25, 0],
    [5_000, 25, 0],
    [5_001, 25, 24_999],
    [29_000, 0, 0], // 0: always the current code, however short its life
  ])(
    "at %i ms into a step with minValidSeconds=%s holds %i ms and answers a code that lives long enough",
    async (into, min, held) => {
      const askedAt = STEP_START + into;
      const { get, sleeps } = setup({ now: askedAt });
      const qs = `user=alice@example.com&channel=authenticator${min === undefined ? "" : `&minValidSeconds=${min}`}`;
      const reply = await get(qs);
      expect(reply.status).toBe(200);
      expect(sleeps).toEqual(held > 0 ? [held] : []);
      const answer = reply.body as AuthenticatorCodeAnswer;
      // The code totp.ts names for "valid for N more seconds" at the moment of asking.
      expect(answer.code).toBe(totpValidFor(KEY, askedAt, min ?? 5).code);
      const answeredAt = askedAt + held;
      expect(Date.parse(answer.validFrom)).toBeLessThanOrEqual(answeredAt);
      expect(Date.parse(answer.expireAt) - answeredAt).toBeGreaterThanOrEqual((min ?? 5) * 1000);
      expect(answer.validSeconds).toBe(
        Math.floor((Date.parse(answer.expireAt) - answeredAt) / 1000),
      );
    },
  );

  it("ignores wait: an authenticator always has a code, so it answers at once", async () => {
    const { get, sleeps } = setup({ now: STEP_START + 1_000 });
    const reply = await get("user=alice@example.com&channel=authenticator&wait=30");
    expect(reply.status).toBe(200);
    expect(sleeps).toEqual([]);
  });

  it("says so with 404 no_authenticator for a user without one", async () => {
    const { get } = setup({ now: STEP_START });
    const reply = await get("user=bob@example.com&channel=authenticator");
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      error: {
        code: "no_authenticator",
        message: expect.stringMatching(
          /^user: the inbox holds no authenticator .*authenticator:add/,
        ),
      },
    });
  });

  it("refuses a stored secret edited into something invalid, without showing it", async () => {
    const broken = { ...ALICE, secret: "not base32!!" };
    const { get } = setup({ now: STEP_START, records: [broken] });
    const reply = await get("user=alice@example.com&channel=authenticator");
    expect(reply.status).toBe(404);
    expect(JSON.stringify(reply.body)).toMatch(/--replace/);
    expect(JSON.stringify(reply.body)).not.toContain("not base32!!");
  });

  it("answers 503 when Firestore fails, never a false 'no authenticator'", async () => {
    const { get } = setup({ now: STEP_START, failing: true });
    const reply = await get("user=alice@example.com&channel=authenticator");
    expect(reply.status).toBe(503);
    expect(reply.headers["Retry-After"]).toBe("5");
  });

  it.each([
    ["recipient=%2B61400000001&channel=authenticator", /^recipient: .*use user=/],
    ["user=a@example.com&recipient=%2B61400000001&channel=authenticator", /^recipient:/],
    ["channel=authenticator", /^user: with channel=authenticator/],
    [
      "user=a@example.com&channel=authenticator&since=1700000000000",
      /^since: not with channel=authenticator/,
    ],
    ["user=a@example.com&channel=authenticator&after=k_1", /^after: not with/],
    ["user=a@example.com&channel=authenticator&type=otp_verify", /^type: not with/],
    ["user=a@example.com&channel=authenticator&minValidSeconds=26", /^minValidSeconds: .*0 to 25/],
    ["user=a@example.com&channel=authenticator&minValidSeconds=-1", /^minValidSeconds:/],
    ["user=a@example.com&channel=authenticator&minValidSeconds=2.5", /^minValidSeconds:/],
    [
      "user=a@example.com&channel=authenticator&minValidSeconds=5&minValidSeconds=6",
      /^minValidSeconds: given more than once/,
    ],
    ["user=a@example.com&channel=authenticator&wait=31", /^wait:/],
    ["user=a@example.com&minValidSeconds=5", /^minValidSeconds: only with channel=authenticator/],
    [
      "user=a@example.com&channel=totp",
      /^channel: must be one of sms, voice, email, authenticator/,
    ],
  ])("refuses %s with a 400 naming the parameter, looking nothing up", async (qs, message) => {
    const { get, asked } = setup({ now: STEP_START });
    const reply = await get(qs);
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { message: string } }).error.message).toMatch(message);
    expect(asked).toEqual([]);
  });

  it("never puts the secret or the code in a log line", async () => {
    const { get, logs } = setup({ now: STEP_START + 28_000 });
    const reply = await get("user=alice@example.com&channel=authenticator");
    const code = (reply.body as AuthenticatorCodeAnswer).code;
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain(code);
    expect(logged).not.toContain("alice");
  });

  it("answers nothing when the caller hangs up while held", async () => {
    const hungUp = new AbortController();
    hungUp.abort();
    const { get } = setup({ now: STEP_START + 29_000 });
    const reply = await get("user=alice@example.com&channel=authenticator", hungUp.signal);
    expect(reply.status).toBeUndefined();
  });
});

// From a stored secret and the time to what the codes API and the page's
// endpoint answer. Pure: the clock is an argument, so the step boundaries are
// tested exactly.
import type { AuthenticatorCodesAnswer } from "../contract/authenticator.js";
import { TOTP } from "../contract/authenticator.js";
import { AUTHENTICATOR_CHANNEL, type AuthenticatorCodeAnswer } from "../contract/codes-api.js";
import type { AuthenticatorRecord } from "./authenticator-reader.js";
import { parseBase32Secret } from "./secret.js";
import { stepAt, totpForStep } from "./totp.js";

/**
 * How long to hold a codes API request so that the code it is answered with
 * is current *and* has at least `minValidSeconds` left: 0 when the current
 * code does, else until the next step begins. The next code is never handed
 * out early: Auth0 does not document whether it accepts a code before its
 * step, and a login test would type it at once.
 */
export function holdBeforeAnswerMs(nowMs: number, minValidSeconds: number): number {
  const left = (stepAt(nowMs) + 1) * TOTP.periodSeconds * 1000 - nowMs;
  return left >= minValidSeconds * 1000 ? 0 : left;
}

/** The stored secret as a key; undefined when it is not a valid secret (edited by hand). */
export function keyOf(record: Pick<AuthenticatorRecord, "secret">): Uint8Array | undefined {
  try {
    return parseBase32Secret(record.secret).key;
  } catch {
    return undefined;
  }
}

/** The codes API's answer: the code current at `nowMs`. */
export function authenticatorCodeAnswer(
  label: string,
  key: Uint8Array,
  nowMs: number,
): AuthenticatorCodeAnswer {
  const current = totpForStep(key, stepAt(nowMs));
  return {
    code: current.code,
    channel: AUTHENTICATOR_CHANNEL,
    label,
    validFrom: new Date(current.validFrom).toISOString(),
    expireAt: new Date(current.validUntil).toISOString(),
    validSeconds: Math.floor((current.validUntil - nowMs) / 1000),
  };
}

/**
 * The page's answer: every person's current and next code, so the page can
 * count down and roll over on its own clock without asking again at once.
 * People whose secret is unreadable are left out (`skipped` counts them).
 */
export function authenticatorCodesAnswer(
  records: readonly AuthenticatorRecord[],
  nowMs: number,
): { answer: AuthenticatorCodesAnswer; skipped: number } {
  const step = stepAt(nowMs);
  const people: AuthenticatorCodesAnswer["people"] = [];
  let skipped = 0;
  for (const record of records) {
    const key = keyOf(record);
    if (!key) {
      skipped += 1;
      continue;
    }
    people.push({
      key: record.key,
      label: record.label,
      codes: [totpForStep(key, step), totpForStep(key, step + 1)],
    });
  }
  return {
    answer: { serverTime: nowMs, periodSeconds: TOTP.periodSeconds, people },
    skipped,
  };
}

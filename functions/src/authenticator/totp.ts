// RFC 6238 (TOTP) over RFC 4226 (HOTP), on node:crypto. Pure apart from the
// HMAC: time comes in as an argument, so tests pin RFC 6238's vectors and the
// step boundaries exactly.
import { createHmac } from "node:crypto";
import { type AuthenticatorStepCode, TOTP } from "../contract/authenticator.js";

/** RFC 4226 §5.3: HMAC-SHA-1 of the 8-byte big-endian counter, dynamically truncated. */
export function hotp(key: Uint8Array, counter: number, digits: number = TOTP.digits): string {
  if (!Number.isSafeInteger(counter) || counter < 0)
    throw new RangeError("The HOTP counter must be a non-negative safe integer");
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The step (RFC 6238's T) that holds this instant. */
export const stepAt = (epochMs: number, periodSeconds: number = TOTP.periodSeconds): number =>
  Math.floor(epochMs / 1000 / periodSeconds);

/** The code of a given step, with the instants it is current between. */
export function totpForStep(
  key: Uint8Array,
  step: number,
  options: { digits?: number; periodSeconds?: number } = {},
): AuthenticatorStepCode {
  const period = options.periodSeconds ?? TOTP.periodSeconds;
  return {
    code: hotp(key, step, options.digits ?? TOTP.digits),
    validFrom: step * period * 1000,
    validUntil: (step + 1) * period * 1000,
  };
}

/** The code current at this instant. */
export const totpAt = (
  key: Uint8Array,
  epochMs: number,
  options: { digits?: number; periodSeconds?: number } = {},
): AuthenticatorStepCode => totpForStep(key, stepAt(epochMs, options.periodSeconds), options);

/**
 * The code to hand a machine: the current one, unless it would stop being
 * current within `minValidSeconds`, then the next (MailSlurp's
 * minSecondsUntilExpire). A login test that types it then never races the
 * rollover.
 */
export function totpValidFor(
  key: Uint8Array,
  epochMs: number,
  minValidSeconds: number,
): AuthenticatorStepCode {
  const current = totpAt(key, epochMs);
  return current.validUntil - epochMs >= minValidSeconds * 1000
    ? current
    : totpForStep(key, stepAt(epochMs) + 1);
}

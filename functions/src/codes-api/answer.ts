// From found codes to the API's answer: the newest that has not expired.
// Pure: the clock is passed in.
import type { LatestCodeAnswer } from "../contract/codes-api.js";
import type { FoundCode, Instant } from "./code-finder.js";

/**
 * Firestore's TTL deletes a document some time after expireAt (up to a day),
 * so expiry is checked here, not left to the TTL.
 */
export function newestLive(codes: readonly FoundCode[], now: number): FoundCode | undefined {
  let newest: FoundCode | undefined;
  for (const code of codes) {
    if (code.expireAt <= now) continue;
    if (!newest || code.receivedAt > newest.receivedAt) newest = code;
  }
  return newest;
}

export function toAnswer(code: FoundCode): LatestCodeAnswer {
  return {
    id: code.id,
    code: code.code,
    recipient: code.recipient,
    label: code.label,
    messageType: code.messageType,
    deliveryMethod: code.deliveryMethod,
    channel: code.channel,
    receivedAt: new Date(code.receivedAt).toISOString(),
    expireAt: new Date(code.expireAt).toISOString(),
    ...(code.probe ? { probe: true as const } : {}),
    ...(code.email
      ? {
          subject: code.email.subject,
          links: code.email.links,
          ...(code.email.mainLink ? { link: code.email.mainLink } : {}),
        }
      : {}),
  };
}

export const instantFromMillis = (millis: number): Instant => ({
  seconds: Math.floor(millis / 1000),
  nanoseconds: (millis % 1000) * 1_000_000,
});

const compare = (a: Instant, b: Instant) => a.seconds - b.seconds || a.nanoseconds - b.nanoseconds;

/** `since` and `after` together: the later of the two bounds. */
export const laterOf = (a: Instant | undefined, b: Instant | undefined): Instant | undefined =>
  a === undefined ? b : b === undefined ? a : compare(a, b) >= 0 ? a : b;

// Which codes a request selects by channel and message type, with the API's
// defaults. Shared by parse-query.ts and wait-for-code's local mode, so the
// API and the command ask Firestore the same question.
import { CHANNELS, type Channel } from "../contract/channel.js";
import { CODES_API_DEFAULT_CHANNELS, CODES_API_LIMITS } from "../contract/codes-api.js";
import { EMAIL_MESSAGE_TYPE_PATTERN } from "../contract/email.js";
import type { StoredMessageType } from "../contract/firestore-schema.js";
import { MESSAGE_TYPES, OTP_MESSAGE_TYPES } from "../contract/notification.js";

export interface Selection {
  channels: readonly Channel[];
  /** "any": every message type (an email wait without `type`). */
  types: readonly StoredMessageType[] | "any";
}

export const isChannel = (value: string): value is Channel =>
  (CHANNELS as readonly string[]).includes(value);

/**
 * `channel` absent: phone codes (sms and voice), as before emails existed.
 * Phone waits default to the two OTP types, as before. An email wait defaults
 * to every type: passwordless' type is undocumented, and a default list that
 * missed it would wait forever.
 */
export function defaultSelection(channel: Channel | undefined): Selection {
  const channels = channel === undefined ? CODES_API_DEFAULT_CHANNELS : [channel];
  return { channels, types: channel === "email" ? "any" : [...OTP_MESSAGE_TYPES] };
}

/**
 * The listed types for these channels, de-duplicated, or why not (the message
 * names no parameter: the API and the command each name their own). Phone
 * types are a closed list, so a typo is refused; an email's type is any string
 * of the documented shape, since passwordless' is undocumented.
 */
export function checkTypes(
  channels: readonly Channel[],
  listed: readonly string[],
): { ok: true; types: StoredMessageType[] } | { ok: false; message: string } {
  const emailOnly = channels.every((channel) => channel === "email");
  for (const type of listed) {
    if (emailOnly ? EMAIL_MESSAGE_TYPE_PATTERN.test(type) : isPhoneType(type)) continue;
    const shown = `"${type.slice(0, 40)}"`;
    return {
      ok: false,
      message: emailOnly
        ? `${shown} is not a message type: letters, digits, _ . - and at most 64 characters`
        : `unknown message type ${shown} for sms and voice; use ${MESSAGE_TYPES.join(", ")}` +
          (EMAIL_MESSAGE_TYPE_PATTERN.test(type)
            ? ", or ask for an email's type with channel email"
            : ""),
    };
  }
  const types = [...new Set(listed)];
  if (types.length > CODES_API_LIMITS.maxTypes)
    return { ok: false, message: `at most ${CODES_API_LIMITS.maxTypes} message types at once` };
  return { ok: true, types };
}

const isPhoneType = (type: string) => (MESSAGE_TYPES as readonly string[]).includes(type);

// Turns the codes API's request line into a CodeQuery or a 4xx naming what is
// wrong, without I/O. Every parameter is checked; unknown ones are refused so
// a typo (`reciepient=`) is never silently ignored.
import { CHANNELS } from "../contract/channel.js";
import {
  AUTHENTICATOR_API_LIMITS,
  AUTHENTICATOR_CHANNEL,
  CODES_API_LIMITS,
  CODES_API_PARAMETERS,
  type CodesApiErrorCode,
  type CodesApiParameter,
} from "../contract/codes-api.js";
import { ownerName } from "../contract/label.js";
import { EMAIL_PATTERN, isE164, LIMITS } from "../contract/notification.js";
import { type JsonError, jsonError } from "../http/json-error.js";
import { checkTypes, defaultSelection, isChannel, type Selection } from "./selection.js";

export type CodesApiError = JsonError<CodesApiErrorCode>;

/** A person (owners), a phone number, or for emails the address one was sent to. */
export type Whose =
  | { kind: "user"; name: string }
  | { kind: "recipient"; phoneNumber: string }
  | { kind: "address"; address: string };

export interface CodeQuery extends Selection {
  whose: Whose;
  /** Epoch ms: only codes received after it count. */
  since?: number;
  /** A code id: only codes received after that code count. */
  after?: string;
  waitSeconds: number;
}

/** channel=authenticator: a demo user's current TOTP code, computed, not received. */
export interface AuthenticatorQuery {
  /** The user as asked (ownerName: trimmed, lower case). */
  user: string;
  /** The answered code stays current at least this long. */
  minValidSeconds: number;
}

export type QueryResult =
  | { ok: true; query: CodeQuery; authenticator?: never }
  | { ok: true; authenticator: AuthenticatorQuery; query?: never }
  | { ok: false; error: CodesApiError; query?: never; authenticator?: never };

const invalid = (parameter: CodesApiParameter | string, message: string): QueryResult => ({
  ok: false,
  error: jsonError(400, "invalid_parameter", `${parameter}: ${message}`),
});

/** ISO 8601 with a date and a time (what Date#toISOString gives), or epoch milliseconds. */
export function parseSince(value: string): number | string {
  if (/^\d+$/.test(value)) {
    const millis = Number(value);
    if (millis < CODES_API_LIMITS.minEpochMillis)
      return "looks like epoch seconds; pass epoch milliseconds (Date.now()) or an ISO time";
    return Number.isSafeInteger(millis) ? millis : "is not a time";
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return "must be an ISO time with a zone (2026-12-01T10:00:00Z) or epoch milliseconds";
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? "is not a valid time" : millis;
}

// Firestore document ids the function writes: auto ids and k_<hex> from an idempotency key.
const CODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export function parseCodeQuery(params: URLSearchParams): QueryResult {
  const values = new Map<string, string[]>();
  for (const [name, value] of params) values.set(name, [...(values.get(name) ?? []), value]);

  for (const [name, list] of values) {
    if (!(CODES_API_PARAMETERS as readonly string[]).includes(name))
      return invalid(name, `unknown parameter; use ${CODES_API_PARAMETERS.join(", ")}`);
    if (list.length > 1 && name !== "type") return invalid(name, "given more than once");
  }
  const one = (name: CodesApiParameter) => values.get(name)?.[0];

  const channel = one("channel");
  if (channel === AUTHENTICATOR_CHANNEL) return parseAuthenticatorQuery(one);
  if (channel !== undefined && !isChannel(channel))
    return invalid(
      "channel",
      `must be one of ${[...CHANNELS, AUTHENTICATOR_CHANNEL].join(", ")} (without it: sms and voice, never email)`,
    );
  if (one("minValidSeconds") !== undefined)
    return invalid(
      "minValidSeconds",
      "only with channel=authenticator: a received code's life is not chosen",
    );
  const selection = defaultSelection(channel);
  const forEmail = channel === "email";

  const user = one("user");
  const recipient = one("recipient");
  if ((user === undefined) === (recipient === undefined))
    return invalid(
      "user",
      "give exactly one of user (an email or label) and recipient (+E.164, or an email address with channel=email)",
    );

  let whose: Whose;
  if (user !== undefined) {
    const name = ownerName(user);
    if (name === "" || name.length > LIMITS.maxLabelChars)
      return invalid(
        "user",
        `must be a demo user's email or label (1–${LIMITS.maxLabelChars} characters)`,
      );
    whose = { kind: "user", name };
  } else {
    const value = (recipient ?? "").trim();
    // An email's recipient is an address, a phone code's a number: the other
    // would select nothing, and wait its whole wait for it.
    if (forEmail) {
      if (!EMAIL_PATTERN.test(value) || value.length > LIMITS.maxEmailChars)
        return invalid("recipient", "with channel=email, must be the email address it was sent to");
      whose = { kind: "address", address: value.toLowerCase() };
    } else {
      if (!isE164(value))
        return invalid(
          "recipient",
          EMAIL_PATTERN.test(value)
            ? "an email address is an email's recipient: add channel=email"
            : "must be an E.164 number such as +61400000001 (encode + as %2B)",
        );
      whose = { kind: "recipient", phoneNumber: value };
    }
  }

  const query: CodeQuery = { whose, waitSeconds: 0, ...selection };

  const since = one("since");
  if (since !== undefined) {
    const parsed = parseSince(since.trim());
    if (typeof parsed === "string") return invalid("since", parsed);
    query.since = parsed;
  }

  const after = one("after");
  if (after !== undefined) {
    if (!CODE_ID_PATTERN.test(after))
      return invalid("after", "must be the id of a code (from a previous answer)");
    query.after = after;
  }

  const wait = one("wait");
  if (wait !== undefined) {
    const max = CODES_API_LIMITS.maxWaitSeconds;
    if (!/^\d{1,2}$/.test(wait.trim()) || Number(wait) > max)
      return invalid("wait", `must be a whole number of seconds from 0 to ${max}`);
    query.waitSeconds = Number(wait);
  }

  const types = values.get("type");
  if (types !== undefined) {
    const listed = types.flatMap((value) => value.split(",")).map((value) => value.trim());
    const checked = checkTypes(query.channels, listed);
    if (!checked.ok) return invalid("type", checked.message);
    query.types = checked.types;
  }

  return { ok: true, query };
}

/**
 * channel=authenticator. `user` only: an authenticator belongs to a person,
 * not a number. `since`, `after` and `type` select among received codes and
 * have nothing to select here, so they are refused rather than ignored. `wait`
 * is accepted and has nothing to wait for (a code is always current), so a
 * client that always sends it works unchanged.
 */
function parseAuthenticatorQuery(
  one: (name: CodesApiParameter) => string | undefined,
): QueryResult {
  if (one("recipient") !== undefined)
    return invalid(
      "recipient",
      "channel=authenticator codes belong to a demo user, not a number or address: use user=",
    );
  for (const name of ["since", "after", "type"] as const)
    if (one(name) !== undefined)
      return invalid(
        name,
        "not with channel=authenticator: its code is computed from the time, never received",
      );
  const wait = one("wait");
  const max = CODES_API_LIMITS.maxWaitSeconds;
  if (wait !== undefined && (!/^\d{1,2}$/.test(wait.trim()) || Number(wait) > max))
    return invalid("wait", `must be a whole number of seconds from 0 to ${max}`);

  const user = one("user");
  const name = user === undefined ? "" : ownerName(user);
  if (name === "" || name.length > LIMITS.maxLabelChars)
    return invalid(
      "user",
      `with channel=authenticator, must be a demo user's email or label (1–${LIMITS.maxLabelChars} characters)`,
    );

  let minValidSeconds: number = AUTHENTICATOR_API_LIMITS.defaultMinValidSeconds;
  const given = one("minValidSeconds");
  if (given !== undefined) {
    const maxValid = AUTHENTICATOR_API_LIMITS.maxMinValidSeconds;
    if (!/^\d{1,2}$/.test(given.trim()) || Number(given) > maxValid)
      return invalid("minValidSeconds", `must be a whole number of seconds from 0 to ${maxValid}`);
    minValidSeconds = Number(given);
  }
  return { ok: true, authenticator: { user: name, minValidSeconds } };
}

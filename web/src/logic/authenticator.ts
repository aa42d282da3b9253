// Authenticator (TOTP) codes on the cards: which code to show at a moment of
// the server's clock, how long it has left, when the next one shows beside it,
// and when to ask the endpoint again. Pure: time is an argument. The page
// never sees a secret; it gets each person's current and next code from
// /api/authenticator/codes (functions/contract/authenticator) and times them
// by the server's clock, since the codes change at the server's step boundaries.
import type {
  AuthenticatorCodesAnswer,
  AuthenticatorStepCode,
} from "functions/contract/authenticator";
import { type Backoff, backoffDelay } from "./backoff.js";

/** A person who has an authenticator (authenticators/{key}): no secret, no code. */
export interface InboxAuthenticator {
  /** The person's key (contract/label userKey): the card it goes on. */
  key: string;
  label: string;
  email?: string;
  /** Epoch ms; orders the cards of people who have nothing but an authenticator. */
  createdAt: number;
}

/** One person's codes as the endpoint last answered them. */
export type AuthenticatorCodes = readonly [AuthenticatorStepCode, AuthenticatorStepCode];

/**
 * The next code shows beside the current one for this long before the step
 * ends: long enough to read six digits and type them, so nobody starts typing
 * a code that dies under their fingers.
 */
export const NEXT_CODE_SHOWN_MS = 7000;

/**
 * Ask again this long after the step the answer was current in has ended:
 * the new answer then holds the step that just began and the one after, and a
 * server clock a little behind the page's estimate still counts the new step.
 */
export const REFETCH_AFTER_STEP_MS = 1000;
/** Never ask sooner than this after an answer, whatever it said (a server answering stale codes). */
export const MIN_REFETCH_MS = 5000;
/** A failed request is tried again 1 s, 2 s, 4 s … at most 30 s later. */
export const AUTHENTICATOR_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000 };

export interface AuthenticatorDisplay {
  current: AuthenticatorStepCode;
  /** The code after it, only in the current step's last NEXT_CODE_SHOWN_MS. */
  next: AuthenticatorStepCode | undefined;
  periodMs: number;
}

const covers = (code: AuthenticatorStepCode, serverNow: number) =>
  code.validFrom <= serverNow && serverNow < code.validUntil;

/**
 * What a card shows at this instant of the server's clock, or null when the
 * answer is too old to hold a current code (a tab hidden for minutes: the page
 * asks again and shows nothing stale meanwhile).
 */
export function authenticatorDisplay(
  codes: AuthenticatorCodes,
  serverNow: number,
): AuthenticatorDisplay | null {
  const [current, next] = codes;
  if (covers(current, serverNow)) {
    const ending = current.validUntil - serverNow <= NEXT_CODE_SHOWN_MS;
    return { current, next: ending ? next : undefined, periodMs: periodOf(current) };
  }
  // The answer's next step has begun before the page asked again: its code is
  // current, and the one after it is not known yet.
  if (covers(next, serverNow)) return { current: next, next: undefined, periodMs: periodOf(next) };
  return null;
}

const periodOf = (code: AuthenticatorStepCode) => code.validUntil - code.validFrom;

/**
 * When (server clock) what authenticatorDisplay shows changes by itself: the
 * next code appearing, a step ending. Undefined once the answer is used up.
 */
export function nextDisplayChange(
  codes: AuthenticatorCodes,
  serverNow: number,
): number | undefined {
  const moments = codes.flatMap((code) => [code.validUntil - NEXT_CODE_SHOWN_MS, code.validUntil]);
  return moments.filter((at) => at > serverNow).sort((a, b) => a - b)[0];
}

/** Whole seconds left, rounded up so a live code never reads "0 s"; never more than a step. */
export function secondsLeft(code: AuthenticatorStepCode, serverNow: number): number {
  const left = Math.ceil((code.validUntil - serverNow) / 1000);
  return Math.max(0, Math.min(left, Math.round(periodOf(code) / 1000)));
}

/** How far into its step the code is, in ms (0 … period): where the countdown bar starts. */
export function elapsedInStep(code: AuthenticatorStepCode, serverNow: number): number {
  return Math.max(0, Math.min(serverNow - code.validFrom, periodOf(code)));
}

/**
 * How long after an answer arrived to ask again: once its current step has
 * ended (plus REFETCH_AFTER_STEP_MS), measured on the server's own clock from
 * its serverTime, so no clock estimate is needed. Every person's steps end
 * together (same period, same clock), so the first person's codes decide.
 */
export function refetchDelay(answer: AuthenticatorCodesAnswer): number {
  const first = answer.people[0];
  const stepEnd =
    first?.codes[0].validUntil ??
    (Math.floor(answer.serverTime / (answer.periodSeconds * 1000)) + 1) *
      answer.periodSeconds *
      1000;
  return Math.max(MIN_REFETCH_MS, stepEnd + REFETCH_AFTER_STEP_MS - answer.serverTime);
}

/** How long to wait after the n-th failed request in a row. */
export const retryDelay = (failures: number): number =>
  backoffDelay(failures, AUTHENTICATOR_BACKOFF);

/**
 * Whether the answer in hand lacks someone who has an authenticator now (one
 * added since it was asked): then the page asks again at once.
 */
export function answerLacks(
  answer: AuthenticatorCodesAnswer | null,
  authenticators: readonly InboxAuthenticator[],
): boolean {
  if (answer === null) return authenticators.length > 0;
  const answered = new Set(answer.people.map((person) => person.key));
  return authenticators.some((authenticator) => !answered.has(authenticator.key));
}

/** Why the endpoint gave no codes, as the endpoint or the network said it. */
export interface AuthenticatorCodesError {
  /** The HTTP status, or null when no answer came (network, timeout, unreadable body). */
  status: number | null;
  /** The endpoint's error code ("unauthorized", "forbidden", …), or the page's own. */
  code: string;
  message: string;
}

/** The quiet line on a card: "Authenticator codes unavailable: …". */
export function describeAuthenticatorError(error: AuthenticatorCodesError): string {
  const reason = ((): string => {
    if (error.status === 401) return "the server did not accept this sign-in (401)";
    if (error.status === 403) return "this account may not read codes (403)";
    if (error.status === 404) return "the codes endpoint is not deployed (404)";
    if (error.status !== null && error.status >= 500)
      return `the server could not answer (${error.status})`;
    if (error.status !== null) return `the server answered ${error.status}`;
    return error.message || "no answer from the server";
  })();
  return `Authenticator codes unavailable: ${reason}; trying again`;
}

const isStepCode = (value: unknown): value is AuthenticatorStepCode => {
  const code = value as Partial<AuthenticatorStepCode> | null;
  return (
    typeof code === "object" &&
    code !== null &&
    typeof code.code === "string" &&
    /^\d{6,10}$/.test(code.code) &&
    Number.isFinite(code.validFrom) &&
    Number.isFinite(code.validUntil) &&
    (code.validUntil as number) > (code.validFrom as number)
  );
};

/**
 * The endpoint's JSON as the page relies on it, or null: a body of another
 * shape (a proxy's page, an older function) must not reach the cards.
 * Without zod, which never enters the page's bundle.
 */
export function parseAuthenticatorAnswer(body: unknown): AuthenticatorCodesAnswer | null {
  const answer = body as Partial<AuthenticatorCodesAnswer> | null;
  if (typeof answer !== "object" || answer === null) return null;
  if (!Number.isFinite(answer.serverTime) || !Number.isFinite(answer.periodSeconds)) return null;
  if ((answer.periodSeconds as number) <= 0 || !Array.isArray(answer.people)) return null;
  const people: AuthenticatorCodesAnswer["people"] = [];
  for (const person of answer.people as unknown[]) {
    const entry = person as Partial<AuthenticatorCodesAnswer["people"][number]> | null;
    if (typeof entry !== "object" || entry === null) return null;
    if (typeof entry.key !== "string" || typeof entry.label !== "string") return null;
    const codes = entry.codes as unknown;
    if (!Array.isArray(codes) || codes.length !== 2 || !codes.every(isStepCode)) return null;
    people.push({
      key: entry.key,
      label: entry.label,
      codes: [codes[0], codes[1]] as [AuthenticatorStepCode, AuthenticatorStepCode],
    });
  }
  return {
    serverTime: answer.serverTime as number,
    periodSeconds: answer.periodSeconds as number,
    people,
  };
}

/** Each person's codes by their key. */
export function codesByPerson(
  answer: AuthenticatorCodesAnswer | null,
): ReadonlyMap<string, AuthenticatorCodes> {
  return new Map((answer?.people ?? []).map((person) => [person.key, person.codes] as const));
}

/**
 * authenticators/{key} as the page shows it, or null when it names nobody
 * (no label). Firestore holds whatever the scripts wrote; only what a card
 * needs is read, and never a secret (none is stored there).
 */
export function parseStoredAuthenticator(
  key: string,
  data: Record<string, unknown>,
): InboxAuthenticator | null {
  const label = typeof data.label === "string" ? data.label.trim() : "";
  if (label === "") return null;
  const email = typeof data.email === "string" && data.email !== "" ? data.email : undefined;
  const created = data.createdAt as { toMillis?: () => number } | null | undefined;
  const createdAt = typeof created?.toMillis === "function" ? created.toMillis() : 0;
  return { key, label, ...(email ? { email } : {}), createdAt };
}

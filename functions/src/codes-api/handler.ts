// The codes API's request flow: GET /api/codes/latest answers the newest
// matching code, holding the request up to `wait` seconds on a Firestore
// listener until one arrives. Dependencies are injected, as in the webhook.

import { authenticatorCodeAnswer, holdBeforeAnswerMs, keyOf } from "../authenticator/answers.js";
import type { AuthenticatorReader } from "../authenticator/authenticator-reader.js";
import { authenticatorKeyFor } from "../authenticator/person.js";
import { CODES_API_LIMITS, CODES_API_PATH, CODES_API_RETRY_AFTER } from "../contract/codes-api.js";
import { TIMING } from "../contract/notification.js";
import { bearerToken, matchesAny, parseAcceptedTokens } from "../http/bearer-token.js";
import { errorBody, jsonError } from "../http/json-error.js";
import { instantFromMillis, laterOf, newestLive, toAnswer } from "./answer.js";
import type { CodeFilter, CodeFinder, FoundCode } from "./code-finder.js";
import {
  type AuthenticatorQuery,
  type CodeQuery,
  type CodesApiError,
  parseCodeQuery,
} from "./parse-query.js";

export interface ApiRequest {
  method: string;
  /** The path the function saw: /api/codes/latest behind Hosting, / or /latest at its own URL. */
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
  /** Aborts when the caller hangs up, so a wait stops listening. */
  signal: AbortSignal;
}

export interface ApiResponse {
  status(code: number): ApiResponse;
  set(name: string, value: string): ApiResponse;
  json(body: unknown): void;
  end(): void;
}

export interface CodesApiDeps {
  /** The configured read token(s), comma-separated; read per request. */
  tokens(): string;
  finder: CodeFinder;
  /** channel=authenticator: each demo user's authenticator secret. */
  authenticators: AuthenticatorReader;
  /** Never receives a token, a code or who was asked for. */
  log(message: string, fields: Record<string, unknown>): void;
  /** Waits held at once by this instance; beyond it callers are told to come back. */
  maxConcurrentWaits(): number;
  /** How long Firestore may take to answer a lookup. */
  deadlineMs?: number;
  now?: () => number;
  /** Holds an authenticator answer until the next step; resolves early when aborted. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });

const ACCEPTED_PATHS = new Set(["/", "/latest", CODES_API_PATH]);

const retryAfter = (seconds: number) => ({ "Retry-After": String(seconds) });

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Firestore did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The configured tokens long enough to count; none means the API is off. */
export const acceptedReadTokens = (configured: string): string[] =>
  parseAcceptedTokens(configured).filter((token) => token.length >= CODES_API_LIMITS.minTokenChars);

export function checkReadToken(
  authorization: string | undefined,
  configured: string,
): CodesApiError | undefined {
  const accepted = acceptedReadTokens(configured);
  if (accepted.length === 0) {
    return jsonError(
      404,
      "api_off",
      "The codes API is off: no OTP_READ_TOKEN of 16 or more characters is configured.",
    );
  }
  const token = bearerToken(authorization);
  if (!token) return jsonError(401, "unauthorized", "Send Authorization: Bearer <OTP_READ_TOKEN>.");
  if (!matchesAny(token, accepted))
    return jsonError(401, "unauthorized", "The bearer token is not one of the read tokens.");
  return undefined;
}

export function createCodesApiHandler(deps: CodesApiDeps) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const deadlineMs = deps.deadlineMs ?? TIMING.storeDeadlineMs;
  let waiting = 0;

  const refuse = (res: ApiResponse, error: CodesApiError, method: string) => {
    for (const [name, value] of Object.entries(error.headers ?? {})) res.set(name, value);
    deps.log("codes api refused a request", { status: error.status, error: error.code, method });
    res.set("Cache-Control", "no-store").status(error.status).json(errorBody(error));
  };
  const answer = (res: ApiResponse, code: FoundCode | undefined, started: number) => {
    res.set("Cache-Control", "no-store");
    deps.log("codes api answered", { status: code ? 200 : 204, ms: now() - started });
    if (code) res.status(200).json(toAnswer(code));
    else res.set("Retry-After", String(CODES_API_RETRY_AFTER.emptyWait)).status(204).end();
  };
  const unavailable = (res: ApiResponse, method: string, error: unknown) => {
    deps.log("codes api could not read Firestore", {
      error: error instanceof Error ? error.message : String(error),
    });
    refuse(
      res,
      jsonError(503, "unavailable", "The inbox could not read codes right now; retry shortly.", {
        ...retryAfter(CODES_API_RETRY_AFTER.unavailable),
      }),
      method,
    );
  };

  async function filterFor(query: CodeQuery): Promise<CodeFilter | CodesApiError> {
    let receivedAfter = query.since === undefined ? undefined : instantFromMillis(query.since);
    if (query.after !== undefined) {
      const afterCode = await withDeadline(deps.finder.receivedAtOf(query.after), deadlineMs);
      if (!afterCode)
        return jsonError(
          400,
          "invalid_parameter",
          "after: no code has this id (it may have expired and been deleted); pass since instead",
        );
      receivedAfter = laterOf(receivedAfter, afterCode);
    }
    return {
      whose: query.whose,
      channels: query.channels,
      types: query.types,
      ...(receivedAfter ? { receivedAfter } : {}),
    };
  }

  /** Resolves with the first live code the listener sees, or undefined when the wait ends. */
  function waitForCode(filter: CodeFilter, waitMs: number, signal: AbortSignal) {
    return new Promise<FoundCode | undefined>((resolve, reject) => {
      let firstSnapshot = false;
      let stop = () => {};
      const timers: NodeJS.Timeout[] = [];
      let done = false;
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        for (const timer of timers) clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        stop();
        settle();
      };
      const onAbort = () => finish(() => resolve(undefined));
      signal.addEventListener("abort", onAbort);
      // A listener that never delivers its first snapshot means Firestore is
      // unreachable: say so rather than answer "nothing arrived". A wait that
      // ends before the first snapshot still answers from it.
      let waitOver = false;
      timers.push(
        setTimeout(() => {
          if (!firstSnapshot)
            finish(() => reject(new Error(`Firestore did not answer within ${deadlineMs} ms`)));
        }, deadlineMs),
        setTimeout(() => {
          waitOver = true;
          if (firstSnapshot) finish(() => resolve(undefined));
        }, waitMs),
      );
      const unsubscribe = deps.finder.watch(
        filter,
        (codes) => {
          firstSnapshot = true;
          const live = newestLive(codes, now());
          if (live || waitOver) finish(() => resolve(live));
        },
        (error) => finish(() => reject(error)),
      );
      // The listener may have answered before watch() returned.
      if (done) unsubscribe();
      else stop = unsubscribe;
      if (signal.aborted) onAbort();
    });
  }

  /**
   * channel=authenticator: the user's code computed from their secret, held
   * (at most minValidSeconds) until one is current that lives long enough.
   * The secret never leaves this function; neither it nor who was asked for
   * is logged.
   */
  async function answerAuthenticator(
    query: AuthenticatorQuery,
    req: ApiRequest,
    res: ApiResponse,
    started: number,
  ) {
    let record: Awaited<ReturnType<AuthenticatorReader["one"]>>;
    try {
      record = await withDeadline(
        deps.authenticators.one(authenticatorKeyFor(query.user)),
        deadlineMs,
      );
    } catch (error) {
      return unavailable(res, req.method, error);
    }
    if (!record)
      return refuse(
        res,
        jsonError(
          404,
          "no_authenticator",
          "user: the inbox holds no authenticator for this user; add one with npm run authenticator:add (docs/codes-api.md).",
        ),
        req.method,
      );
    const key = keyOf(record);
    if (!key)
      return refuse(
        res,
        jsonError(
          404,
          "no_authenticator",
          "user: this user's stored authenticator is not a valid secret; add it again with npm run authenticator:add -- --replace.",
        ),
        req.method,
      );
    const askedAt = now();
    const hold = holdBeforeAnswerMs(askedAt, query.minValidSeconds);
    if (hold > 0) await sleep(hold, req.signal);
    if (req.signal.aborted) return;
    // A timer may fire a moment early by the clock: never answer from before the step it waited for.
    const answerAt = Math.max(now(), askedAt + hold);
    res.set("Cache-Control", "no-store");
    deps.log("codes api answered", { status: 200, channel: "authenticator", ms: now() - started });
    res.status(200).json(authenticatorCodeAnswer(record.label, key, answerAt));
  }

  return async (req: ApiRequest, res: ApiResponse): Promise<void> => {
    const started = now();
    if (req.method !== "GET" && req.method !== "HEAD") {
      return refuse(
        res,
        jsonError(405, "method_not_allowed", `${req.method} is not allowed; use GET.`, {
          Allow: "GET, HEAD",
        }),
        req.method,
      );
    }
    if (!ACCEPTED_PATHS.has(req.path)) {
      return refuse(
        res,
        jsonError(404, "not_found", `No such endpoint; use GET ${CODES_API_PATH}.`),
        req.method,
      );
    }
    const refused = checkReadToken(req.header("authorization"), deps.tokens());
    if (refused) return refuse(res, refused, req.method);

    const parsed = parseCodeQuery(req.query);
    if (!parsed.ok) return refuse(res, parsed.error, req.method);
    if (parsed.authenticator) return answerAuthenticator(parsed.authenticator, req, res, started);
    const { query } = parsed;

    const maxWaits = deps.maxConcurrentWaits();
    if (query.waitSeconds > 0 && waiting >= maxWaits) {
      return refuse(
        res,
        jsonError(503, "busy", `This instance already holds ${maxWaits} waits.`, {
          ...retryAfter(CODES_API_RETRY_AFTER.busy),
        }),
        req.method,
      );
    }
    if (query.waitSeconds > 0) waiting += 1;
    try {
      const filter = await filterFor(query);
      if ("status" in filter) return refuse(res, filter, req.method);
      const code =
        query.waitSeconds === 0
          ? newestLive(await withDeadline(deps.finder.newest(filter), deadlineMs), now())
          : await waitForCode(filter, query.waitSeconds * 1000, req.signal);
      if (req.signal.aborted) return;
      answer(res, code, started);
    } catch (error) {
      unavailable(res, req.method, error);
    } finally {
      if (query.waitSeconds > 0) waiting -= 1;
    }
  };
}

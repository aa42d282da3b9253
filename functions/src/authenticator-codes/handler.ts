// GET /api/authenticator/codes: every demo user's current and next
// authenticator code, for the inbox page's cards (and machines with a read
// token). Who may ask is decided as firestore.rules decides who may read
// codes, on every request: the allow-list and public mode are read each time,
// so someone taken off the list gets no further code from that moment.
// Dependencies are injected, as in the webhook and the codes API.
import { type AccessState, mayReadCodes, type SignInClaims } from "../access/allow-list.js";
import { authenticatorCodesAnswer } from "../authenticator/answers.js";
import type { AuthenticatorReader } from "../authenticator/authenticator-reader.js";
import { acceptedReadTokens } from "../codes-api/handler.js";
import {
  AUTHENTICATOR_CODES_PATH,
  type AuthenticatorCodesErrorCode,
} from "../contract/authenticator.js";
import { CODES_API_RETRY_AFTER } from "../contract/codes-api.js";
import { TIMING } from "../contract/notification.js";
import { bearerToken, matchesAny } from "../http/bearer-token.js";
import { errorBody, type JsonError, jsonError } from "../http/json-error.js";

export interface AuthenticatorCodesRequest {
  method: string;
  /** /api/authenticator/codes behind Hosting, / at the function's own URL. */
  path: string;
  query: URLSearchParams;
  header(name: string): string | undefined;
}

export interface AuthenticatorCodesResponse {
  status(code: number): AuthenticatorCodesResponse;
  set(name: string, value: string): AuthenticatorCodesResponse;
  json(body: unknown): void;
}

export interface AuthenticatorCodesDeps {
  /** The codes API's read token(s), comma-separated: machines may ask too. */
  tokens(): string;
  /** A verified Firebase ID token's claims; rejects an invalid, expired or revoked one. */
  verifyIdToken(idToken: string): Promise<SignInClaims>;
  /** config/access and config/public as stored now (never cached). */
  accessState(): Promise<AccessState>;
  authenticators: AuthenticatorReader;
  /** Never receives a token, an email, a secret or a code. */
  log(message: string, fields: Record<string, unknown>): void;
  deadlineMs?: number;
  now?: () => number;
}

type Refusal = JsonError<AuthenticatorCodesErrorCode>;

const ACCEPTED_PATHS = new Set(["/", AUTHENTICATOR_CODES_PATH]);

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** How the caller was let in, for the log (never who they are). */
type Admitted = "read-token" | "public-mode" | "allow-list";

export function createAuthenticatorCodesHandler(deps: AuthenticatorCodesDeps) {
  const now = deps.now ?? Date.now;
  const deadlineMs = deps.deadlineMs ?? TIMING.storeDeadlineMs;

  const send = (res: AuthenticatorCodesResponse, status: number, body: unknown) => {
    // Codes change every 30 s and belong to whoever asked: never cached, by
    // a browser or a proxy, nor shared between callers.
    res.set("Cache-Control", "no-store").set("Vary", "Authorization").status(status).json(body);
  };
  const refuse = (res: AuthenticatorCodesResponse, error: Refusal) => {
    for (const [name, value] of Object.entries(error.headers ?? {})) res.set(name, value);
    deps.log("authenticator codes refused a request", { status: error.status, error: error.code });
    send(res, error.status, errorBody(error));
  };
  const unavailable = (error: unknown): Refusal => {
    deps.log("authenticator codes could not read Firestore", {
      error: error instanceof Error ? error.message : String(error),
    });
    return jsonError(
      503,
      "unavailable",
      "The inbox could not read its data right now; retry shortly.",
      {
        "Retry-After": String(CODES_API_RETRY_AFTER.unavailable),
      },
    );
  };

  /** Who may have the codes: a read token, public mode, or a signed-in reader on the allow-list. */
  async function admit(req: AuthenticatorCodesRequest): Promise<Admitted | Refusal> {
    const bearer = bearerToken(req.header("authorization"));
    if (bearer && matchesAny(bearer, acceptedReadTokens(deps.tokens()))) return "read-token";
    let state: AccessState;
    try {
      state = await withDeadline(deps.accessState(), deadlineMs);
    } catch (error) {
      return unavailable(error);
    }
    if (mayReadCodes(state, undefined)) return "public-mode";
    if (!bearer)
      return jsonError(
        401,
        "unauthorized",
        "Sign in: send Authorization: Bearer <Firebase ID token> (or a codes API read token).",
      );
    let claims: SignInClaims;
    try {
      claims = await withDeadline(deps.verifyIdToken(bearer), deadlineMs);
    } catch {
      return jsonError(
        401,
        "unauthorized",
        "The bearer token is neither a read token nor a valid Firebase ID token (expired? sign in again).",
      );
    }
    if (!mayReadCodes(state, claims))
      return jsonError(
        403,
        "forbidden",
        "This account may not read codes: its verified email is not on the inbox's allow-list.",
      );
    return "allow-list";
  }

  return async (req: AuthenticatorCodesRequest, res: AuthenticatorCodesResponse): Promise<void> => {
    const started = now();
    if (req.method !== "GET" && req.method !== "HEAD")
      return refuse(
        res,
        jsonError(405, "method_not_allowed", `${req.method} is not allowed; use GET.`, {
          Allow: "GET, HEAD",
        }),
      );
    if (!ACCEPTED_PATHS.has(req.path))
      return refuse(
        res,
        jsonError(404, "not_found", `No such endpoint; use GET ${AUTHENTICATOR_CODES_PATH}.`),
      );
    const [parameter] = [...req.query.keys()];
    if (parameter !== undefined)
      return refuse(
        res,
        jsonError(
          400,
          "invalid_parameter",
          `${parameter.slice(0, 40)}: this endpoint takes no parameters.`,
        ),
      );

    const admitted = await admit(req);
    if (typeof admitted !== "string") return refuse(res, admitted);

    let records: Awaited<ReturnType<AuthenticatorReader["all"]>>;
    try {
      records = await withDeadline(deps.authenticators.all(), deadlineMs);
    } catch (error) {
      return refuse(res, unavailable(error));
    }
    const { answer, skipped } = authenticatorCodesAnswer(records, now());
    deps.log("authenticator codes answered", {
      status: 200,
      admitted,
      people: answer.people.length,
      ...(skipped > 0 ? { unreadableSecrets: skipped } : {}),
      ms: now() - started,
    });
    send(res, 200, answer);
  };
}

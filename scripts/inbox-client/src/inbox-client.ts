// Waits for a one-time code, or an email's link, through the inbox's codes
// API (GET /api/codes/latest), for automated login tests. Dependency-free and fetch
// only, so it runs in Node 18+, Playwright, a Cypress task and browsers alike;
// `npm run build -w @sms-inbox/inbox-client` writes it as one file to dist/.
// From the contract only types and codes-api.ts' constants: email.ts' values
// would bundle zod into a file that must stay dependency-free.
import type { Channel } from "functions/contract/channel";
import {
  AUTHENTICATOR_CHANNEL,
  type AuthenticatorCodeAnswer,
  CODES_API_LIMITS,
  CODES_API_PATH,
  type CodesApiErrorCode,
  type LatestCodeAnswer,
} from "functions/contract/codes-api";
import type { EmailLink, EmailMessageType } from "functions/contract/email";
import type { StoredMessageType } from "functions/contract/firestore-schema";
import type { MessageType } from "functions/contract/notification";

export type {
  AuthenticatorCodeAnswer,
  Channel,
  EmailLink,
  EmailMessageType,
  LatestCodeAnswer,
  MessageType,
};

/** A phone message type, a documented email type, or any other email type (passwordless'). */
export type AnyMessageType = StoredMessageType;

export interface InboxConnection {
  /** The inbox's URL (its Hosting origin), or the codes function's own URL. */
  baseUrl: string;
  /** One of the inbox's OTP_READ_TOKEN values. */
  token: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Whose code: a demo user's email or label, or an E.164 number. Exactly one. */
export type CodeFor = { user: string; recipient?: never } | { recipient: string; user?: never };

export type LatestCodeOptions = InboxConnection &
  CodeFor & {
    /** Only codes received after this code (an id from an earlier answer). */
    after?: string;
    /** Only codes received after this instant. */
    since?: Date | number | string;
    /**
     * sms, voice or email. Without it the API answers phone codes only (sms and
     * voice), as before emails existed: an SMS login test never gets an email.
     */
    channel?: Channel;
    /**
     * Message types to accept. Default: otp_verify and otp_enroll for phone
     * codes, every type for email. Email types (verify_email, mfa_oob_code …,
     * or passwordless' undocumented one) need `channel: "email"`.
     */
    type?: AnyMessageType | AnyMessageType[];
  };

export type WaitForCodeOptions = LatestCodeOptions & {
  /** How long to wait in all (default 30 s); longer than one request may hold, it asks again. */
  timeoutMs?: number;
  signal?: AbortSignal;
};

/** The API refused the request: a bad token (401), a bad parameter (400), the API off (404). */
export class InboxApiError extends Error {
  override name = "InboxApiError";
  constructor(
    readonly status: number,
    readonly code: CodesApiErrorCode | "unexpected_answer",
    message: string,
  ) {
    super(message);
  }
}

/** No matching code arrived within the timeout. */
export class CodeTimeoutError extends Error {
  override name = "CodeTimeoutError";
}

function endpoint(baseUrl: string): URL {
  const url = new URL(baseUrl);
  // The function's own URL serves the API at its root; an inbox URL at CODES_API_PATH.
  const isFunctionUrl =
    /\.(cloudfunctions\.net|run\.app)$/.test(url.hostname) && url.pathname !== "/";
  if (!isFunctionUrl && !url.pathname.endsWith(CODES_API_PATH)) {
    url.pathname = `${url.pathname.replace(/\/$/, "")}${CODES_API_PATH}`;
  }
  return url;
}

function queryFor(options: LatestCodeOptions, waitSeconds: number): URLSearchParams {
  const query = new URLSearchParams();
  if (options.user !== undefined) query.set("user", options.user);
  if (options.recipient !== undefined) query.set("recipient", options.recipient);
  if (options.after !== undefined) query.set("after", options.after);
  if (options.since !== undefined) {
    const since = options.since instanceof Date ? options.since.getTime() : options.since;
    query.set("since", String(since));
  }
  if (options.channel !== undefined) query.set("channel", options.channel);
  if (options.type !== undefined)
    query.set("type", (Array.isArray(options.type) ? options.type : [options.type]).join(","));
  if (waitSeconds > 0) query.set("wait", String(waitSeconds));
  return query;
}

type Asked = { code: LatestCodeAnswer } | { none: true; retryAfterMs: number };

async function ask(
  options: LatestCodeOptions,
  waitSeconds: number,
  signal?: AbortSignal,
): Promise<Asked> {
  const url = endpoint(options.baseUrl);
  url.search = queryFor(options, waitSeconds).toString();
  const response = await (options.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${options.token}` },
    ...(signal ? { signal } : {}),
  });
  const retryAfterMs = Number(response.headers.get("retry-after") ?? "1") * 1000;
  if (response.status === 200) return { code: (await response.json()) as LatestCodeAnswer };
  if (response.status === 204) return { none: true, retryAfterMs: 0 };
  const text = await response.text();
  let error: { code?: CodesApiErrorCode; message?: string } = {};
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
  } catch {
    // Not our JSON error: a proxy or a wrong URL answered.
  }
  if (response.status === 503 || response.status === 429)
    return { none: true, retryAfterMs: Number.isFinite(retryAfterMs) ? retryAfterMs : 1000 };
  throw new InboxApiError(
    response.status,
    error.code ?? "unexpected_answer",
    error.message ??
      `${url.origin}${url.pathname} answered ${response.status}: is this the inbox's URL?`,
  );
}

/** The newest matching code that has not expired, or undefined. */
export async function latestCode(
  options: LatestCodeOptions,
): Promise<LatestCodeAnswer | undefined> {
  const asked = await ask(options, 0);
  return "code" in asked ? asked.code : undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Resolves with the first matching code; the server holds each request until
 * one arrives (up to 30 s), so the code comes within milliseconds of its
 * delivery. Pass `after` (the id of the code seen before the login began) or
 * `since` so a code from an earlier run never answers. With `channel:
 * "email"` the answer also has the email's `subject`, `links` and main `link`
 * (its `code` is "" when it carries none). Throws
 * CodeTimeoutError when nothing arrives in time, InboxApiError when refused.
 */
export async function waitForCode(options: WaitForCodeOptions): Promise<LatestCodeAnswer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (options.signal?.aborted) throw new CodeTimeoutError("Waiting for a code was aborted.");
    const remainingMs = deadline - Date.now();
    const waitSeconds = Math.min(CODES_API_LIMITS.maxWaitSeconds, Math.floor(remainingMs / 1000));
    let asked: Asked;
    try {
      asked = await ask(options, Math.max(waitSeconds, 0), options.signal);
    } catch (error) {
      if (error instanceof InboxApiError || options.signal?.aborted) throw error;
      // A dropped connection (a restarting instance): ask again while time remains.
      asked = { none: true, retryAfterMs: 500 };
    }
    if ("code" in asked) return asked.code;
    const left = deadline - Date.now();
    if (left <= 0 || (waitSeconds <= 0 && left < 1000 && asked.retryAfterMs === 0)) {
      const whose = options.user ?? options.recipient;
      const what = options.channel === "email" ? "email" : "code";
      throw new CodeTimeoutError(
        `No ${what} for ${whose} arrived within ${(timeoutMs / 1000).toFixed(0)} s.`,
      );
    }
    await sleep(Math.min(asked.retryAfterMs, left), options.signal);
  }
}

export type AuthenticatorCodeOptions = InboxConnection & {
  /** The demo user's email, or the label their authenticator was added under. */
  user: string;
  /**
   * The code answered stays current at least this many seconds (0–25, the
   * server's default 5): when the current one would die sooner, the server
   * holds the request until the next one begins.
   */
  minValidSeconds?: number;
  /** How long to keep asking while the inbox is busy or unreachable (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
};

/**
 * A demo user's current authenticator (TOTP) code, computed by the inbox from
 * the secret it holds (`channel=authenticator`): no waiting for a delivery,
 * the answer comes at once (or within minValidSeconds). Throws InboxApiError
 * when refused: 404 `no_authenticator` when the inbox holds none for the user.
 */
export async function authenticatorCode(
  options: AuthenticatorCodeOptions,
): Promise<AuthenticatorCodeAnswer> {
  const url = endpoint(options.baseUrl);
  const query = new URLSearchParams({ user: options.user, channel: AUTHENTICATOR_CHANNEL });
  if (options.minValidSeconds !== undefined)
    query.set("minValidSeconds", String(options.minValidSeconds));
  url.search = query.toString();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (options.signal?.aborted)
      throw new CodeTimeoutError("Asking for an authenticator code was aborted.");
    let response: Response | undefined;
    try {
      response = await (options.fetch ?? fetch)(url, {
        headers: { authorization: `Bearer ${options.token}` },
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      // A dropped connection (a restarting instance): ask again while time remains.
      if (options.signal?.aborted) throw error;
    }
    if (response?.status === 200) return (await response.json()) as AuthenticatorCodeAnswer;
    const retryable = !response || response.status === 503 || response.status === 429;
    if (response && !retryable) {
      const text = await response.text();
      let error: { code?: CodesApiErrorCode; message?: string } = {};
      try {
        error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
      } catch {
        // Not our JSON error: a proxy or a wrong URL answered.
      }
      throw new InboxApiError(
        response.status,
        error.code ?? "unexpected_answer",
        error.message ??
          `${url.origin}${url.pathname} answered ${response.status}: is this the inbox's URL?`,
      );
    }
    const left = deadline - Date.now();
    if (left <= 0)
      throw new CodeTimeoutError(
        `The inbox did not answer with an authenticator code for ${options.user} in time.`,
      );
    const retryAfterMs = Number(response?.headers.get("retry-after") ?? "1") * 1000;
    await sleep(
      Math.min(Number.isFinite(retryAfterMs) ? retryAfterMs : 1000, left),
      options.signal,
    );
  }
}

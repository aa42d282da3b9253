// The webhook's request flow. Dependencies are injected so the same code runs
// in the deployed function, the emulator and unit tests.
import { TIMING } from "../contract/notification.js";
import { REFUSALS } from "../contract/refusals.js";
import { checkBearer } from "./bearer-auth.js";
import type { CodeStore, StoreResult } from "./code-store.js";
import { errorBody, type WebhookError, webhookError } from "./errors.js";
import {
  checkMethod,
  type IncomingRequest,
  isEmailPayload,
  type ParsedNotification,
  parseNotification,
} from "./parse-request.js";
import { readEmail } from "./read-email.js";
import { describeRefusal, isRecordedRefusal, refusalLimiter } from "./refusal.js";
import type { RefusalLog } from "./refusal-log.js";

export interface OutgoingResponse {
  status(code: number): OutgoingResponse;
  set(name: string, value: string): OutgoingResponse;
  json(body: unknown): void;
}

export interface WebhookDeps {
  /** The configured secret(s), read per request (secrets are only available then). */
  secrets(): string;
  retentionMinutes(): number;
  store: CodeStore;
  /** Structured log line; never receives the code, the token or the secret. */
  log(message: string, fields: Record<string, unknown>): void;
  /** How long Firestore may take before the sender is told to retry. */
  storeDeadlineMs?: number;
  /** Where refused deliveries are recorded, so the page can say why no code shows. */
  refusals?: RefusalLog;
  /** The clock of the refusals' per-minute limit. */
  now?: () => number;
}

/** Recording a refusal never holds the answer back for long, nor changes it. */
const REFUSAL_DEADLINE_MS = 1_500;

const RETRY_AFTER_SECONDS = "5";

/**
 * Rejects when `promise` takes longer than `ms`. The write may still land
 * afterwards; the sender's retry then carries the same Idempotency-Key and is
 * answered with that document's id instead of storing a second one.
 */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`Firestore did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export function createWebhookHandler(deps: WebhookDeps) {
  const send = (res: OutgoingResponse, status: number, body: unknown) => {
    res.set("Cache-Control", "no-store").status(status).json(body);
  };
  const admit = refusalLimiter(REFUSALS.recordedPerMinute);
  const now = deps.now ?? Date.now;

  const recordRefusal = async (error: WebhookError, req: IncomingRequest) => {
    if (!deps.refusals || !isRecordedRefusal(error)) return;
    const admission = admit(now());
    if (admission === "drop") return;
    try {
      await withDeadline(
        deps.refusals.record(describeRefusal(error, req.rawBody), {
          limitReached: admission === "record-last",
        }),
        REFUSAL_DEADLINE_MS,
      );
    } catch (failure) {
      deps.log("otp webhook could not record a refusal", {
        error: failure instanceof Error ? failure.message : String(failure),
      });
    }
  };

  const reject = async (res: OutgoingResponse, error: WebhookError, req: IncomingRequest) => {
    // Before answering: an instance may get no CPU once its answer has gone.
    await recordRefusal(error, req);
    for (const [name, value] of Object.entries(error.headers ?? {})) res.set(name, value);
    deps.log("otp webhook rejected a request", {
      status: error.status,
      error: error.code,
      field: error.field,
      method: req.method,
    });
    send(res, error.status, errorBody(error));
  };

  return async (req: IncomingRequest, res: OutgoingResponse): Promise<void> => {
    const refused =
      checkMethod(req.method) ?? checkBearer(req.header("authorization"), deps.secrets());
    if (refused) return reject(res, refused, req);

    const parsed = parseNotification(req);
    if (!parsed.ok) return reject(res, parsed.error, req);

    const write = planWrite(parsed.value, deps.store, deps.retentionMinutes());
    if (!write.ok) return reject(res, write.error, req);
    try {
      const { id, created } = await withDeadline(
        write.store(),
        deps.storeDeadlineMs ?? TIMING.storeDeadlineMs,
      );
      deps.log("otp webhook stored a notification", { id, created, ...write.logFields });
      send(res, created ? 201 : 200, { id });
    } catch (error) {
      deps.log("otp webhook could not write to Firestore", {
        error: error instanceof Error ? error.message : String(error),
      });
      const unavailable = webhookError(
        503,
        "unavailable",
        "The inbox could not store the code right now; retry shortly.",
        { headers: { "Retry-After": RETRY_AFTER_SECONDS } },
      );
      await reject(res, unavailable, req);
    }
  };
}

type PlannedWrite =
  | { ok: true; store: () => Promise<StoreResult>; logFields: Record<string, unknown> }
  | { ok: false; error: WebhookError };

/**
 * What a valid notification stores, and what its log line may say of it: the
 * type and channel, for an email whether a code and how many links were found,
 * never the code, a link or the HTML. An email whose HTML cannot be read is
 * refused here, before any I/O.
 */
function planWrite(
  { payload, idempotencyKey }: ParsedNotification,
  store: CodeStore,
  retentionMinutes: number,
): PlannedWrite {
  if (!isEmailPayload(payload)) {
    return {
      ok: true,
      store: () => store.store(payload, idempotencyKey, retentionMinutes),
      logFields: {
        messageType: payload.messageType,
        deliveryMethod: payload.deliveryMethod,
        ...(payload.probe ? { probe: true } : {}),
      },
    };
  }
  const email = readEmail(payload);
  if (!email.ok) return email;
  return {
    ok: true,
    store: () => store.storeEmail(email.value, idempotencyKey, retentionMinutes),
    logFields: {
      messageType: payload.messageType,
      deliveryMethod: "email",
      codeFound: email.value.extraction.code !== null,
      links: email.value.extraction.links.length,
    },
  };
}

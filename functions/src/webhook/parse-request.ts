// Turns an HTTP request into a validated payload or a WebhookError, without I/O.
import type { z } from "zod";
import { IDEMPOTENCY_HEADER, LIMITS } from "../contract/notification.js";
import {
  idempotencyKeySchema,
  type OtpWebhookPayload,
  otpWebhookPayloadSchema,
} from "../contract/webhook-payload.js";
import { type WebhookError, webhookError } from "./errors.js";

export interface IncomingRequest {
  method: string;
  header(name: string): string | undefined;
  /** The exact bytes received; the platform keeps them beside its parsed body. */
  rawBody: Buffer | undefined;
}

export interface ParsedNotification {
  payload: OtpWebhookPayload;
  idempotencyKey: string | undefined;
}

export type ParseResult =
  | { ok: true; value: ParsedNotification }
  | { ok: false; error: WebhookError };

const fail = (error: WebhookError): ParseResult => ({ ok: false, error });

export function checkMethod(method: string): WebhookError | undefined {
  if (method === "POST") return undefined;
  return webhookError(405, "method_not_allowed", `${method} is not allowed; use POST.`, {
    headers: { Allow: "POST" },
  });
}

const isJsonContentType = (value: string | undefined): boolean =>
  (value ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";

const issueField = (issue: z.core.$ZodIssue): string =>
  issue.path.length > 0 ? issue.path.map(String).join(".") : "body";

/** "recipient: must be …; code: must be …", naming every invalid field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issueField(issue)}: ${issue.message}`).join("; ");
}

/** Content type, size, JSON and schema checks, in the order a sender fixes them. */
export function parseNotification(request: IncomingRequest): ParseResult {
  if (!isJsonContentType(request.header("content-type"))) {
    return fail(
      webhookError(
        415,
        "unsupported_media_type",
        "Send the body as Content-Type: application/json.",
        { field: "Content-Type" },
      ),
    );
  }
  const declaredLength = Number(request.header("content-length") ?? 0);
  const body = request.rawBody ?? Buffer.alloc(0);
  if (declaredLength > LIMITS.maxBodyBytes || body.length > LIMITS.maxBodyBytes) {
    return fail(
      webhookError(
        413,
        "payload_too_large",
        `The body is larger than ${LIMITS.maxBodyBytes} bytes.`,
        { field: "body" },
      ),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return fail(
      webhookError(400, "malformed_json", "The body is not valid JSON.", { field: "body" }),
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(
      webhookError(400, "invalid_request", "body: must be a JSON object", { field: "body" }),
    );
  }
  const parsed = otpWebhookPayloadSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail(
      webhookError(400, "invalid_request", describeIssues(parsed.error.issues), {
        field: first ? issueField(first) : "body",
      }),
    );
  }
  const rawKey = request.header(IDEMPOTENCY_HEADER);
  let idempotencyKey: string | undefined;
  if (rawKey !== undefined) {
    const key = idempotencyKeySchema.safeParse(rawKey);
    if (!key.success) {
      return fail(
        webhookError(
          400,
          "invalid_request",
          `${IDEMPOTENCY_HEADER}: ${key.error.issues.map((issue) => issue.message).join("; ")}`,
          { field: IDEMPOTENCY_HEADER },
        ),
      );
    }
    idempotencyKey = key.data;
  }
  return { ok: true, value: { payload: parsed.data, idempotencyKey } };
}

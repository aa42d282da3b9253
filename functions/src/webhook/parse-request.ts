// Turns an HTTP request into a validated payload or a WebhookError, without I/O.
import type { z } from "zod";
import { IDEMPOTENCY_HEADER, LIMITS } from "../contract/notification.js";
import {
  type EmailWebhookPayload,
  emailWebhookPayloadSchema,
  idempotencyKeySchema,
  isEmailBody,
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
  /** A phone code (SMS or voice), or an email (`channel: "email"`): see isEmailPayload. */
  payload: OtpWebhookPayload | EmailWebhookPayload;
  idempotencyKey: string | undefined;
}

/** The email Action's payload names its channel; the phone payloads never do. */
export const isEmailPayload = (
  payload: OtpWebhookPayload | EmailWebhookPayload,
): payload is EmailWebhookPayload => "channel" in payload && payload.channel === "email";

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

const NOT_JSON = Symbol("not JSON");

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return NOT_JSON;
  }
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
  // Two limits: a body over an email's is refused unread; one over a phone
  // payload's is parsed only to learn whether it is an email (the channel is
  // inside the JSON), and refused with the phone limit when it is not.
  if (declaredLength > LIMITS.maxEmailBodyBytes || body.length > LIMITS.maxEmailBodyBytes) {
    return fail(
      webhookError(
        413,
        "payload_too_large",
        `The body is larger than ${LIMITS.maxEmailBodyBytes} bytes, an email's limit ` +
          `(a phone code's is ${LIMITS.maxBodyBytes}).`,
        { field: "body" },
      ),
    );
  }
  const json = parseJson(body);
  const phoneSized = declaredLength <= LIMITS.maxBodyBytes && body.length <= LIMITS.maxBodyBytes;
  if (!phoneSized && !isEmailBody(json)) {
    return fail(
      webhookError(
        413,
        "payload_too_large",
        `The body is larger than ${LIMITS.maxBodyBytes} bytes, a phone code's limit ` +
          `(only an email, "channel": "email", may be up to ${LIMITS.maxEmailBodyBytes}).`,
        { field: "body" },
      ),
    );
  }
  if (json === NOT_JSON) {
    return fail(
      webhookError(400, "malformed_json", "The body is not valid JSON.", { field: "body" }),
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(
      webhookError(400, "invalid_request", "body: must be a JSON object", { field: "body" }),
    );
  }
  const parsed = isEmailBody(json)
    ? emailWebhookPayloadSchema.safeParse(json)
    : otpWebhookPayloadSchema.safeParse(json);
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

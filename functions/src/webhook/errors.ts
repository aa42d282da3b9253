// Every failure the webhook can answer with, in the shape all our functions
// share, plus the field at fault for the refusal trail.
import type { JsonError } from "../http/json-error.js";

export { errorBody } from "../http/json-error.js";

export type WebhookErrorCode =
  | "method_not_allowed"
  | "unauthorized"
  | "not_configured"
  | "unsupported_media_type"
  | "payload_too_large"
  | "malformed_json"
  | "invalid_request"
  | "unavailable";

export interface WebhookError extends JsonError<WebhookErrorCode> {
  /** What the sender must fix: a payload field's path, "body", or a header's name. */
  field?: string;
}

export const webhookError = (
  status: number,
  code: WebhookErrorCode,
  message: string,
  extras: { field?: string; headers?: Record<string, string> } = {},
): WebhookError => ({ status, code, message, ...extras });

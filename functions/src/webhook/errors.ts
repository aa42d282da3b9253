// Every failure the webhook can answer with, in the shape all our functions share.
import { type JsonError, jsonError } from "../http/json-error.js";

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

export type WebhookError = JsonError<WebhookErrorCode>;

export const webhookError: (
  status: number,
  code: WebhookErrorCode,
  message: string,
  headers?: Record<string, string>,
) => WebhookError = jsonError;

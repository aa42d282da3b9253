// Every failure the webhook can answer with: status, a stable machine code, and
// a message that tells the sender what to fix.

export type WebhookErrorCode =
  | "method_not_allowed"
  | "unauthorized"
  | "not_configured"
  | "unsupported_media_type"
  | "payload_too_large"
  | "malformed_json"
  | "invalid_request"
  | "unavailable";

export interface WebhookError {
  status: number;
  code: WebhookErrorCode;
  message: string;
  /** What the sender must fix: a payload field's path, "body", or a header's name. */
  field?: string;
  headers?: Record<string, string>;
}

export const webhookError = (
  status: number,
  code: WebhookErrorCode,
  message: string,
  extras: { field?: string; headers?: Record<string, string> } = {},
): WebhookError => ({ status, code, message, ...extras });

export const errorBody = (error: WebhookError) => ({
  error: { code: error.code, message: error.message },
});

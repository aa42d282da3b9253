// What a delivery attempt means for Auth0: delivered, retry later, or drop for
// good with a reason that tells the tenant owner what to fix. Pure: the same
// rules serve the Action (api.notification.*) and `npm run send-code`.

import { networkFailure, type WebhookAnswer } from "./webhook-answer.js";

export type DeliveryOutcome =
  | { kind: "delivered"; status: number; id: string }
  | { kind: "retry"; reason: string; status?: number }
  | { kind: "drop"; reason: string; status?: number };

export type { WebhookAnswer };

/** Auth0 keeps reasons up to 1024 characters; ours stay well below. */
const MAX_REASON_CHARS = 500;

const RETRYABLE_STATUSES = new Set([408, 425, 429]);

function detail(answer: WebhookAnswer): string {
  const code = answer.errorCode ? ` ${answer.errorCode}` : "";
  const message = answer.errorMessage ? `: ${answer.errorMessage}` : "";
  return `HTTP ${answer.status}${code}${message}`;
}

export function outcomeForAnswer(answer: WebhookAnswer): DeliveryOutcome {
  const { status } = answer;
  const drop = (reason: string): DeliveryOutcome => ({ kind: "drop", reason, status });
  const retry = (reason: string): DeliveryOutcome => ({ kind: "retry", reason, status });

  if (status >= 200 && status < 300) {
    if (answer.id) return { kind: "delivered", status, id: answer.id };
    // Our webhook always answers {"id"}; a bare 200 is a web page (e.g. the site's
    // page at the site root, or any other site): the code went nowhere.
    return drop(
      `OTP_WEBHOOK_URL answered HTTP ${status} but not as the webhook does (no stored id): set the Action secret OTP_WEBHOOK_URL to https://<your Hosting site>/api/otp`,
    );
  }
  if (status >= 500 || RETRYABLE_STATUSES.has(status)) {
    return retry(`the webhook is unavailable (${detail(answer)}); Auth0 will retry`);
  }
  if (status >= 300 && status < 400) {
    const target = answer.location ? ` to ${answer.location}` : "";
    return drop(
      `OTP_WEBHOOK_URL redirects (HTTP ${status}${target}): set the Action secret OTP_WEBHOOK_URL to the final https URL of the webhook`,
    );
  }
  switch (status) {
    case 401:
    case 403:
      return drop(
        `the webhook refused the bearer token (${detail(answer)}): the Action secret OTP_WEBHOOK_SECRET differs from the function's OTP_WEBHOOK_SECRET; set both to the same value (npm run auth0:setup updates the Action)`,
      );
    case 404:
    case 405:
      return drop(
        `no webhook at OTP_WEBHOOK_URL (HTTP ${status}): set the Action secret OTP_WEBHOOK_URL to https://<your Hosting site>/api/otp`,
      );
    case 413:
      return drop(`the webhook refused the notification as too large (${detail(answer)})`);
    case 400:
    case 415:
    case 422:
      return drop(
        `the webhook rejected the notification (${detail(answer)}): deploy the Action and the function from the same version of this project`,
      );
    default:
      return drop(`the webhook refused the notification (${detail(answer)})`);
  }
}

/** A fetch that threw: timeouts and network failures are worth another try. */
export function outcomeForFailure(error: unknown, timeoutMs: number): DeliveryOutcome {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") {
    return {
      kind: "retry",
      reason: `the webhook did not answer within ${timeoutMs} ms; Auth0 will retry`,
    };
  }
  const cause = networkFailure(error);
  const why =
    cause.code || cause.message || (error instanceof Error ? error.message : String(error));
  return {
    kind: "retry",
    reason: `could not reach OTP_WEBHOOK_URL (${why}); Auth0 will retry`,
  };
}

/** Removes values that must never reach a log (the code, the secret) and bounds the length. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let safe = text;
  for (const value of secrets) {
    if (value && value.length >= 3) safe = safe.split(value).join("[redacted]");
  }
  return safe.length <= MAX_REASON_CHARS ? safe : `${safe.slice(0, MAX_REASON_CHARS - 1)}…`;
}

/** +61400000001 → +614•••••0001: enough to tell demo numbers apart in a log. */
export function maskRecipient(recipient: string): string {
  if (recipient.length <= 8) return recipient.replace(/\d(?=\d{2})/g, "•");
  return `${recipient.slice(0, 4)}${"•".repeat(recipient.length - 8)}${recipient.slice(-4)}`;
}

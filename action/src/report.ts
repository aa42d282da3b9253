// What both Actions tell Auth0 after an attempt: api.notification.retry or
// drop with a reason, and one short console line. Both end up in the tenant's
// logs, so everything the Action names as secret is redacted from both.
import type { NotificationApi } from "./auth0-event.js";
import { type DeliveryOutcome, redact } from "./outcome.js";

/** Auth0 keeps 256 characters of console output per Action: one short line. */
const MAX_LOG_CHARS = 250;

export interface OutcomeContext {
  /** What was sent to whom, already safe for a log, e.g. `otp_verify (text) for +614••••0001`. */
  what: string;
  /** Values that must appear in neither the reason nor the log line (secret, code, …). */
  never: readonly (string | undefined)[];
}

export function reportOutcome(
  outcome: DeliveryOutcome,
  { what, never }: OutcomeContext,
  api: NotificationApi,
  log: (line: string) => void = console.log,
): void {
  let line: string;
  switch (outcome.kind) {
    case "delivered":
      line = `SMS inbox: delivered ${what}, HTTP ${outcome.status}`;
      break;
    case "retry": {
      const reason = redact(outcome.reason, never);
      api.notification.retry(reason);
      line = `SMS inbox: will retry ${what}: ${reason}`;
      break;
    }
    case "drop": {
      const reason = redact(outcome.reason, never);
      api.notification.drop(reason);
      line = `SMS inbox: dropped ${what}: ${reason}`;
      break;
    }
  }
  log(redact(line, never).slice(0, MAX_LOG_CHARS));
}

/**
 * Runs one attempt; a bug must not lose the notification silently: retrying
 * costs nothing (the Idempotency-Key is stable), so a throw becomes a retry.
 */
export async function settle(attempt: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
  try {
    return await attempt();
  } catch (error) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: "retry", reason: `unexpected error in the Action (${name})` };
  }
}

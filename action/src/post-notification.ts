// One delivery attempt, the same for both Actions: read the Action secrets,
// post the mapped notification to the webhook within a time bound, and say
// what the answer means. Each Action brings only its mapping and its key.
import { IDEMPOTENCY_HEADER } from "functions/contract/notification";
import { type DeliveryOutcome, outcomeForAnswer, outcomeForFailure } from "./outcome.js";
import { readWebhookAnswer } from "./webhook-answer.js";
import { webhookTarget } from "./webhook-target.js";

/** What one Action hands over once it has mapped its event. */
export interface OutgoingNotification {
  /** The JSON body the webhook gets. */
  body: unknown;
  /** The Idempotency-Key for this notification, derived with the webhook secret. */
  idempotencyKey(secret: string): Promise<string>;
}

/** The mapped notification, or why the event cannot be sent (a drop, without a request). */
export type PreparedNotification =
  | { ok: true; notification: OutgoingNotification }
  | { ok: false; reason: string };

export interface DeliverOptions {
  fetch?: typeof fetch;
}

export async function postNotification(
  secrets: Record<string, string | undefined> | undefined,
  prepare: () => PreparedNotification,
  options: DeliverOptions = {},
): Promise<DeliveryOutcome> {
  const config = webhookTarget(secrets);
  if (!config.ok) return { kind: "drop", reason: config.reason };
  const prepared = prepare();
  if (!prepared.ok) return { kind: "drop", reason: prepared.reason };

  const { url, secret, timeoutMs } = config.target;
  const { body, idempotencyKey } = prepared.notification;
  return postOnce(
    { url, secret, timeoutMs, idempotencyKey: () => idempotencyKey(secret) },
    body,
    options.fetch,
  );
}

/**
 * The POST itself, bounded, answered with the Action's verdict; also what
 * `send-code` posts with, so it fails exactly as the Actions would.
 */
export async function postOnce(
  target: {
    url: string;
    secret: string;
    timeoutMs: number;
    idempotencyKey: () => Promise<string>;
  },
  body: unknown,
  doFetch: typeof fetch = fetch,
): Promise<DeliveryOutcome> {
  const { url, secret, timeoutMs } = target;
  try {
    const response = await doFetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${secret}`,
        [IDEMPOTENCY_HEADER]: await target.idempotencyKey(),
      },
      body: JSON.stringify(body),
      // A redirect is a configuration mistake to report, not to follow with the secret.
      redirect: "manual",
      // Bounds the whole exchange, body included.
      signal: AbortSignal.timeout(timeoutMs),
    });
    return outcomeForAnswer(await readWebhookAnswer(response));
  } catch (error) {
    return outcomeForFailure(error, timeoutMs);
  }
}

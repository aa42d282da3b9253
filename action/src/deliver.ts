// One delivery attempt of a phone notification: the phone mapping and key,
// posted by the attempt both Actions share (post-notification.ts).
import type { CustomPhoneProviderEvent } from "./auth0-event.js";
import type { DeliveryOutcome } from "./outcome.js";
import { type DeliverOptions, postNotification } from "./post-notification.js";
import { idempotencyKey, toWebhookBody } from "./webhook-request.js";

// Their home moved to the shared modules; send-code and the tests import them from here.
export type { DeliverOptions } from "./post-notification.js";
export { DEFAULT_TIMEOUT_MS, type WebhookTarget, webhookTarget } from "./webhook-target.js";

export async function deliver(
  event: CustomPhoneProviderEvent,
  options: DeliverOptions = {},
): Promise<DeliveryOutcome> {
  return postNotification(
    event.secrets,
    () => {
      const mapped = toWebhookBody(event);
      if (!mapped.ok) return mapped;
      return {
        ok: true,
        notification: {
          body: mapped.body,
          idempotencyKey: (secret) => idempotencyKey(event, secret),
        },
      };
    },
    options,
  );
}

// One delivery attempt of an email: the email mapping and key, posted by the
// attempt both Actions share (post-notification.ts).
import type { CustomEmailProviderEvent } from "./email-event.js";
import { emailIdempotencyKey, toEmailWebhookBody } from "./email-request.js";
import type { DeliveryOutcome } from "./outcome.js";
import { type DeliverOptions, postNotification } from "./post-notification.js";

export async function deliverEmail(
  event: CustomEmailProviderEvent,
  options: DeliverOptions = {},
): Promise<DeliveryOutcome> {
  return postNotification(
    event.secrets,
    () => {
      const mapped = toEmailWebhookBody(event);
      if (!mapped.ok) return mapped;
      return {
        ok: true,
        notification: {
          body: mapped.body,
          idempotencyKey: (secret) => emailIdempotencyKey(event, secret),
        },
      };
    },
    options,
  );
}

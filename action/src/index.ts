// Auth0 custom-phone-provider Action: hands every SMS or voice notification to
// the shared inbox's webhook instead of a carrier. Built into one CommonJS file
// (action/dist/custom-phone-provider.js) that `npm run auth0:setup` uploads.
import type { CustomPhoneProviderApi, CustomPhoneProviderEvent } from "./auth0-event.js";
import { SECRET_NAMES } from "./auth0-event.js";
import { deliver } from "./deliver.js";
import { type DeliveryOutcome, maskRecipient } from "./outcome.js";
import { reportOutcome, settle } from "./report.js";

export function applyOutcome(
  outcome: DeliveryOutcome,
  event: CustomPhoneProviderEvent,
  api: CustomPhoneProviderApi,
  log: (line: string) => void = console.log,
): void {
  const recipient =
    typeof event.notification?.recipient === "string"
      ? maskRecipient(event.notification.recipient)
      : "?";
  reportOutcome(
    outcome,
    {
      what: `${String(event.notification?.message_type)} (${String(event.notification?.delivery_method)}) for ${recipient}`,
      // Neither the code nor the secret may appear in anything Auth0 stores.
      never: [event.notification?.code, event.secrets?.[SECRET_NAMES.secret]],
    },
    api,
    log,
  );
}

export const onExecuteCustomPhoneProvider = async (
  event: CustomPhoneProviderEvent,
  api: CustomPhoneProviderApi,
): Promise<void> => {
  applyOutcome(await settle(() => deliver(event)), event, api);
};

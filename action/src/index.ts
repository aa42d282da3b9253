// Auth0 custom-phone-provider Action: hands every SMS or voice notification to
// the shared inbox's webhook instead of a carrier. Built into one CommonJS file
// (action/dist/custom-phone-provider.js) that `npm run auth0:setup` uploads.
import type { CustomPhoneProviderApi, CustomPhoneProviderEvent } from "./auth0-event.js";
import { SECRET_NAMES } from "./auth0-event.js";
import { deliver } from "./deliver.js";
import { type DeliveryOutcome, maskRecipient, redact } from "./outcome.js";

/** Auth0 keeps 256 characters of console output per Action: one short line. */
const MAX_LOG_CHARS = 250;

export function applyOutcome(
  outcome: DeliveryOutcome,
  event: CustomPhoneProviderEvent,
  api: CustomPhoneProviderApi,
  log: (line: string) => void = console.log,
): void {
  // Neither the code nor the secret may appear in anything Auth0 stores.
  const never = [event.notification?.code, event.secrets?.[SECRET_NAMES.secret]];
  const recipient =
    typeof event.notification?.recipient === "string"
      ? maskRecipient(event.notification.recipient)
      : "?";
  const what = `${String(event.notification?.message_type)} (${String(event.notification?.delivery_method)}) for ${recipient}`;
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

export const onExecuteCustomPhoneProvider = async (
  event: CustomPhoneProviderEvent,
  api: CustomPhoneProviderApi,
): Promise<void> => {
  let outcome: DeliveryOutcome;
  try {
    outcome = await deliver(event);
  } catch (error) {
    // A bug must not lose the code silently: retrying costs nothing (the key is stable).
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    outcome = { kind: "retry", reason: `unexpected error in the Action (${name})` };
  }
  applyOutcome(outcome, event, api);
};

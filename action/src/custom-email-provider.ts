// Auth0 custom-email-provider Action: hands every email of the tenant to the
// shared inbox's webhook instead of a mail server, with the same secrets,
// retry/drop rules and Idempotency-Key as the phone Action. Built into one
// CommonJS file (action/dist/custom-email-provider.js).
import { deliverEmail } from "./email-deliver.js";
import type { CustomEmailProviderApi, CustomEmailProviderEvent } from "./email-event.js";
import { emailOutcomeContext } from "./email-log.js";
import { reportOutcome, settle } from "./report.js";

export const onExecuteCustomEmailProvider = async (
  event: CustomEmailProviderEvent,
  api: CustomEmailProviderApi,
): Promise<void> => {
  const outcome = await settle(() => deliverEmail(event));
  reportOutcome(outcome, emailOutcomeContext(event), api);
};

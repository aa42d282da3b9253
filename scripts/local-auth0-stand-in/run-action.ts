// Runs the deployed Action for a test notification, as Auth0 would: the code
// as uploaded, the version's secrets, and an event for the test's number and
// method. The Action's own sample event and loader keep this in step with
// how the Action's tests run it.
import { sampleEvent } from "action/sample-event";
import { loadActionCode, recordingApi } from "action/testing/built-action";
import type { StoredAction, TestSend } from "./state.js";

type Deployed = Pick<NonNullable<StoredAction["deployed"]>, "code" | "secrets">;

export async function runDeployedAction(
  deployed: Deployed,
  send: Pick<TestSend, "to" | "delivery_method">,
): Promise<NonNullable<TestSend["outcome"]>> {
  const sample = sampleEvent({
    recipient: send.to,
    userId: "auth0|stand-in-test",
    userEmail: "test-sms@stand-in.example",
    userName: "Test send",
    clientId: "stand-in",
    clientName: "Management API test",
    tenant: "stand-in",
    secrets: Object.fromEntries(deployed.secrets.map((secret) => [secret.name, secret.value])),
  });
  // The method goes through as the provider has it; the sample's option knows only text and voice.
  const event = {
    ...sample,
    notification: { ...sample.notification, delivery_method: send.delivery_method },
  };
  const api = recordingApi();
  await loadActionCode(deployed.code).onExecuteCustomPhoneProvider(event, api);
  return { code: sample.notification.code ?? "", drops: api.drops, retries: api.retries };
}

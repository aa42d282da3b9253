// The test send's Action run: the deployed code gets an event for the test's
// number and method with the deployed version's secrets, and the outcome
// reports the code it was sent and what it told Auth0.
import { describe, expect, it } from "vitest";
import { runDeployedAction } from "./run-action.js";

// Echoes the event back through drop(), so the test can read what the Action saw.
const ECHO = `exports.onExecuteCustomPhoneProvider = async (event, api) => {
  api.notification.drop(JSON.stringify(event));
  api.notification.retry("again");
};`;

describe("running the deployed Action for a test send", () => {
  it("sends an OTP for the number and method, with the version's secrets", async () => {
    const secrets = [
      { name: "OTP_WEBHOOK_URL", value: "https://inbox.example.test/api/otp", updated_at: "t" },
      { name: "OTP_WEBHOOK_SECRET", value: "deployed-secret", updated_at: "t" },
    ];
    const outcome = await runDeployedAction(
      { code: ECHO, secrets },
      { to: "+61400000001", delivery_method: "voice" },
    );
    expect(outcome.code).toMatch(/^\d{6}$/);
    expect(outcome.retries).toEqual(["again"]);
    const event = JSON.parse(outcome.drops[0] ?? "{}") as {
      notification: Record<string, string>;
      tenant: unknown;
      secrets: unknown;
    };
    expect(event.notification).toMatchObject({
      recipient: "+61400000001",
      code: outcome.code,
      delivery_method: "voice",
      message_type: "otp_verify",
    });
    expect(event.notification.as_text).toContain(outcome.code);
    expect(event.tenant).toEqual({ id: "stand-in" });
    expect(event.secrets).toEqual({
      OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
      OTP_WEBHOOK_SECRET: "deployed-secret",
    });
  });
});

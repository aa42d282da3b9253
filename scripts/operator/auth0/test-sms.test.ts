import {
  type ManagementApiStandIn,
  startManagementApiStandIn,
} from "@sms-inbox/local-auth0-stand-in";
import { buildAction } from "action/build";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCaptured, standInEnv } from "../cli/run-command-for-test.js";
import { setupCommand } from "./setup.js";
import { testSmsCommand } from "./test-sms.js";

const testSms = testSmsCommand({ maxRetries: 1 });
let standIn: ManagementApiStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});
beforeAll(async () => {
  await buildAction();
});

describe("auth0:test-sms", () => {
  it("asks Auth0 to send a test through the custom provider", async () => {
    standIn = await startManagementApiStandIn();
    const setup = setupCommand({ pollDelaysMs: [5], maxRetries: 1 });
    expect((await runCaptured(setup, ["--skip-webhook-check"], standInEnv(standIn))).code).toBe(0);
    const run = await runCaptured(testSms, ["+61400000001"], standInEnv(standIn));
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(standIn.state.testSends).toEqual([{ to: "+61400000001", delivery_method: "text" }]);
    expect(run.out[0]).toMatch(/^✔ Auth0 accepted a test SMS to \+61400000001/);
  });

  it("says to run setup first when the tenant has no custom provider", async () => {
    standIn = await startManagementApiStandIn();
    const run = await runCaptured(testSms, ["+61400000001"], standInEnv(standIn));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      "✖ The tenant's phone provider is not configured, not our Action: run npm run auth0:setup first.",
    ]);
  });

  it("refuses a number that is not E.164, and voice when the provider only texts", async () => {
    standIn = await startManagementApiStandIn();
    const setup = setupCommand({ pollDelaysMs: [5], maxRetries: 1 });
    await runCaptured(setup, ["--skip-webhook-check"], standInEnv(standIn));
    const bad = await runCaptured(testSms, ["0400000001"], standInEnv(standIn));
    expect(bad.err[0]).toMatch(/"0400000001" is not an E\.164 number/);
    const voice = await runCaptured(testSms, ["+61400000001", "--voice"], standInEnv(standIn));
    expect(voice.err[0]).toMatch(/does not deliver by voice \(only text\)/);
    expect(standIn.state.testSends).toEqual([]);
  });
});

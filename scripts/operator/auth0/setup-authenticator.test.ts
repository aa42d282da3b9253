// `auth0:setup --authenticator` against the Management API stand-in: the OTP
// factor is turned on once (a second run changes nothing), the dry run only
// says so, and the run always says that MFA must still be required.
import { standInPerTest } from "@sms-inbox/local-auth0-stand-in/testing";
import { buildAction } from "action/build";
import { beforeAll, describe, expect, it } from "vitest";
import { runCaptured, standInEnv } from "../cli/run-command-for-test.js";
import { setupCommand } from "./setup.js";

const setup = setupCommand({ pollDelaysMs: [5], buildTimeoutMs: 5_000, maxRetries: 2 });
const AUTHENTICATOR = ["--authenticator", "--skip-webhook-check"];
const MFA_STILL_REQUIRED =
  /Auth0 asks for an authenticator code only where MFA is required.*setup does not\./;

const tenant = standInPerTest();

beforeAll(async () => {
  await buildAction();
});

const factorWrites = (requests: { method: string; path: string }[]) =>
  requests.filter(
    (request) =>
      request.method === "PUT" && /^\/api\/v2\/guardian\/factors\/[^/]+$/.test(request.path),
  );

describe("auth0:setup --authenticator", () => {
  it("turns the OTP factor on, and a second run changes nothing", async () => {
    const api = await tenant();
    const first = await runCaptured(setup, AUTHENTICATOR, standInEnv(api));
    expect(first.code, first.text).toBe(0);
    expect(api.state.factors.otp).toBe(true);
    expect(first.out).toContain("✔ enable the OTP factor (authenticator apps) for MFA");
    expect(first.out).toContainEqual(expect.stringMatching(MFA_STILL_REQUIRED));
    expect(first.out).toContain(
      "  npm run auth0:enrol -- --authenticator   # the demo users' numbers and authenticators",
    );
    expect(factorWrites(api.changes()).map((request) => request.path)).toEqual([
      "/api/v2/guardian/factors/sms",
      "/api/v2/guardian/factors/otp",
    ]);

    const changes = api.changes().length;
    const second = await runCaptured(setup, AUTHENTICATOR, standInEnv(api));
    expect(second.code, second.text).toBe(0);
    expect(api.changes()).toHaveLength(changes);
    expect(second.out).toContain("= the OTP factor (authenticator apps) is enabled");
    expect(second.out).toContain(
      "Nothing to change: the tenant already delivers codes to the inbox.",
    );
    expect(second.out).toContainEqual(expect.stringMatching(MFA_STILL_REQUIRED));
  });

  it("leaves the OTP factor alone without the flag", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, ["--skip-webhook-check"], standInEnv(api));
    expect(run.code, run.text).toBe(0);
    expect(api.state.factors.otp).toBe(false);
    expect(run.text).not.toMatch(/OTP factor|authenticator/);
  });

  it("only says what it would do on a dry run", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, [...AUTHENTICATOR, "--dry-run"], standInEnv(api));
    expect(run.code, run.text).toBe(0);
    expect(api.changes()).toEqual([]);
    expect(api.state.factors.otp).toBe(false);
    expect(run.out).toContain("  + enable the OTP factor (authenticator apps) for MFA");
  });
});

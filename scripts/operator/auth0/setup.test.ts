// `auth0:setup` against the Management API stand-in: the tenant state after
// one run and after a second, the dry run, take-overs, and Auth0's errors.
// (--email is in setup-email.test.ts; the stand-in's own rules in its workspace.)
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ALL_SCOPES } from "@sms-inbox/local-auth0-stand-in";
import { standInPerTest } from "@sms-inbox/local-auth0-stand-in/testing";
import { buildAction } from "action/build";
import { beforeAll, describe, expect, it } from "vitest";
import { runCaptured, standInEnv, WEBHOOK_SECRET } from "../cli/run-command-for-test.js";
import { actionCode, readActionBundle } from "./action-code.js";
import { setupCommand } from "./setup.js";

// Short polls keep the build wait quick; the schedule itself is not under test.
const setup = setupCommand({ pollDelaysMs: [5], buildTimeoutMs: 5_000, maxRetries: 2 });
const SKIP_CHECK = ["--skip-webhook-check"];

const tenant = standInPerTest();

beforeAll(async () => {
  await buildAction();
});

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe("auth0:setup on an empty tenant", () => {
  it("creates, deploys and binds the Action, and configures provider and factor", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);

    const expectedCode = actionCode(readActionBundle(), {
      url: "https://inbox.example.test/api/otp",
      secret: WEBHOOK_SECRET,
    });
    const { state } = api;
    expect(state.actions).toHaveLength(1);
    const [action] = state.actions;
    expect(action).toMatchObject({
      name: "SMS inbox: custom phone provider",
      supported_triggers: [{ id: "custom-phone-provider", version: "v1" }],
      runtime: "node22",
      code: expectedCode,
      dependencies: [],
      all_changes_deployed: true,
    });
    expect(action?.deployed?.code).toBe(expectedCode);
    expect(Object.fromEntries(action?.secrets.map((s) => [s.name, s.value]) ?? [])).toEqual({
      OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
      OTP_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    expect(state.bindings["custom-phone-provider"]).toEqual([action?.id]);
    expect(state.providers).toMatchObject([
      { name: "custom", disabled: false, configuration: { delivery_methods: ["text"] } },
    ]);
    expect(state.tenantSettings.phone_consolidated_experience).toBe(true);
    expect(state.factors.sms).toBe(true);
    expect(state.messageTypes).toEqual(["sms"]);
    // Guardian's selected-provider picks among Auth0's own MFA SMS providers;
    // under the tenant-level phone provider MFA codes go to the custom Action.
    expect(api.requests.some((request) => request.path.includes("selected-provider"))).toBe(false);

    expect(run.out).toContain("Done: 7 changes made (✔ above).");
    expect(run.text).toMatch(/npm run auth0:test-sms -- \+61400000001/);
  });

  it("changes nothing on a second run", async () => {
    const api = await tenant();
    expect((await runCaptured(setup, SKIP_CHECK, standInEnv(api))).code).toBe(0);
    const before = structuredClone(api.state);
    const changesBefore = api.changes().length;

    const second = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(second.code).toBe(0);
    expect(api.changes()).toHaveLength(changesBefore);
    expect(api.state).toEqual(before);
    expect(second.out).toContain(
      "Nothing to change: the tenant already delivers codes to the inbox.",
    );
    expect(second.out).toContain(
      "= Action “SMS inbox: custom phone provider” is up to date and deployed",
    );
  });

  it("prints the plan on a dry run and changes nothing", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, ["--dry-run", ...SKIP_CHECK], standInEnv(api));
    expect(run.code).toBe(0);
    expect(api.changes()).toEqual([]);
    expect(api.state.actions).toEqual([]);
    expect(run.out).toEqual(
      expect.arrayContaining([
        "Would change:",
        expect.stringMatching(
          /^ {2}\+ create Action “SMS inbox: custom phone provider” for custom-phone-provider/,
        ),
        "  + enable the SMS factor for MFA",
        "Dry run: nothing was changed. Run without --dry-run to apply these 7 changes.",
      ]),
    );
  });

  it("waits until Auth0 has built the Action before deploying it", async () => {
    const api = await tenant({ readsUntilBuilt: 4 });
    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.code).toBe(0);
    const deploys = api.requests.filter((request) => request.path.endsWith("/deploy"));
    expect(deploys.map((request) => request.status)).toEqual([202]);
    const reads = api.requests.filter(
      (r) => r.method === "GET" && /actions\/actions\/[^/]+$/.test(r.path),
    );
    expect(reads.length).toBeGreaterThanOrEqual(5);
  });
});

describe("auth0:setup on a configured tenant", () => {
  it("updates the one Action when the webhook secret changes, and redeploys only that", async () => {
    const api = await tenant();
    await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    const actionId = api.state.actions[0]?.id;
    const changesBefore = api.changes().length;

    const newSecret = "rotated-webhook-secret-9876543210";
    const run = await runCaptured(
      setup,
      SKIP_CHECK,
      standInEnv(api, { OTP_WEBHOOK_SECRET: newSecret }),
    );
    expect(run.code).toBe(0);
    expect(api.state.actions).toHaveLength(1);
    expect(api.state.actions[0]?.id).toBe(actionId);
    expect(
      api.state.actions[0]?.deployed?.secrets.find((s) => s.name === "OTP_WEBHOOK_SECRET")?.value,
    ).toBe(newSecret);
    expect(
      api
        .changes()
        .slice(changesBefore)
        .map((request) => `${request.method} ${request.path}`),
    ).toEqual([
      `PATCH /api/v2/actions/actions/${actionId}`,
      `POST /api/v2/actions/actions/${actionId}/deploy`,
    ]);
    expect(run.text).toMatch(/update Action .*: new webhook URL or secret/);
    expect(run.text).not.toContain(newSecret);
  });

  describe("a secret the tenant owner added (OTP_WEBHOOK_TIMEOUT_MS)", () => {
    /** A configured tenant whose Action also has the owner's timeout, set in the Dashboard. */
    async function withOwnersSecret() {
      const api = await tenant();
      await runCaptured(setup, SKIP_CHECK, standInEnv(api));
      const action = api.state.actions[0];
      if (!action) throw new Error("setup created no Action");
      action.secrets.push({ name: "OTP_WEBHOOK_TIMEOUT_MS", value: "5000", updated_at: "then" });
      return { api, action };
    }
    const secretsOf = (secrets: { name: string; value: string }[] | undefined) =>
      Object.fromEntries((secrets ?? []).map((secret) => [secret.name, secret.value]));

    it("is left alone when only the code changes: the update sends no secrets", async () => {
      const { api, action } = await withOwnersSecret();
      // An older bundle with today's fingerprint: the webhook URL and secret are unchanged.
      action.code = action.code.replace(
        /^[\s\S]*(\n\/\/ sms-inbox-setup: )/,
        "// an older bundle$1",
      );
      const datesBefore = action.secrets.map((secret) => secret.updated_at);
      const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
      expect(run.code).toBe(0);
      expect(run.out).toContainEqual(
        expect.stringMatching(
          /update Action .*: new code; keeps OTP_WEBHOOK_TIMEOUT_MS \(the secrets are not written\)$/,
        ),
      );
      // Nothing was written to the list: every secret keeps its date (a written one gets a new one).
      expect(api.state.actions[0]?.secrets.map((secret) => secret.updated_at)).toEqual(datesBefore);
      expect(secretsOf(api.state.actions[0]?.deployed?.secrets)).toEqual({
        OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
        OTP_WEBHOOK_SECRET: WEBHOOK_SECRET,
        OTP_WEBHOOK_TIMEOUT_MS: "5000",
      });
    });

    it("is sent again from .env when the webhook secret changes, and the plan says so", async () => {
      const { api } = await withOwnersSecret();
      const env = standInEnv(api, {
        OTP_WEBHOOK_SECRET: "rotated-webhook-secret-9876543210",
        OTP_WEBHOOK_TIMEOUT_MS: "5000",
      });
      const dry = await runCaptured(setup, ["--dry-run", ...SKIP_CHECK], env);
      expect(dry.out).toContainEqual(
        expect.stringMatching(
          /update Action .*: new webhook URL or secret; keeps OTP_WEBHOOK_TIMEOUT_MS \(sent again from \.env\)$/,
        ),
      );
      const run = await runCaptured(setup, SKIP_CHECK, env);
      expect(run.code).toBe(0);
      expect(secretsOf(api.state.actions[0]?.deployed?.secrets)).toEqual({
        OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
        OTP_WEBHOOK_SECRET: "rotated-webhook-secret-9876543210",
        OTP_WEBHOOK_TIMEOUT_MS: "5000",
      });
    });

    it("stops before changing anything when the secret would be lost, saying how to keep it", async () => {
      const { api } = await withOwnersSecret();
      const changesBefore = api.changes().length;
      const run = await runCaptured(
        setup,
        SKIP_CHECK,
        standInEnv(api, { OTP_WEBHOOK_SECRET: "rotated-webhook-secret-9876543210" }),
      );
      expect(run.code).toBe(1);
      expect(run.err).toEqual([
        expect.stringMatching(
          /^✖ The Action “SMS inbox: custom phone provider” has secrets setup did not set: OTP_WEBHOOK_TIMEOUT_MS\..*Set OTP_WEBHOOK_TIMEOUT_MS in \.env/,
        ),
        "Nothing was changed.",
      ]);
      expect(api.changes()).toHaveLength(changesBefore);
      expect(secretsOf(api.state.actions[0]?.secrets).OTP_WEBHOOK_TIMEOUT_MS).toBe("5000");
    });
  });

  it("takes over an existing Action and a Twilio provider instead of duplicating them", async () => {
    const api = await tenant();
    api.state.actions.push({
      id: "legacy-action",
      name: "Old SMS bridge",
      supported_triggers: [{ id: "custom-phone-provider", version: "v1" }],
      code: "exports.onExecuteCustomPhoneProvider = async () => {};",
      runtime: "node18-actions",
      dependencies: [{ name: "axios", version: "1.0.0" }],
      secrets: [],
      status: "built",
      readsUntilBuilt: 0,
      all_changes_deployed: true,
      deployed: { id: "v1", number: 1, code: "old", runtime: "node18-actions", secrets: [] },
      versions: 1,
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-01T00:00:00Z",
    });
    api.state.providers.push({
      id: "pro_twilio",
      name: "twilio",
      disabled: false,
      configuration: { delivery_methods: ["text", "voice"] },
      created_at: "2024-01-01T00:00:00Z",
      updated_at: "2024-01-01T00:00:00Z",
    });
    api.state.messageTypes = ["sms", "voice"];
    api.state.factors.sms = true;
    api.state.tenantSettings.phone_consolidated_experience = true;

    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.code).toBe(0);
    expect(api.state.actions.map((action) => action.id)).toEqual(["legacy-action"]);
    expect(api.state.actions[0]).toMatchObject({
      name: "Old SMS bridge",
      runtime: "node22",
      dependencies: [],
    });
    expect(api.state.bindings["custom-phone-provider"]).toEqual(["legacy-action"]);
    expect(api.state.providers).toMatchObject([
      { id: "pro_twilio", name: "custom", configuration: { delivery_methods: ["text"] } },
    ]);
    expect(api.state.messageTypes).toEqual(["sms"]);
    expect(run.text).toMatch(/runtime node18-actions → node22/);
    expect(run.text).toMatch(/replace the twilio provider with custom/);
    expect(run.text).toMatch(/message types: sms, voice → sms/);

    const again = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(again.out).toContain(
      "Nothing to change: the tenant already delivers codes to the inbox.",
    );
  });

  it("keeps voice delivery the owner enabled on the custom provider", async () => {
    const api = await tenant();
    await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    const provider = api.state.providers[0];
    if (provider) provider.configuration.delivery_methods = ["text", "voice"];
    api.state.messageTypes = ["sms", "voice"];
    const changesBefore = api.changes().length;
    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.out).toContain("Nothing to change: the tenant already delivers codes to the inbox.");
    expect(api.changes()).toHaveLength(changesBefore);
  });
});

describe("auth0:setup reports problems in one line", () => {
  it("names the wrong client credentials", async () => {
    const api = await tenant();
    const run = await runCaptured(
      setup,
      SKIP_CHECK,
      standInEnv(api, { AUTH0_CLIENT_SECRET: "wrong" }),
    );
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(
        /^✖ Auth0 refused the client credentials \(401 access_denied: Unauthorized\): check AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET/,
      ),
    ]);
    noStackTrace(run.text);
  });

  it("names the missing scope", async () => {
    const api = await tenant({
      scopes: ALL_SCOPES.filter((scope) => scope !== "read:phone_providers"),
    });
    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(
        /^✖ The application is missing the scope read:phone_providers \(needed on \/api\/v2\/branding\/phone\/providers\): grant it in Dashboard/,
      ),
    ]);
    expect(api.changes()).toEqual([]);
  });

  it("names a missing scope met halfway and says a re-run continues", async () => {
    const api = await tenant({
      scopes: ALL_SCOPES.filter((scope) => scope !== "update:guardian_factors"),
    });
    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(/missing the scope update:guardian_factors/),
      "Stopped after 5 of 7 changes; running again continues from here.",
    ]);
    noStackTrace(run.text);
  });

  it("rides out a 429 with backoff", async () => {
    const api = await tenant();
    api.rateLimit("/api/v2/guardian/factors", 1);
    const run = await runCaptured(setup, SKIP_CHECK, standInEnv(api));
    expect(run.code).toBe(0);
    expect(api.requests.filter((request) => request.status === 429)).toHaveLength(1);
  });

  it("gives up on a lasting 429 with advice", async () => {
    const api = await tenant();
    api.rateLimit("/api/v2/actions", 10);
    const quick = setupCommand({ pollDelaysMs: [5], buildTimeoutMs: 5_000, maxRetries: 0 });
    const run = await runCaptured(quick, SKIP_CHECK, standInEnv(api));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(
        /^✖ Auth0 kept rate-limiting the requests \(429 .*wait a minute and run again/,
      ),
    ]);
  });

  it("lists every missing setting at once", async () => {
    const run = await runCaptured(setup, [], {
      AUTH0_DOMAIN: "https://my-tenant.eu.auth0.com/some/path",
    });
    expect(run.code).toBe(1);
    expect(run.err[0]).toMatch(/must be just the tenant's host/);
    expect(run.err[0]).toMatch(/AUTH0_CLIENT_ID is not set/);
    expect(run.err[0]).toMatch(/AUTH0_CLIENT_SECRET is not set/);
  });

  it("refuses an unknown option with the usage", async () => {
    const run = await runCaptured(setup, ["--dryrun"], {});
    expect(run.code).toBe(1);
    expect(run.err[0]).toMatch(/Unknown option '--dryrun'[\s\S]*Usage: npm run auth0:setup/);
  });
});

describe("auth0:setup checks the webhook first", () => {
  it("warns when the webhook refuses the secret, and confirms when it accepts it", async () => {
    const webhook = createServer((req, res) => {
      const ok = req.headers.authorization === `Bearer ${WEBHOOK_SECRET}`;
      res.writeHead(ok ? 400 : 401, { "content-type": "application/json" }).end(
        JSON.stringify({
          error: { code: ok ? "invalid_request" : "unauthorized", message: "…" },
        }),
      );
    });
    webhook.listen(0, "127.0.0.1");
    await once(webhook, "listening");
    const url = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/api/otp`;
    try {
      const api = await tenant();
      const good = await runCaptured(
        setup,
        ["--dry-run"],
        standInEnv(api, { OTP_WEBHOOK_URL: url }),
      );
      expect(good.out).toContain("✔ the webhook accepts OTP_WEBHOOK_SECRET");
      const bad = await runCaptured(
        setup,
        ["--dry-run"],
        standInEnv(api, {
          OTP_WEBHOOK_URL: url,
          OTP_WEBHOOK_SECRET: "another-secret-of-enough-length",
        }),
      );
      expect(bad.err).toContain(
        "! Webhook check: the webhook refused OTP_WEBHOOK_SECRET (401): it differs from the function's secret. Codes will not arrive until this is fixed.",
      );
    } finally {
      webhook.close();
    }
  });
});

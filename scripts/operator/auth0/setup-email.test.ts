// `auth0:setup --email` against the Management API stand-in: the email Action,
// its binding and the tenant's email provider after a first run and a second,
// the dry run, a tenant whose email provider setup did not set (refused
// without --replace-email-provider, replaced with it), and --email-mfa.
import {
  ALL_SCOPES,
  type ManagementApiStandIn,
  type StoredAction,
} from "@sms-inbox/local-auth0-stand-in";
import { standInPerTest } from "@sms-inbox/local-auth0-stand-in/testing";
import { buildAction, buildEmailAction, EMAIL_ACTION_BUNDLE } from "action/build";
import { beforeAll, describe, expect, it } from "vitest";
import { runCaptured, standInEnv, WEBHOOK_SECRET } from "../cli/run-command-for-test.js";
import { actionCode, readActionBundle } from "./action-code.js";
import { setupCommand } from "./setup.js";

const setup = setupCommand({ pollDelaysMs: [5], buildTimeoutMs: 5_000, maxRetries: 2 });
const EMAIL = ["--email", "--skip-webhook-check"];
const EMAIL_TRIGGER = "custom-email-provider";
const ALL_EMAIL_TO_INBOX =
  "all of the tenant's email (verification, password reset, welcome, email MFA, invitations…) goes to the inbox, and none to real addresses";

const tenant = standInPerTest();

beforeAll(async () => {
  await Promise.all([buildAction(), buildEmailAction()]);
});

const emailActions = (api: ManagementApiStandIn) =>
  api.state.actions.filter((action) =>
    action.supported_triggers.some((trigger) => trigger.id === EMAIL_TRIGGER),
  );

/** A deployed custom-email-provider Action of the owner's own, bound to the trigger. */
function ownersEmailAction(api: ManagementApiStandIn): StoredAction {
  const action: StoredAction = {
    id: "owners-email-action",
    name: "Send through Postmark",
    supported_triggers: [{ id: EMAIL_TRIGGER, version: "v1" }],
    code: "exports.onExecuteCustomEmailProvider = async () => { /* postmark */ };",
    runtime: "node22",
    dependencies: [],
    secrets: [{ name: "POSTMARK_TOKEN", value: "pm-token", updated_at: "then" }],
    status: "built",
    readsUntilBuilt: 0,
    all_changes_deployed: true,
    deployed: {
      id: "v1",
      number: 1,
      code: "exports.onExecuteCustomEmailProvider = async () => { /* postmark */ };",
      runtime: "node22",
      secrets: [],
    },
    versions: 1,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
  };
  api.state.actions.push(action);
  api.state.bindings[EMAIL_TRIGGER] = [action.id];
  return action;
}

describe("auth0:setup --email on an empty tenant", () => {
  it("installs, deploys and binds the email Action and makes it the email provider, saying where email goes", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(run.code).toBe(0);
    expect(run.err).toEqual([
      `! From now on ${ALL_EMAIL_TO_INBOX} (docs/auth0.md, "Going back", says how to undo it).`,
    ]);

    const [action, ...others] = emailActions(api);
    expect(others).toEqual([]);
    const expectedCode = actionCode(readActionBundle(EMAIL_ACTION_BUNDLE), {
      url: "https://inbox.example.test/api/otp",
      secret: WEBHOOK_SECRET,
    });
    expect(action).toMatchObject({
      name: "SMS inbox: custom email provider",
      runtime: "node22",
      code: expectedCode,
      dependencies: [],
      all_changes_deployed: true,
    });
    expect(action?.code).toContain("onExecuteCustomEmailProvider");
    expect(action?.deployed?.code).toBe(expectedCode);
    expect(Object.fromEntries(action?.secrets.map((s) => [s.name, s.value]) ?? [])).toEqual({
      OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
      OTP_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    expect(api.state.bindings[EMAIL_TRIGGER]).toEqual([action?.id]);
    expect(api.state.emailProvider).toEqual({
      name: "custom",
      enabled: true,
      default_from_address: "no-reply@127.0.0.1",
      credentials: {},
    });
    // The phone part is set up as without --email, and email MFA is left alone.
    expect(api.state.bindings["custom-phone-provider"]).toHaveLength(1);
    expect(api.state.factors).toMatchObject({ sms: true, email: false });

    expect(run.out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^✔ create Action “SMS inbox: custom email provider” for custom-email-provider/,
        ),
        expect.stringMatching(
          /^✔ bind Action “SMS inbox: custom email provider” \(.+\) to the custom-email-provider trigger$/,
        ),
        "✔ set the tenant's email provider: custom (the Action), sender no-reply@127.0.0.1: all email to the inbox",
        "Done: 11 changes made (✔ above).",
        "  Dashboard → Branding → Email Provider → Send Test Email   # the email appears in the inbox",
      ]),
    );
    expect(run.text).not.toContain(WEBHOOK_SECRET);
  });

  it("changes nothing on a second run, and still says where the tenant's email goes", async () => {
    const api = await tenant();
    expect((await runCaptured(setup, EMAIL, standInEnv(api))).code).toBe(0);
    const before = structuredClone(api.state);
    const changesBefore = api.changes().length;

    const second = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(second.code).toBe(0);
    expect(second.err).toEqual([]);
    expect(api.changes()).toHaveLength(changesBefore);
    expect(api.state).toEqual(before);
    expect(second.out).toEqual(
      expect.arrayContaining([
        "= Action “SMS inbox: custom email provider” is up to date and deployed",
        "= the Action is bound to the custom-email-provider trigger",
        `= the email provider is custom (the Action), enabled: ${ALL_EMAIL_TO_INBOX}`,
        "Nothing to change: the tenant already delivers codes to the inbox.",
      ]),
    );
  });

  it("prints the plan on a dry run, with where email will go, and changes nothing", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, ["--dry-run", ...EMAIL], standInEnv(api));
    expect(run.code).toBe(0);
    expect(api.changes()).toEqual([]);
    expect(api.state.emailProvider).toBeUndefined();
    expect(run.err).toEqual([expect.stringContaining(`From now on ${ALL_EMAIL_TO_INBOX}`)]);
    expect(run.out).toEqual(
      expect.arrayContaining([
        "  + create Action “SMS inbox: custom email provider” for custom-email-provider, runtime node22, with secrets OTP_WEBHOOK_URL and OTP_WEBHOOK_SECRET",
        "  + deploy Action “SMS inbox: custom email provider” once Auth0 has built it",
        "  + bind Action “SMS inbox: custom email provider” to the custom-email-provider trigger",
        "  + set the tenant's email provider: custom (the Action), sender no-reply@127.0.0.1: all email to the inbox",
        "Dry run: nothing was changed. Run without --dry-run to apply these 11 changes.",
      ]),
    );
  });

  it("uses the sender --email-from names, and moves the provider to it on a later run", async () => {
    const api = await tenant();
    const first = await runCaptured(
      setup,
      [...EMAIL, "--email-from", "inbox@atko.email"],
      standInEnv(api),
    );
    expect(first.code).toBe(0);
    expect(api.state.emailProvider?.default_from_address).toBe("inbox@atko.email");

    // Without the flag a later run keeps the sender the provider has.
    const kept = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(kept.out).toContain(
      "Nothing to change: the tenant already delivers codes to the inbox.",
    );

    const moved = await runCaptured(
      setup,
      [...EMAIL, "--email-from", "demo@atko.email"],
      standInEnv(api),
    );
    expect(moved.out).toContain(
      "✔ update the email provider: sender inbox@atko.email → demo@atko.email: all email to the inbox",
    );
    expect(api.state.emailProvider?.default_from_address).toBe("demo@atko.email");
  });

  it("reminds a run without --email that the email Action keeps an older secret", async () => {
    const api = await tenant();
    await runCaptured(setup, EMAIL, standInEnv(api));
    const rotated = standInEnv(api, { OTP_WEBHOOK_SECRET: "rotated-webhook-secret-9876543210" });

    const phoneOnly = await runCaptured(setup, ["--skip-webhook-check"], rotated);
    expect(phoneOnly.code).toBe(0);
    expect(phoneOnly.err).toEqual([
      "! The email Action “SMS inbox: custom email provider” posts with another webhook URL or secret than this run sets: run again with --email to update it too.",
    ]);
    const both = await runCaptured(setup, EMAIL, rotated);
    expect(both.out).toContainEqual(
      expect.stringMatching(
        /^✔ update Action “SMS inbox: custom email provider” \(.+\): new webhook URL or secret$/,
      ),
    );
    const after = await runCaptured(setup, ["--skip-webhook-check"], rotated);
    expect(after.err).toEqual([]);
  });
});

describe("auth0:setup --email on a tenant with an email provider setup did not set", () => {
  const sendgrid = () => ({
    name: "sendgrid",
    enabled: true,
    default_from_address: "hello@atko.email",
    credentials: { api_key: "SG.owners-key" },
  });

  it("refuses to replace SendGrid without --replace-email-provider, and changes nothing", async () => {
    const api = await tenant();
    api.state.emailProvider = sendgrid();
    const run = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      `✖ The tenant's email provider is sendgrid, which setup did not set. Setting the inbox's instead means ${ALL_EMAIL_TO_INBOX}. If that is what you want, run again with --replace-email-provider (docs/auth0.md, "Going back", says how to undo it).`,
      "Nothing was changed.",
    ]);
    expect(api.changes()).toEqual([]);
    expect(api.state.emailProvider).toEqual(sendgrid());
    // The dry run says the same, so the owner sees it before deciding.
    const dry = await runCaptured(setup, ["--dry-run", ...EMAIL], standInEnv(api));
    expect(dry.code).toBe(1);
    expect(dry.err[0]).toMatch(/^✖ The tenant's email provider is sendgrid/);
  });

  it("replaces it with --replace-email-provider, keeping its sender; later runs need no flag", async () => {
    const api = await tenant();
    api.state.emailProvider = sendgrid();
    const run = await runCaptured(setup, [...EMAIL, "--replace-email-provider"], standInEnv(api));
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      "✔ update the email provider: replace the sendgrid provider with custom (the Action): all email to the inbox",
    );
    expect(run.err).toEqual([expect.stringContaining(`From now on ${ALL_EMAIL_TO_INBOX}`)]);
    expect(api.state.emailProvider).toEqual({
      name: "custom",
      enabled: true,
      default_from_address: "hello@atko.email",
      credentials: {},
    });

    const again = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      "Nothing to change: the tenant already delivers codes to the inbox.",
    );
  });

  it("treats a custom provider delivering through the owner's own Action as not setup's", async () => {
    const api = await tenant();
    const owners = ownersEmailAction(api);
    api.state.emailProvider = { name: "custom", enabled: true, credentials: {} };
    const refused = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `✖ The tenant's email provider is custom, delivering through the Action “Send through Postmark”, which setup did not set. Setting the inbox's instead means ${ALL_EMAIL_TO_INBOX}. If that is what you want, run again with --replace-email-provider (docs/auth0.md, "Going back", says how to undo it).`,
    );
    expect(api.changes()).toEqual([]);
    expect(api.state.actions.find((a) => a.id === owners.id)?.code).toBe(owners.code);

    // Its owner's secret would be lost as well: setup names that too.
    expect(refused.err).toContainEqual(
      expect.stringMatching(
        /^✖ The Action “Send through Postmark” has secrets setup did not set: POSTMARK_TOKEN\./,
      ),
    );

    // With the flag (and the secret in .env) the tenant's one email Action is
    // taken over, not duplicated (Auth0 allows one), and the secret is kept.
    const run = await runCaptured(
      setup,
      [...EMAIL, "--replace-email-provider"],
      standInEnv(api, { POSTMARK_TOKEN: "pm-token" }),
    );
    expect(run.code).toBe(0);
    expect(emailActions(api).map((action) => action.id)).toEqual([owners.id]);
    expect(emailActions(api)[0]?.deployed?.code).toContain("onExecuteCustomEmailProvider");
    expect(emailActions(api)[0]?.deployed?.code).toMatch(/\/\/ sms-inbox-setup: /);
    expect(
      Object.fromEntries(emailActions(api)[0]?.secrets.map((s) => [s.name, s.value]) ?? []),
    ).toEqual({
      OTP_WEBHOOK_URL: "https://inbox.example.test/api/otp",
      OTP_WEBHOOK_SECRET: WEBHOOK_SECRET,
      POSTMARK_TOKEN: "pm-token",
    });
    expect(api.state.bindings[EMAIL_TRIGGER]).toEqual([owners.id]);
    expect(api.state.emailProvider).toMatchObject({ name: "custom", enabled: true });
  });
});

describe("auth0:setup --email-mfa", () => {
  it("turns SMS on first when no factor is on, says email depends on it, then turns email on", async () => {
    const api = await tenant();
    const run = await runCaptured(setup, ["--email-mfa", "--skip-webhook-check"], standInEnv(api));
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      "! Email is a dependent MFA factor: Auth0 enables it only while another factor is on, and none is on now. Setup turns on SMS first; keep SMS (or another factor) on for email MFA to work.",
    );
    expect(api.state.factors).toMatchObject({ sms: true, email: true });
    // --email-mfa implies --email: the provider is the inbox's.
    expect(api.state.emailProvider?.name).toBe("custom");
    const factorWrites = api
      .changes()
      .filter((request) => request.path.startsWith("/api/v2/guardian/factors/"))
      .map((request) => request.path);
    expect(factorWrites).toEqual([
      "/api/v2/guardian/factors/sms",
      "/api/v2/guardian/factors/phone/message-types",
      "/api/v2/guardian/factors/email",
    ]);
    expect(run.out).toContain(
      "✔ enable the email factor for MFA (a dependent factor: on while sms is)",
    );

    const again = await runCaptured(
      setup,
      ["--email-mfa", "--skip-webhook-check"],
      standInEnv(api),
    );
    expect(again.err).toEqual([]);
    expect(again.out).toContain("= the email factor is enabled");
    expect(again.out).toContain(
      "Nothing to change: the tenant already delivers codes to the inbox.",
    );
  });

  it("says nothing of dependence when another factor is already on", async () => {
    const api = await tenant();
    api.state.factors.otp = true;
    const run = await runCaptured(
      setup,
      ["--email-mfa", "--skip-webhook-check", "--dry-run"],
      standInEnv(api),
    );
    expect(run.code).toBe(0);
    expect(run.text).not.toMatch(/dependent MFA factor/);
    expect(run.out).toContain(
      "  + enable the email factor for MFA (a dependent factor: on while otp or sms is)",
    );
  });
});

describe("auth0:setup --email refuses bad input in one line", () => {
  it("refuses the email options without --email", async () => {
    const run = await runCaptured(setup, ["--replace-email-provider"], {});
    expect(run.code).toBe(1);
    expect(run.err[0]).toMatch(/^✖ --replace-email-provider and --email-from go with --email\./);
  });

  it("refuses an --email-from that is not an address, before touching the tenant", async () => {
    const api = await tenant();
    const run = await runCaptured(
      setup,
      [...EMAIL, "--email-from", "not an address"],
      standInEnv(api),
    );
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      '✖ --email-from "not an address" is not an email address such as no-reply@example.com',
    ]);
    expect(api.requests).toEqual([]);
  });

  it("names a missing email provider scope", async () => {
    const api = await tenant({
      scopes: ALL_SCOPES.filter((scope) => scope !== "read:email_provider"),
    });
    const run = await runCaptured(setup, EMAIL, standInEnv(api));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      expect.stringMatching(
        /^✖ The application is missing the scope read:email_provider \(needed on \/api\/v2\/emails\/provider\): grant it in Dashboard/,
      ),
    ]);
    expect(api.changes()).toEqual([]);
  });
});

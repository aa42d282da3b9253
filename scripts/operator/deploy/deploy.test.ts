// `npm run deploy`'s and `npm run deploy:secrets`' decisions, on made-up facts:
// arguments, each check and its fix, the plan, and what happens to a secret.

import { describe, expect, it } from "vitest";
import { resolveConfig } from "web/config";
import { readFirebaseJson } from "../cli/repo-facts.js";
import { type DeployFacts, deployChecks } from "./checks.js";
import { deploySettings } from "./deploy.js";
import { firebaseProblem, secretStateFrom } from "./firebase-cli.js";
import { FUNCTION_SECRETS } from "./function-secrets.js";
import { chooseProject, type DeployOptions, parseOnly } from "./options.js";
import { planDeploy } from "./plan.js";
import { describeAction, planSecret, withDotenvValue } from "./secrets-plan.js";

const options: DeployOptions = {
  projectId: "sms-inbox-prod",
  only: ["functions", "firestore", "hosting"],
  dryRun: false,
  allowPublic: false,
};
const [webhookSecret] = FUNCTION_SECRETS;
if (!webhookSecret) throw new Error("no function secrets");

const page = (projectId: string) =>
  resolveConfig("production", {
    VITE_FIREBASE_API_KEY: "key",
    VITE_FIREBASE_AUTH_DOMAIN: `${projectId}.firebaseapp.com`,
    VITE_FIREBASE_PROJECT_ID: projectId,
  });

const healthy: DeployFacts = {
  page: { config: page("sms-inbox-prod") },
  secrets: [{ secret: webhookSecret, state: "set" }],
  access: { access: { emails: ["a@example.com"], domains: [] }, publicMode: false },
};

const verdicts = (facts: DeployFacts, opts: DeployOptions = options) =>
  deployChecks(facts, opts).map((check) => check.verdict);

describe("deploy arguments", () => {
  it("deploys all three by default, or the named ones in firebase-tools' order", () => {
    expect(parseOnly(undefined)).toEqual(["functions", "firestore", "hosting"]);
    expect(parseOnly("hosting,functions")).toEqual(["functions", "hosting"]);
    expect(() => parseOnly("hosting,database")).toThrow(/not database/);
  });

  it("takes the project from --project, GOOGLE_CLOUD_PROJECT or .firebaserc, and refuses demo ones", () => {
    expect(chooseProject("p-one-1", { GOOGLE_CLOUD_PROJECT: "p-two-2" }, undefined)).toBe(
      "p-one-1",
    );
    expect(chooseProject(undefined, { GOOGLE_CLOUD_PROJECT: "p-two-2" }, undefined)).toBe(
      "p-two-2",
    );
    expect(chooseProject(undefined, {}, { projects: { default: "p-rc-3" } })).toBe("p-rc-3");
    expect(() => chooseProject(undefined, {}, undefined)).toThrow(/Pass --project/);
    expect(() => chooseProject("demo-sms-inbox", {}, undefined)).toThrow(/only in the emulators/);
    expect(() => chooseProject("My Project", {}, undefined)).toThrow(/not a Firebase project id/);
  });
});

describe("deploy checks", () => {
  it("pass on a complete production configuration", () => {
    expect(verdicts(healthy).map((v) => v.status)).toEqual(["pass", "pass", "pass"]);
  });

  it("name every missing page setting, and a page built for another project", () => {
    const missing = verdicts({
      ...healthy,
      page: { problem: "The production build needs VITE_FIREBASE_API_KEY" },
    });
    expect(missing[0]).toMatchObject({
      status: "fail",
      problem: expect.stringMatching(/VITE_FIREBASE_API_KEY/),
      fix: expect.stringMatching(/web\/\.env\.production\.local/),
    });
    const other = verdicts({ ...healthy, page: { config: page("sms-inbox-staging") } });
    expect(other[0]).toMatchObject({
      status: "fail",
      problem: "the page is set up for project sms-inbox-staging, and you deploy to sms-inbox-prod",
    });
  });

  it("stop for a missing secret with the command that sets it, and for not being signed in", () => {
    const missing = verdicts({
      ...healthy,
      secrets: [{ secret: webhookSecret, state: "missing" }],
    });
    expect(missing[1]).toMatchObject({
      status: "fail",
      problem: expect.stringMatching(/^OTP_WEBHOOK_SECRET not set in sms-inbox-prod/),
      fix: expect.stringMatching(/^npm run deploy:secrets -- --project sms-inbox-prod/),
    });
    const unknown = verdicts({
      ...healthy,
      secrets: [
        {
          secret: webhookSecret,
          state: { problem: "not signed in to Firebase", fix: "npx firebase login" },
        },
      ],
    });
    expect(unknown[1]).toMatchObject({ fix: "npx firebase login" });
  });

  it("stop for an empty allow-list or public mode, unless public mode is on purpose", () => {
    const empty = verdicts({
      ...healthy,
      access: { access: { emails: [], domains: [] }, publicMode: false },
    });
    expect(empty[2]).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/GOOGLE_CLOUD_PROJECT=sms-inbox-prod npm run access -- add/),
    });
    const open = { ...healthy, access: { access: { emails: [], domains: [] }, publicMode: true } };
    expect(verdicts(open)[2]).toMatchObject({
      status: "fail",
      problem: expect.stringMatching(/public mode is ON/),
    });
    expect(verdicts(open, { ...options, allowPublic: true })[2]).toMatchObject({ status: "pass" });
    expect(
      verdicts({ ...healthy, access: { problem: "Could not load the default credentials" } })[2],
    ).toMatchObject({
      fix: expect.stringMatching(/gcloud auth application-default login/),
    });
  });

  it("skip what is not being deployed", () => {
    const hostingOnly = verdicts({ ...healthy, secrets: [] }, { ...options, only: ["hosting"] });
    expect(hostingOnly[1]).toEqual({ status: "skip", reason: "not deploying functions" });
    const functionsOnly = verdicts(
      { ...healthy, page: { problem: "The production build needs VITE_FIREBASE_API_KEY" } },
      { ...options, only: ["functions"] },
    );
    expect(functionsOnly[0]).toEqual({ status: "skip", reason: "not deploying hosting" });
  });
});

describe("the deploy plan", () => {
  const settings = deploySettings(readFirebaseJson());

  it("is one firebase deploy, whose predeploy hooks build the page and the function", () => {
    const plan = planDeploy(options, settings);
    expect(plan.firebaseArgs).toEqual([
      "deploy",
      "--project",
      "sms-inbox-prod",
      "--only",
      "functions,firestore,hosting",
      "--non-interactive",
    ]);
    const text = plan.lines.join("\n");
    expect(text).toMatch(/functions: first npm run build -w functions: .* functions\/dist\//);
    expect(text).toMatch(
      /hosting: {3}first npm run build:production -w web: the production page in web\/dist\//,
    );
    expect(text).toMatch(/TTL policy on otpCodes\.expireAt/);
    expect(text).toMatch(
      /otp, codes and authenticatorCodes in europe-west1 .* OTP_WEBHOOK_SECRET, OTP_READ_TOKEN/,
    );
    expect(plan.inboxUrl).toBe("https://sms-inbox-prod.web.app/");
    expect(plan.webhookUrl).toBe("https://sms-inbox-prod.web.app/api/otp");
    expect(plan.next.join("\n")).toMatch(
      /npm run doctor -- --url https:\/\/sms-inbox-prod\.web\.app[\s\S]*npm run auth0:setup/,
    );
  });

  it("names only what --only deploys", () => {
    const plan = planDeploy({ ...options, only: ["hosting"] }, settings);
    expect(plan.firebaseArgs).toContain("hosting");
    expect(plan.lines.join("\n")).not.toMatch(/functions:|firestore:/);
  });
});

describe("firebase-tools' answers", () => {
  it("tells a set secret from a missing one and from not being signed in", () => {
    const ok = {
      code: 0,
      stdout: JSON.stringify({
        status: "success",
        result: { secrets: [{ versionId: "1", state: "ENABLED" }] },
      }),
      stderr: "",
    };
    expect(secretStateFrom(ok)).toBe("set");
    expect(
      secretStateFrom({
        ...ok,
        stdout: JSON.stringify({ result: { secrets: [{ state: "DESTROYED" }] } }),
      }),
    ).toBe("missing");
    expect(
      secretStateFrom({
        code: 1,
        stdout: '{"status":"error","error":"HTTP Error: 404, Secret [x] not found"}',
        stderr: "",
      }),
    ).toBe("missing");
    expect(
      secretStateFrom({
        code: 1,
        stdout:
          '{\n  "status": "error",\n  "error": "Failed to authenticate, have you run firebase login?"\n}',
        stderr: "",
      }),
    ).toEqual({ problem: "not signed in to Firebase", fix: "npx firebase login" });
    expect(
      firebaseProblem({
        code: 1,
        stdout: "",
        stderr: "Error: HTTP Error: 403, The caller does not have permission",
      }),
    ).toMatchObject({ fix: expect.stringMatching(/owner or editor/) });
  });
});

describe("deploy:secrets", () => {
  const secret = { ...webhookSecret, generate: () => "generated-value" };

  it("keeps the project and .env equal: reads back, sets, generates, or stops at a conflict", () => {
    expect(planSecret(secret, "abc", "abc")).toEqual({ kind: "agree", name: "OTP_WEBHOOK_SECRET" });
    expect(planSecret(secret, "abc", undefined)).toEqual({
      kind: "save-to-dotenv",
      name: "OTP_WEBHOOK_SECRET",
      value: "abc",
    });
    expect(planSecret(secret, undefined, "mine")).toEqual({
      kind: "set-in-project",
      name: "OTP_WEBHOOK_SECRET",
      value: "mine",
      generated: false,
    });
    expect(planSecret(secret, undefined, undefined)).toMatchObject({
      value: "generated-value",
      generated: true,
    });
    expect(planSecret(secret, "abc", "xyz")).toEqual({
      kind: "conflict",
      name: "OTP_WEBHOOK_SECRET",
    });
  });

  it("never puts a value in what it prints", () => {
    for (const action of [
      planSecret(secret, "abc-secret", undefined),
      planSecret(secret, undefined, "mine-secret"),
      planSecret(secret, undefined, undefined),
      planSecret(secret, "abc-secret", "xyz-secret"),
    ]) {
      const line = describeAction(action, secret, "sms-inbox-prod");
      expect(line).not.toMatch(/abc-secret|mine-secret|xyz-secret|generated-value/);
    }
  });

  it("generates URL-safe values the webhook takes whole: no commas or spaces, long enough", () => {
    const value = webhookSecret.generate();
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(webhookSecret.generate()).not.toBe(value);
  });

  it("writes a value into .env in place, or appends it, keeping every other line", () => {
    expect(withDotenvValue("A=1\nOTP_WEBHOOK_SECRET=old\nB=2\n", "OTP_WEBHOOK_SECRET", "new")).toBe(
      "A=1\nOTP_WEBHOOK_SECRET=new\nB=2\n",
    );
    expect(withDotenvValue("A=1", "OTP_WEBHOOK_SECRET", "v")).toBe("A=1\nOTP_WEBHOOK_SECRET=v\n");
    expect(withDotenvValue("", "OTP_WEBHOOK_SECRET", "v")).toBe("OTP_WEBHOOK_SECRET=v\n");
  });
});

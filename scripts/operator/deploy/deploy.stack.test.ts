// `npm run deploy -- --dry-run` with the project's real firebase-tools and the
// allow-list read from the local stack's Firestore (standing in for the
// project's; no real project is reachable from here): it runs every check,
// prints the plan, and builds and deploys nothing. firebase-tools runs signed
// out (an empty HOME), so the secret check fails the way it would for a user
// who has not run `firebase login`, and names that fix.
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminDb } from "@sms-inbox/local-stack/stack-test-helpers";
import {
  ACCESS_DOC_ID,
  COLLECTIONS,
  PUBLIC_MODE_DOC_ID,
} from "functions/contract/firestore-schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAccessState } from "../access/access-store.js";
import { REPO_ROOT } from "../cli/repo-facts.js";
import { runCaptured } from "../cli/run-command-for-test.js";
import { deployCommand } from "./deploy.js";

const PROJECT = "sms-inbox-dry-run";
const deploy = deployCommand({ readAccess: () => readAccessState(adminDb()) });

/** A signed-out user's environment with the page's settings for PROJECT. */
function env(): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("VITE_") && name !== "GOOGLE_APPLICATION_CREDENTIALS",
    ),
  );
  return {
    ...clean,
    HOME: mkdtempSync(join(tmpdir(), "deploy-home-")),
    VITE_FIREBASE_API_KEY: "AIzaDryRunKey000000000000000000000000000",
    VITE_FIREBASE_AUTH_DOMAIN: `${PROJECT}.firebaseapp.com`,
    VITE_FIREBASE_PROJECT_ID: PROJECT,
  };
}

/** Every file under the build outputs with its modification time: what "changes nothing" means. */
function outputs(): Record<string, number> {
  const seen: Record<string, number> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else seen[path] = statSync(path).mtimeMs;
    }
  };
  for (const dir of ["web/dist", "functions/dist", "functions/lib"]) walk(join(REPO_ROOT, dir));
  return seen;
}

describe("npm run deploy -- --dry-run", () => {
  // Both documents the allow-list check reads, as this test needs them and as
  // it found them afterwards: earlier tests on the shared stack may leave either.
  const config = () => adminDb().collection(COLLECTIONS.config);
  const before = new Map<string, FirebaseFirestore.DocumentData | undefined>();
  beforeAll(async () => {
    for (const id of [ACCESS_DOC_ID, PUBLIC_MODE_DOC_ID])
      before.set(id, (await config().doc(id).get()).data());
    await config()
      .doc(ACCESS_DOC_ID)
      .set({ emails: ["presenter@sms-inbox.test"], domains: [] });
    await config().doc(PUBLIC_MODE_DOC_ID).set({ enabled: false });
  });
  afterAll(async () => {
    for (const [id, data] of before) {
      if (data) await config().doc(id).set(data);
      else await config().doc(id).delete();
    }
  });

  it("checks, prints the plan, names the fix for what fails, and builds and deploys nothing", async () => {
    const before = outputs();
    const run = await runCaptured(deploy, ["--project", PROJECT, "--dry-run"], env());
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      `Deploying to ${PROJECT} (dry run: nothing will be built or deployed)`,
      "Checks:",
      `  ✓ the page's production settings: project ${PROJECT}, sign-in through ${PROJECT}.firebaseapp.com`,
      "  ✗ the function's secrets: could not look up OTP_WEBHOOK_SECRET: not signed in to Firebase",
      "      fix: npx firebase login",
      "  ✓ who may read the codes: the allow-list has 1 address",
      "Would run:",
      `  firebase deploy --project ${PROJECT} --only functions,firestore,hosting --non-interactive`,
      expect.stringMatching(/^ {4}functions: first npm run build -w functions: /),
      expect.stringMatching(
        /^ {15}then otp, codes and authenticatorCodes in europe-west1 \(Node 22\) with the secrets OTP_WEBHOOK_SECRET, OTP_READ_TOKEN/,
      ),
      expect.stringMatching(/^ {4}firestore: the security rules/),
      expect.stringMatching(/^ {4}hosting: {3}first npm run build:production -w web: /),
      expect.stringMatching(
        /^ {15}then the page with its headers, and \/api\/otp rewritten to otp, \/api\/codes\/latest to codes, \/api\/authenticator\/codes to authenticatorCodes$/,
      ),
      "Dry run: 1 check failed (✗ above); nothing was built or deployed.",
    ]);
    expect(outputs()).toEqual(before);
  }, 60_000);

  it("passes a dry run of the page alone, which needs no secret", async () => {
    const run = await runCaptured(
      deploy,
      ["--project", PROJECT, "--only", "hosting", "--dry-run"],
      env(),
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain("  – the function's secrets: skipped, not deploying functions");
    expect(run.out.at(-1)).toBe("Dry run: every check passed; nothing was built or deployed.");
  }, 60_000);

  it("stops at the first problem with the arguments, before anything runs", async () => {
    const run = await runCaptured(deploy, ["--project", "demo-sms-inbox", "--dry-run"], env());
    expect(run.code).toBe(64);
    expect(run.err).toEqual([
      expect.stringMatching(/demo- project: those exist only in the emulators/),
    ]);
  });
});

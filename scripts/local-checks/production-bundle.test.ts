// The production build of the page (what firebase.json's hosting predeploy
// and `npm run deploy` build into web/dist) is built for its project and for
// nothing else: none of the local stack's addresses, project or emulator
// calls are in it, and without its settings it does not build at all. Built
// here into temporary folders with made-up settings, so web/dist is untouched.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import {
  DEMO_PROJECT_ID,
  EMULATOR_PAGE_DIR,
  emulatedGoogleSubject,
} from "functions/contract/local-stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const WEB = join(REPO_ROOT, "web");
const viteBin = join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js");

const FAKE = {
  VITE_FIREBASE_API_KEY: "AIzaFakeKeyForTheProductionBundleTest000",
  VITE_FIREBASE_AUTH_DOMAIN: "bundle-test-project.firebaseapp.com",
  VITE_FIREBASE_PROJECT_ID: "bundle-test-project",
};

/** The environment of a build: nothing from the caller's VITE_* or the stack's port moves. */
function buildEnv(vite: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("VITE_") && !name.startsWith("SMS_INBOX_"),
    ),
  );
  return { ...env, ...vite };
}

const buildProduction = (outDir: string, vite: Record<string, string>) =>
  run(
    process.execPath,
    [viteBin, "build", "--mode", "production", "--configLoader", "runner", "--outDir", outDir],
    { cwd: WEB, env: buildEnv(vite) },
  );

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

describe("the production build of the page", () => {
  const outDir = mkdtempSync(join(tmpdir(), "sms-inbox-page-"));
  let text = "";
  beforeAll(async () => {
    await buildProduction(outDir, FAKE);
    text = [...files(outDir)].map((path) => readFileSync(path, "utf8")).join("\n");
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("carries its own project's settings", () => {
    expect(text).toContain(FAKE.VITE_FIREBASE_PROJECT_ID);
    expect(text).toContain(FAKE.VITE_FIREBASE_API_KEY);
    expect(text).toContain("https://firestore.googleapis.com/");
  });

  it("carries none of the local stack: no emulator address, demo project or emulator call", () => {
    for (const trace of [
      "127.0.0.1",
      DEMO_PROJECT_ID,
      "demo-api-key",
      "/emulator/v1/",
      "oobCodes",
      emulatedGoogleSubject(""),
    ]) {
      expect(text.includes(trace), trace).toBe(false);
    }
  });

  it("carries none of the test hooks that break the SDK on purpose (the emulator build does)", () => {
    // web/dist-emulator is what `npm run build` (and so `npm test`) made first.
    const emulatorBuild = join(REPO_ROOT, EMULATOR_PAGE_DIR);
    const emulatorText = [...files(emulatorBuild)]
      .map((path) => readFileSync(path, "utf8"))
      .join("\n");
    for (const hook of [
      "__inboxTestHooks",
      "failFirestoreQueue",
      "enqueueAndForget(()=>Promise.reject",
    ]) {
      expect(text.includes(hook), hook).toBe(false);
    }
    expect(emulatorText).toContain("__inboxTestHooks");
    expect(emulatorText).toContain("failFirestoreQueue");
  });

  it("is refused without a setting, naming it, and writes nothing", async () => {
    const refused = mkdtempSync(join(tmpdir(), "sms-inbox-page-refused-"));
    try {
      // Empty, not absent: the environment wins over a web/.env.production.local that sets it.
      const partial = { ...FAKE, VITE_FIREBASE_PROJECT_ID: "" };
      const failure = await buildProduction(join(refused, "out"), partial).then(
        () => undefined,
        (error: { stderr?: string; stdout?: string }) => `${error.stderr}${error.stdout}`,
      );
      expect(failure).toMatch(/The production build needs VITE_FIREBASE_PROJECT_ID/);
      expect(existsSync(join(refused, "out"))).toBe(false);
    } finally {
      rmSync(refused, { recursive: true, force: true });
    }
  }, 120_000);
});

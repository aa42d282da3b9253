// The built page holds no secret: not the webhook secret, not its name, no
// keys or tokens. It runs in the stack project because the stack has built
// the page (web/dist-emulator, what the local Hosting serves) and made the
// local webhook secret, the one value most likely to leak. The production
// build's own check is production-bundle.test.ts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { LOCAL_SECRETS_PATH, REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { EMULATOR_PAGE_DIR } from "functions/contract/local-stack";
import { describe, expect, it } from "vitest";
import { dependencyTokens } from "./dependency-tokens.js";
import { findSecrets, secretValuesFromDotenv } from "./secret-scan.js";

const DIST = join(REPO_ROOT, EMULATOR_PAGE_DIR);
const SECRET_FILE = LOCAL_SECRETS_PATH;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

describe("the built web bundle", () => {
  it("contains no secret-looking value", () => {
    expect(existsSync(DIST), `${EMULATOR_PAGE_DIR} missing: run npm run build`).toBe(true);
    const knownSecrets = [
      stackEnv().webhookSecret,
      ...(existsSync(SECRET_FILE) ? secretValuesFromDotenv(readFileSync(SECRET_FILE, "utf8")) : []),
    ];
    const publicTokens = dependencyTokens(join(REPO_ROOT, "web"));
    const scanned: string[] = [];
    const findings: string[] = [];
    for (const path of files(DIST)) {
      const name = relative(REPO_ROOT, path);
      scanned.push(name);
      const text = readFileSync(path, "latin1");
      for (const finding of findSecrets(text, {
        knownSecrets,
        isPublic: (t) => publicTokens.has(t),
      })) {
        // Where and what, never the value: a failing test must not print the secret.
        findings.push(`${name} @${finding.offset}: ${finding.kind} (${finding.length} characters)`);
      }
    }
    expect(
      scanned.some((name) => name.endsWith(".js")),
      `no JavaScript in ${EMULATOR_PAGE_DIR}`,
    ).toBe(true);
    expect(findings).toEqual([]);
  });
});

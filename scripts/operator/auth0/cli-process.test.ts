// The commands as a terminal runs them (tsx, the npm scripts' runner): exit
// codes, output streams, and no stack trace when Auth0 refuses.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  type ManagementApiStandIn,
  startManagementApiStandIn,
} from "@sms-inbox/local-auth0-stand-in";
import { buildAction } from "action/build";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../cli/repo-facts.js";
import { standInEnv } from "../cli/run-command-for-test.js";

const run = promisify(execFile);
const TSX = join(REPO_ROOT, "node_modules", ".bin", "tsx");

async function cli(script: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(TSX, [join(REPO_ROOT, script), ...args], {
      cwd: REPO_ROOT,
      // PATH only: nothing from this process (or a developer's .env values) leaks in.
      env: { PATH: process.env.PATH, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

let api: ManagementApiStandIn;
beforeAll(async () => {
  await buildAction();
  api = await startManagementApiStandIn();
});
afterAll(async () => {
  await api.close();
});

describe("the Auth0 commands as processes", () => {
  it("auth0:setup --dry-run prints the plan and exits 0", async () => {
    const result = await cli(
      "scripts/operator/auth0/setup.ts",
      ["--dry-run", "--skip-webhook-check"],
      standInEnv(api),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: nothing was changed/);
    expect(api.changes()).toEqual([]);
  }, 30_000);

  it("a refusal is one line on stderr and exit code 1, without a stack trace", async () => {
    const result = await cli(
      "scripts/operator/auth0/enrol.ts",
      ["--no-labels"],
      standInEnv(api, { AUTH0_CLIENT_SECRET: "wrong" }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^✖ Auth0 refused the client credentials/),
    ]);
  }, 30_000);
});

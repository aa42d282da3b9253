// The wait-for-code CLI as an automated login test uses it: start waiting,
// trigger the code, read it from stdout.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { adminDb, callWebhook, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { beforeEach, describe, expect, it } from "vitest";
import { writePhoneLabels } from "../firestore/phone-labels.js";

function waitForCode(...args: string[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "scripts/operator/codes/wait-for-code.ts"), ...args],
    { cwd: REPO_ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
  return { done };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

describe("npm run wait-for-code", () => {
  beforeEach(async () => {
    await clearFirestore();
  });

  it("prints the next code for a demo user, not an older one nor another user's", async () => {
    await callWebhook({
      body: { recipient: "+61400000001", code: "111111", user: { email: "owner@atko.email" } },
    });
    const waiting = waitForCode("owner@atko.email", "--timeout", "40");
    await settle();
    await callWebhook({
      body: { recipient: "+61400000002", code: "222222", user: { email: "admin@atko.email" } },
    });
    await callWebhook({
      body: { recipient: "+61400000001", code: "333333", user: { email: "owner@atko.email" } },
    });
    const result = await waiting.done;
    expect(result).toMatchObject({ code: 0, stdout: "333333\n" });
  });

  it("on a shared number, waits for the named user's code, not the other user's", async () => {
    const shared = "+61400000002";
    await writePhoneLabels(adminDb(), [
      {
        phoneNumber: shared,
        users: [
          { label: "Admin (Alice)", email: "admin@atko.email", order: 1 },
          { label: "member@atko.email", email: "member@atko.email", order: 2 },
        ],
      },
    ]);
    const waiting = waitForCode("Admin (Alice)", "--timeout", "40");
    await settle();
    await callWebhook({
      body: { recipient: shared, code: "444444", user: { email: "member@atko.email" } },
    });
    await callWebhook({
      body: { recipient: shared, code: "555555", user: { email: "admin@atko.email" } },
    });
    const result = await waiting.done;
    expect(result).toMatchObject({ code: 0, stdout: "555555\n" });
  });

  it("waits by number and gives up with exit code 2", async () => {
    const result = await waitForCode("+61400000009", "--timeout", "2").done;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No code for \+61400000009 within 2 s/);
  });

  it("refuses a malformed number", async () => {
    const result = await waitForCode("+0400").done;
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/not an E\.164 phone number/);
  });
});

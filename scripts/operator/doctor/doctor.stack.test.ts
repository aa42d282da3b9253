// `npm run doctor` against the local stack on Google's Firestore emulator (the
// in-memory one evaluates no rules): a healthy stack passes every check and
// gets a marked test notice; public mode, a wrong webhook secret and an empty
// allow-list each fail, naming the fix.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminDb, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import {
  ACCESS_DOC_ID,
  COLLECTIONS,
  PUBLIC_MODE_DOC_ID,
} from "functions/contract/firestore-schema";
import { PROBE_RECIPIENT } from "functions/contract/probe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCaptured } from "../cli/run-command-for-test.js";
import { doctorCommand } from "./doctor.js";

const google = stackEnv().firestoreKind === "google";
const config = () => adminDb().collection(COLLECTIONS.config);

/** A secrets file holding `secret`, as functions/.secret.local would. */
function secretsFile(secret: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "doctor-")), ".secret.local");
  writeFileSync(path, `OTP_WEBHOOK_SECRET=${secret}\nOTP_READ_TOKEN=${stackEnv().readToken}\n`);
  return path;
}

describe.skipIf(!google)("npm run doctor on the local stack", () => {
  const doctor = doctorCommand({ localSecretsPath: secretsFile(stackEnv().webhookSecret) });
  // The stack's own ports: no SMS_INBOX_*_PORT moves in the test environment.
  const env = () => ({ ...process.env });
  let accessBefore: FirebaseFirestore.DocumentData | undefined;
  let publicBefore: FirebaseFirestore.DocumentData | undefined;

  beforeAll(async () => {
    accessBefore = (await config().doc(ACCESS_DOC_ID).get()).data();
    publicBefore = (await config().doc(PUBLIC_MODE_DOC_ID).get()).data();
    await config()
      .doc(ACCESS_DOC_ID)
      .set({ emails: ["presenter@sms-inbox.test"], domains: [] });
    await config().doc(PUBLIC_MODE_DOC_ID).set({ enabled: false });
  });
  afterAll(async () => {
    for (const [id, before] of [
      [ACCESS_DOC_ID, accessBefore],
      [PUBLIC_MODE_DOC_ID, publicBefore],
    ] as const) {
      if (before) await config().doc(id).set(before);
      else await config().doc(id).delete();
    }
  });

  it("passes every check on a healthy stack and stores a marked test notice", async () => {
    const run = await runCaptured(doctor, [], env());
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toBe(
      `Checking the local stack at ${stackEnv().inboxUrl.replace(/\/$/, "")} (project demo-sms-inbox)`,
    );
    const checks = run.out.slice(1, -1);
    expect(checks).toHaveLength(10);
    for (const line of checks) expect(line).toMatch(/^✓ /);
    expect(run.out.at(-1)).toBe("All checks passed (10 passed).");

    const id = /stored as otpCodes\/(\S+), marked as a test notice/.exec(run.text)?.[1];
    expect(id).toBeTruthy();
    const stored = (
      await adminDb()
        .collection(COLLECTIONS.codes)
        .doc(id ?? "-")
        .get()
    ).data();
    expect(stored).toMatchObject({ recipient: PROBE_RECIPIENT, probe: true });
  });

  it("fails while public mode is on, unless --allow-public says it is on purpose", async () => {
    await config().doc(PUBLIC_MODE_DOC_ID).set({ enabled: true });
    try {
      const run = await runCaptured(doctor, [], env());
      expect(run.code).toBe(1);
      expect(run.out).toContain(
        "    fix: npm run access -- public off (or pass --allow-public if it is on on purpose)",
      );
      expect(run.text).toMatch(/^✗ public mode is off: public mode is ON/m);
      // The rules still keep the allow-list itself closed.
      expect(run.text).toMatch(/^✓ Firestore refuses readers .*config\/access refused/m);

      const allowed = await runCaptured(doctor, ["--allow-public"], env());
      expect(allowed.code).toBe(0);
      expect(allowed.text).toMatch(/^✓ public mode is off: ON, allowed by --allow-public/m);
    } finally {
      await config().doc(PUBLIC_MODE_DOC_ID).set({ enabled: false });
    }
  });

  it("fails when its webhook secret is not the function's, saying where it read it", async () => {
    const wrong = secretsFile("a-secret-the-function-does-not-have");
    const run = await runCaptured(doctorCommand({ localSecretsPath: wrong }), [], env());
    expect(run.code).toBe(1);
    expect(run.text).toContain(
      `✗ the webhook stores a test notice: the webhook refused the secret from ${wrong} (401): it is not the function's`,
    );
    // Everything else about the webhook is still fine.
    expect(run.text).toMatch(/^✓ the webhook refuses callers without the secret/m);
    expect(run.out.at(-1)).toBe("1 check failed (8 passed, 1 failed, 1 skipped).");
  });

  it("fails on an empty allow-list, naming the command that fills it", async () => {
    await config().doc(ACCESS_DOC_ID).set({ emails: [], domains: [] });
    try {
      const run = await runCaptured(doctor, [], env());
      expect(run.code).toBe(1);
      expect(run.text).toMatch(/^✗ the allow-list is not empty: the allow-list is empty/m);
      expect(run.text).toMatch(/fix: npm run access -- add you@example.com/);
    } finally {
      await config()
        .doc(ACCESS_DOC_ID)
        .set({ emails: ["presenter@sms-inbox.test"], domains: [] });
    }
  });

  it("refuses flags that need --url, with the usage", async () => {
    const run = await runCaptured(doctor, ["--admin"], env());
    expect(run.code).toBe(64);
    expect(run.err[0]).toMatch(/--admin goes with --url[\s\S]*Usage: npm run doctor/);
  });
});

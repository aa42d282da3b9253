// The wait-for-code CLI as an automated login test uses it: start waiting,
// trigger the code, read it from stdout.
import { spawn } from "node:child_process";
import { join } from "node:path";
import {
  adminDb,
  callWebhook,
  clearFirestore,
  stackEnv,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { FieldValue, Timestamp } from "firebase-admin/firestore";
import { requireAuthenticatorPerson } from "functions/authenticator/person";
import { parseBase32Secret } from "functions/authenticator/secret";
import { totpForStep } from "functions/authenticator/totp";
import type { AuthenticatorCodeAnswer } from "functions/contract/codes-api";
import type { EmailLink } from "functions/contract/email";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import { beforeEach, describe, expect, it } from "vitest";
import { addedByHand, writeAuthenticator } from "../authenticator/authenticator-store.js";
import { writePhoneLabels } from "../firestore/phone-labels.js";

// The stack's environment names the inbox (SMS_INBOX_URL); without it the
// command waits on Firestore directly (local mode).
const { SMS_INBOX_URL: _inbox, SMS_INBOX_READ_TOKEN: _token, ...localEnv } = process.env;

function run(env: NodeJS.ProcessEnv, args: string[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "scripts/operator/codes/wait-for-code.ts"), ...args],
    { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  let began: () => void = () => {};
  // The command says on stderr when its wait has begun: codes sent after that are new.
  const waiting = new Promise<void>((resolve) => {
    began = resolve;
  });
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (stderr.includes("Waiting up to")) began();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
  return { done, waiting: Promise.race([waiting, done]) };
}

/** An email in the shape the webhook stores, written directly (the webhook learns emails in parallel). */
async function storeEmail(to: string, messageType: string, code: string, mainLink?: EmailLink) {
  const ref = adminDb().collection(COLLECTIONS.codes).doc();
  await ref.set({
    recipient: to,
    code,
    messageText: "",
    messageType,
    deliveryMethod: "email",
    channel: "email",
    email: {
      subject: mainLink ? "Verify your email" : "Your code",
      links: mainLink ? [mainLink] : [],
      mainLink: mainLink ?? null,
      linksTruncated: false,
    },
    label: to,
    owners: [to],
    receivedAt: FieldValue.serverTimestamp(),
    expireAt: Timestamp.fromMillis(Date.now() + 10 * 60_000),
  });
  return ref.id;
}

const VERIFY: EmailLink = {
  url: "https://demo.eu.auth0.com/u/email-verification?ticket=T1cket#",
  text: "Verify your account",
};

const waitForCode = (...args: string[]) => run(localEnv, args);
const waitOverHttp = (...args: string[]) => run(localEnv, [...args, "--url", stackEnv().inboxUrl]);

describe("npm run wait-for-code", () => {
  beforeEach(async () => {
    await clearFirestore();
  });

  it("prints the next code for a demo user, not an older one nor another user's", async () => {
    await callWebhook({
      body: { recipient: "+61400000001", code: "111111", user: { email: "owner@atko.email" } },
    });
    const waiting = waitForCode("owner@atko.email", "--timeout", "40");
    await waiting.waiting;
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
    await waiting.waiting;
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

  it("over the codes API: prints the next code, with --json the whole answer", async () => {
    await callWebhook({
      body: { recipient: "+61400000001", code: "121212", user: { email: "owner@atko.email" } },
    });
    const plain = waitOverHttp("owner@atko.email", "--timeout", "40");
    const json = waitOverHttp("+61400000001", "--timeout", "40", "--json");
    await Promise.all([plain.waiting, json.waiting]);
    const posted = await callWebhook({
      body: { recipient: "+61400000001", code: "343434", user: { email: "owner@atko.email" } },
    });
    expect(await plain.done).toMatchObject({ code: 0, stdout: "343434\n" });
    const result = await json.done;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      id: (posted.body as { id: string }).id,
      code: "343434",
      recipient: "+61400000001",
      label: "owner@atko.email",
    });
  });

  it("over the codes API: --since takes a code already there; a timeout exits 2", async () => {
    await callWebhook({ body: { recipient: "+61400000003", code: "565656" } });
    expect(await waitOverHttp("+61400000003", "--since", "60").done).toMatchObject({
      code: 0,
      stdout: "565656\n",
    });
    const timedOut = await waitOverHttp("+61400000003", "--timeout", "2").done;
    expect(timedOut.code).toBe(2);
    expect(timedOut.stderr).toMatch(/No code for \+61400000003 within 2 s/);
  });

  it("prints an email's verification link with --link, in both modes, and not an earlier one", async () => {
    await storeEmail("alice@example.com", "verify_email", "", {
      ...VERIFY,
      url: `${VERIFY.url}-stale`,
    });
    const local = waitForCode("alice@example.com", "--link", "--type", "verify_email");
    const http = waitOverHttp("alice@example.com", "--link", "--type", "verify_email");
    await Promise.all([local.waiting, http.waiting]);
    await storeEmail("alice@example.com", "welcome_email", "");
    await storeEmail("alice@example.com", "verify_email", "", VERIFY);
    for (const result of [await local.done, await http.done])
      expect(result, result.stderr).toMatchObject({ code: 0, stdout: `${VERIFY.url}\n` });
  });

  it("prints an email's code with --channel email; --link on an email without a link exits 1", async () => {
    const code = waitOverHttp("alice@example.com", "--channel", "email", "--timeout", "40");
    const link = waitForCode("alice@example.com", "--link", "--timeout", "40");
    // An SMS login's wait on the same person is not answered by the email.
    const sms = waitOverHttp("alice@example.com", "--timeout", "4");
    await Promise.all([code.waiting, link.waiting, sms.waiting]);
    await storeEmail("alice@example.com", "mfa_oob_code", "482913");
    expect(await code.done).toMatchObject({ code: 0, stdout: "482913\n" });
    const noLink = await link.done;
    expect(noLink.code).toBe(1);
    expect(noLink.stdout).toBe("");
    expect(noLink.stderr).toMatch(/mfa_oob_code email "Your code" has no main link/);
    expect((await sms.done).code).toBe(2);
  });

  it("over the codes API: a wrong token is refused with exit code 1 and says why", async () => {
    const result = await run({ ...localEnv, SMS_INBOX_READ_TOKEN: "not-the-token-0123456789" }, [
      "+61400000001",
      "--url",
      stackEnv().inboxUrl,
    ]).done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused \(401 unauthorized\)/);
    expect(result.stdout).toBe("");
  });

  it("prints a demo user's authenticator code, the one totp.ts computes, over the API and on Firestore", async () => {
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    const parsed = parseBase32Secret(secret);
    await writeAuthenticator(
      adminDb(),
      addedByHand(requireAuthenticatorPerson("owner@atko.email"), parsed),
    );
    const { key } = parsed;
    for (const mode of [waitForCode, waitOverHttp]) {
      const json = await mode("Owner@Atko.email", "--channel", "authenticator", "--json").done;
      expect(json.code, json.stderr).toBe(0);
      const answer = JSON.parse(json.stdout) as AuthenticatorCodeAnswer;
      expect(answer.code).toBe(
        totpForStep(key, Math.floor(Date.parse(answer.validFrom) / 30_000)).code,
      );
      expect(answer.validSeconds).toBeGreaterThanOrEqual(5);
      expect(json.stdout).not.toContain(secret);

      const plain = await mode(
        "owner@atko.email",
        "--channel",
        "authenticator",
        "--min-valid-seconds",
        "0",
      ).done;
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).toMatch(/^\d{6}\n$/);

      const nobody = await mode("admin@atko.email", "--channel", "authenticator").done;
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toMatch(/no authenticator/);
    }
  });
});

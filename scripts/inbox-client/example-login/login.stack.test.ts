// The automated login test our users write, run against the local stack: a
// login page with SMS MFA (split digit inputs, as on Universal Login) sends a
// code the way the Auth0 Action does; the test waits for it through the codes
// API with the client module, pastes it, and is signed in. A user enrolled
// with an authenticator passes the same prompt with the code the inbox
// computes from the secret it holds. docs/codes-api.md shows the same test for
// Playwright Test and Cypress.

import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { adminDb, clearFirestore, stackEnv } from "@sms-inbox/local-stack/stack-test-helpers";
import { writeAuthenticator } from "@sms-inbox/operator/authenticator/authenticator-store";
import { runCaptured } from "@sms-inbox/operator/cli/run-command-for-test";
import { sendCodeCommand } from "@sms-inbox/operator/codes/send-code";
import { requireAuthenticatorPerson } from "functions/authenticator/person";
import { newAuthenticatorSecret, parseBase32Secret } from "functions/authenticator/secret";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticatorCode, latestCode, waitForCode } from "../src/inbox-client.js";
import { type OtpLoginApp, startOtpLoginApp } from "./otp-login-app.js";

const USER = "owner@atko.email";
const NUMBER = "+61400000001";
/** Enrolled with an authenticator whose secret the inbox holds (as auth0:enrol stores it). */
const TOTP_USER = "totp-owner@atko.email";
const TOTP_SECRET = newAuthenticatorSecret();

/** Posts the code to the inbox exactly as the Auth0 Action would. */
async function deliverAsTheAction(code: string, email: string) {
  const run = await runCaptured(
    sendCodeCommand,
    ["--url", stackEnv().webhookUrl, "--to", NUMBER, "--email", email, "--code", code],
    process.env,
  );
  if (run.code !== 0) throw new Error(`send-code failed: ${run.text}`);
}

describe("an automated login test with SMS MFA", () => {
  let browser: Browser;
  let app: OtpLoginApp;
  beforeAll(async () => {
    await clearFirestore();
    await writeAuthenticator(adminDb(), {
      person: requireAuthenticatorPerson(TOTP_USER),
      secret: TOTP_SECRET,
      source: "enrolled",
      name: "Shared SMS Inbox",
    });
    const enrolled = new Map([[TOTP_USER, parseBase32Secret(TOTP_SECRET).key]]);
    [browser, app] = await Promise.all([
      launchChromium(),
      startOtpLoginApp(deliverAsTheAction, enrolled),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.close()]);
  });

  it("signs in with the code the login sent, never an earlier run's", async () => {
    const inbox = { baseUrl: stackEnv().inboxUrl, token: stackEnv().readToken, user: USER };
    // An earlier run left a live code for the same user in the inbox.
    await deliverAsTheAction("111111", USER);

    const page = await browser.newPage();
    await page.goto(app.url);
    // Before the login sends anything: the newest code now is the cursor.
    const before = await latestCode(inbox);
    expect(before?.code).toBe("111111");
    await page.getByLabel("Email").fill(USER);
    await page.getByRole("button", { name: "Continue" }).click();

    const { code } = await waitForCode({ ...inbox, after: before?.id, timeoutMs: 30_000 });
    await pasteCode(page, code);
    await page.getByRole("button", { name: "Verify" }).click();

    await expect.poll(() => page.getByRole("status").textContent()).toBe(`Signed in as ${USER}`);
    expect(code).toBe(app.issued.get(USER));
    expect(code).not.toBe("111111");
    expect(app.accepted).toEqual([code]);
  });

  it("passes the authenticator challenge with the code the inbox computes", async () => {
    const inbox = { baseUrl: stackEnv().inboxUrl, token: stackEnv().readToken, user: TOTP_USER };
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel("Email").fill(TOTP_USER);
    await page.getByRole("button", { name: "Continue" }).click();
    // At least 10 s to live, so the code cannot die between asking and verifying.
    const { code, validSeconds } = await authenticatorCode({ ...inbox, minValidSeconds: 10 });
    expect(validSeconds).toBeGreaterThanOrEqual(10);
    await pasteCode(page, code);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe(`Signed in as ${TOTP_USER}`);
    expect(app.accepted.at(-1)).toBe(code);
    expect(app.issued.has(TOTP_USER)).toBe(false); // nothing was sent: the code was computed
  });

  it("is refused with a wrong code, so the test above could fail", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel("Email").fill(USER);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("Digit 1").fill("0");
    for (let digit = 2; digit <= 6; digit++) await page.getByLabel(`Digit ${digit}`).fill("0");
    const issued = app.issued.get(USER);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe(issued === "000000" ? `Signed in as ${USER}` : "Wrong code, try again.");
  });
});

/** Pastes a code into the first digit box, as a person does (the page spreads it over the six). */
async function pasteCode(page: Page, code: string) {
  await page.getByLabel("Digit 1").focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData("text", text);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, code);
}

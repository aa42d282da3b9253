// Takes the README's screenshots of the inbox page: starts its own local
// stack, fills it with a realistic demo, signs in as the local presenter and
// photographs the page in light, dark and presenter mode (plus sign-in, a
// phone, an authenticator's code on a card, an email in the viewer, and two
// demo users who share a number). Run with
// `npm run screenshots -w web` after `npm run build`.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import { processEnvFor, startStack } from "@sms-inbox/local-stack/stack";
import { seedLocalAccess } from "@sms-inbox/operator/access/seed-local-access";
import { phoneLabelsFor } from "@sms-inbox/operator/auth0/demo-users";
import { writeAuthenticator } from "@sms-inbox/operator/authenticator/authenticator-store";
import { REPO_ROOT } from "@sms-inbox/operator/cli/repo-facts";
import { emailNotification } from "@sms-inbox/operator/codes/email-notification";
import { adminApp } from "@sms-inbox/operator/firestore/admin";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { getAuth } from "firebase-admin/auth";
import { type Firestore, getFirestore, Timestamp } from "firebase-admin/firestore";
import { requireAuthenticatorPerson } from "functions/authenticator/person";
import { newAuthenticatorSecret } from "functions/authenticator/secret";
import { COLLECTIONS } from "functions/contract/firestore-schema";
import type { Page } from "playwright-core";

const OUT_DIR = join(REPO_ROOT, "docs", "screenshots");
const RETENTION_MS = 10 * 60_000;

/** The demo users file, in order; Erin and Frank share one number, as in the seed's setup. */
const SHARED = "+61400000005";
const USERS = [
  { phoneNumber: "+61400000001", label: "Alice (admin)", email: "alice@atko.email" },
  { phoneNumber: "+61400000002", label: "Bob (member)", email: "bob@atko.email" },
  { phoneNumber: "+61400000003", label: "Carol (owner)", email: "carol@atko.email" },
  { phoneNumber: "+61400000004", label: "Dave (viewer)", email: "dave@atko.email" },
  { phoneNumber: SHARED, label: "Erin (sales)", email: "erin@atko.email" },
  { phoneNumber: SHARED, label: "Frank (sales)", email: "frank@atko.email" },
] as const;

/** Older codes, written with their past receive times; [user index, seconds ago, fields]. */
const HISTORY = [
  [2, 370, { code: "204971", messageType: "otp_verify", deliveryMethod: "text" }],
  [4, 300, { code: "371846", messageType: "otp_verify", deliveryMethod: "text" }],
  [0, 250, { code: "582013", messageType: "otp_verify", deliveryMethod: "text" }],
  [3, 190, { code: "640218", messageType: "otp_enroll", deliveryMethod: "voice" }],
  [5, 150, { code: "905372", messageType: "otp_verify", deliveryMethod: "text" }],
  [1, 125, { code: "", messageType: "blocked_account", deliveryMethod: "text" }],
  [4, 70, { code: "428630", messageType: "otp_verify", deliveryMethod: "text" }],
  [0, 41, { code: "730551", messageType: "otp_verify", deliveryMethod: "text" }],
] as const;

function messageText(code: string, messageType: string): string {
  if (messageType === "blocked_account") {
    return "Your account has been blocked after multiple consecutive login attempts.";
  }
  return messageType === "otp_enroll"
    ? `Your enrollment code is ${code}`
    : `Your verification code is ${code}. It expires in 5 minutes.`;
}

async function writeDemo(db: Firestore, webhookUrl: string, secret: string): Promise<void> {
  await writePhoneLabels(db, phoneLabelsFor(USERS.map((user, order) => ({ ...user, order }))));
  // Alice also has an authenticator: her card shows its live code.
  await writeAuthenticator(db, {
    person: requireAuthenticatorPerson(USERS[0].email),
    secret: newAuthenticatorSecret(),
    source: "enrolled",
    name: "Shared SMS Inbox",
  });
  const now = Date.now();
  for (const [index, secondsAgo, fields] of HISTORY) {
    const user = USERS[index];
    const receivedAt = now - secondsAgo * 1000;
    await db.collection(COLLECTIONS.codes).add({
      recipient: user.phoneNumber,
      ...fields,
      messageText: messageText(fields.code, fields.messageType),
      label: user.email,
      user: { email: user.email },
      receivedAt: Timestamp.fromMillis(receivedAt),
      expireAt: Timestamp.fromMillis(receivedAt + RETENTION_MS),
    });
  }
  // Two emails through the real webhook, as the email Action posts them: Carol's
  // verification link (Copy link, Open) and Alice's email-MFA code.
  for (const [index, messageType, code] of [
    [2, "verify_email", undefined],
    [0, "mfa_oob_code", "274915"],
  ] as const) {
    const user = USERS[index];
    const { body } = emailNotification({
      to: user.email,
      messageType,
      ...(code ? { code } : {}),
      userEmail: user.email,
      tenant: "atko-demo",
      correlationId: `screenshots-${messageType}`,
    });
    const sent = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify(body),
    });
    if (sent.status !== 201) throw new Error(`the webhook answered ${sent.status} to an email`);
  }
  // The newest code arrives through the real webhook.
  const reply = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: JSON.stringify({
      recipient: USERS[1].phoneNumber,
      code: "118204",
      messageText: messageText("118204", "otp_verify"),
      user: { email: USERS[1].email },
    }),
  });
  if (reply.status !== 201) throw new Error(`the webhook answered ${reply.status}`);
}

type Scheme = "light" | "dark";

async function signInAsPresenter(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await page.getByLabel("Google account email").fill("presenter@sms-inbox.test");
  await page.getByRole("button", { name: "Sign in with Google" }).click();
  await page.locator(".connection").waitFor();
}

async function shoot(page: Page, name: string, scheme: Scheme, width: number, height: number) {
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  const path = join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  console.log(`  ${path}`);
}

const stack = await startStack();
try {
  Object.assign(process.env, processEnvFor(stack));
  const app = adminApp(stack.env.projectId);
  const db = getFirestore(app);
  await seedLocalAccess(db, getAuth(app));
  mkdirSync(OUT_DIR, { recursive: true });
  const browser = await launchChromium();
  try {
    console.log("Screenshots:");
    const signInContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const signInPage = await signInContext.newPage();
    await signInPage.goto(stack.env.inboxUrl);
    await signInPage.getByRole("heading", { name: "Sign in to see the codes" }).waitFor();
    await shoot(signInPage, "sign-in", "light", 1280, 720);
    await signInContext.close();

    // One page, signed in before the data exists: every shot is of the same
    // live page (the demo data arrives as changes, as it would in a demo).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(stack.env.inboxUrl);
    await signInAsPresenter(page);
    await writeDemo(db, stack.env.webhookUrl, stack.env.webhookSecret);
    await page.locator('.connection[data-state="live"]').waitFor();
    await page
      .locator(".code-row")
      .nth(HISTORY.length + 2)
      .waitFor();
    // Let the new-code highlight fade so the shots show the resting state.
    await page.waitForTimeout(4500);
    await shoot(page, "light", "light", 1280, 900);
    await shoot(page, "authenticator", "light", 1280, 680);
    await shoot(page, "dark", "dark", 1280, 900);
    await page.keyboard.press("p");
    await shoot(page, "presenter", "dark", 1440, 900);
    await page.keyboard.press("p");
    await shoot(page, "phone", "light", 390, 844);
    // An email as the message it is, in the sandboxed viewer.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page
      .getByRole("button", { name: /View email/ })
      .first()
      .click();
    await page.locator("iframe").first().waitFor();
    await shoot(page, "email", "light", 1280, 900);
    await page.keyboard.press("Escape");
    // Two users on one number: each has their own card and code, and only
    // Erin's own older code is superseded.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole("searchbox").fill("+61 400 000 005");
    await page.locator(".code-row").nth(2).waitFor();
    await shoot(page, "shared-number", "light", 1280, 720);
  } finally {
    await browser.close();
  }
} finally {
  await stack.stop();
}

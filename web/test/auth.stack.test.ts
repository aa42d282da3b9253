// Sign-in in real Chromium through the Auth emulator (issue 6): signed out,
// allowed (email link and Google), not allowed, public mode, sign out.

import { launchChromium } from "@sms-inbox/local-stack/chromium";
import {
  allow,
  disallow,
  type InboxPage,
  openInbox,
  publicMode,
  signInWithEmailLink,
  signInWithGoogle,
  waitForConnection,
} from "@sms-inbox/local-stack/inbox-page";
import {
  adminDb,
  callWebhook,
  clearFirestore,
  skipUnlessRulesEnforced,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

const ALLOWED = "alice@inbox-e2e.test";
const OUTSIDER = "mallory@elsewhere-e2e.test";
const NUMBER = "+61400000201";
const CODE = "271828";

let browser: Browser;
let open: InboxPage | undefined;

const signInHeading = (inbox: InboxPage) =>
  inbox.page.getByRole("heading", { name: "Sign in to see the codes" });

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  await clearFirestore();
  await writePhoneLabels(adminDb(), [
    { phoneNumber: NUMBER, users: [{ label: "Alice (auth e2e)", order: 0 }] },
  ]);
  await allow(ALLOWED);
  const reply = await callWebhook({ body: { recipient: NUMBER, code: CODE } });
  expect(reply.status).toBe(201);
});

afterEach(async () => {
  if (open && open.errors.length > 0) console.log(`[browser] ${open.errors.join("\n")}`);
  await open?.context.close();
  open = undefined;
});

describe("signing in", () => {
  it("shows a signed-out visitor the sign-in buttons and no codes, at / and /otp", async () => {
    for (const path of ["/", "/otp"]) {
      open = await openInbox(browser, path);
      await signInHeading(open).waitFor();
      await open.page.getByRole("button", { name: "Continue with Google" }).waitFor();
      await open.page.getByRole("button", { name: "Email me a sign-in link" }).waitFor();
      expect(await open.page.getByText(CODE).count()).toBe(0);
      await open.context.close();
      open = undefined;
    }
  });

  it("lets an allowed user in with an email link, and out again", async () => {
    open = await openInbox(browser);
    await signInWithEmailLink(open.page, ALLOWED);
    await waitForConnection(open.page, "live");
    await open.page.locator(".code-row .code-value", { hasText: CODE }).waitFor();
    // The link's one-time parameters are gone from the address bar.
    expect(new URL(open.page.url()).search).toBe("");
    await expect(open.page.locator(".account-email").textContent()).resolves.toBe(ALLOWED);
    expect(await open.cspViolations()).toEqual([]);
    await open.page.getByRole("button", { name: "Sign out" }).click();
    await signInHeading(open).waitFor();
    expect(await open.page.getByText(CODE).count()).toBe(0);
  });

  it("lets an allowed user in with Google (the Auth emulator's fake Google accounts)", async () => {
    open = await openInbox(browser);
    await signInWithGoogle(open.page, ALLOWED);
    await waitForConnection(open.page, "live");
    await open.page.locator(".code-row .code-value", { hasText: CODE }).waitFor();
  });

  it("refuses a user who is not on the allow-list, and says whom to ask", async (ctx) => {
    skipUnlessRulesEnforced(ctx);
    open = await openInbox(browser);
    await signInWithGoogle(open.page, OUTSIDER);
    await open.page.getByRole("heading", { name: "You don't have access yet" }).waitFor();
    await open.page.getByText(`npm run access -- add ${OUTSIDER}`).waitFor();
    await waitForConnection(open.page, "not-allowed");
    expect(await open.page.getByText(CODE).count()).toBe(0);
    await allow(OUTSIDER);
    await open.page.getByRole("button", { name: "Check again now" }).click();
    await open.page.locator(".code-row .code-value", { hasText: CODE }).waitFor();
  });
});

describe("removed from the allow-list", () => {
  it("refuses an open page on the next change and shows the refusal", async (ctx) => {
    skipUnlessRulesEnforced(ctx);
    open = await openInbox(browser);
    await signInWithEmailLink(open.page, ALLOWED);
    await waitForConnection(open.page, "live");
    await open.page.locator(".code-row .code-value", { hasText: CODE }).waitFor();
    await disallow(ALLOWED);
    // The listener's next change is evaluated against the new list.
    const later = "314159";
    expect((await callWebhook({ body: { recipient: NUMBER, code: later } })).status).toBe(201);
    await open.page.getByRole("heading", { name: "You don't have access yet" }).waitFor();
    await waitForConnection(open.page, "not-allowed");
    expect(await open.page.getByText(later).count()).toBe(0);
    expect(await open.page.getByText(CODE).count()).toBe(0);
  });
});

describe("public mode", () => {
  it("shows codes without sign-in under a warning, and stops when switched off", async () => {
    await publicMode(true);
    open = await openInbox(browser);
    await open.page.getByText("Public mode is on:").waitFor();
    await open.page.locator(".code-row .code-value", { hasText: CODE }).waitFor();
    await publicMode(false);
    await signInHeading(open).waitFor();
    expect(await open.page.getByText(CODE).count()).toBe(0);
  });
});

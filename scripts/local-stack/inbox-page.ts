// Driving the inbox page in Chromium against the local stack (stack tests and
// test:reliability): sign-in flows, waiting for the connection state, and where
// each code shows up.

import {
  addEntries,
  parseAccessEntry,
  removeEntries,
} from "@sms-inbox/operator/access/access-list";
import { changeAccess, setPublicMode } from "@sms-inbox/operator/access/access-store";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { adminDb, stackEnv } from "./stack-test-helpers.js";

export interface InboxPage {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and uncaught exceptions, for failure messages. */
  errors: string[];
  /** Content-Security-Policy violations the page reported so far. */
  cspViolations(): Promise<string[]>;
}

export async function openInbox(browser: Browser, path = "/"): Promise<InboxPage> {
  const origin = new URL(stackEnv().inboxUrl).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  // Collects CSP violations (the Hosting emulator serves firebase.json's headers).
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  await page.goto(new URL(path, origin).toString());
  const cspViolations = () =>
    page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return { context, page, errors, cspViolations };
}

/** Puts an address on config/access (the rules only read it under Google's emulator). */
export async function allow(email: string): Promise<void> {
  await changeAccess(adminDb(), (current) => addEntries(current, [parseAccessEntry(email)]));
}

export async function disallow(email: string): Promise<void> {
  await changeAccess(adminDb(), (current) => removeEntries(current, [parseAccessEntry(email)]));
}

export const publicMode = (enabled: boolean) => setPublicMode(adminDb(), enabled);

interface OobCode {
  email?: string;
  requestType?: string;
  oobLink?: string;
}

/** The newest sign-in link the Auth emulator recorded for an address. */
export async function emailLinkFor(email: string): Promise<string> {
  const { authHost, projectId } = stackEnv();
  const response = await fetch(`http://${authHost}/emulator/v1/projects/${projectId}/oobCodes`);
  const { oobCodes = [] } = (await response.json()) as { oobCodes?: OobCode[] };
  const link = oobCodes
    .filter((c) => c.requestType === "EMAIL_SIGNIN" && c.email === email)
    .at(-1)?.oobLink;
  if (!link) throw new Error(`the Auth emulator holds no sign-in link for ${email}`);
  return link;
}

/** Signs in the way a person does: ask for a link, open it from "the mailbox". */
export async function signInWithEmailLink(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByText("Check your email").waitFor();
  await page.goto(await emailLinkFor(email));
}

export async function signInWithGoogle(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await page.getByLabel("Google account email").fill(email);
  await page.getByRole("button", { name: "Sign in with Google" }).click();
}

export const connection = (page: Page): Locator => page.locator(".connection");

export async function waitForConnection(page: Page, state: string, timeout = 30_000) {
  await page.locator(`.connection[data-state="${state}"]`).waitFor({ timeout });
}

export const codeRow = (page: Page, id: string): Locator =>
  page.locator(`.code-row[data-code-id="${id}"]`);

/** The card of a number's only demo user (users who share a number: personCard). */
export const pinnedCard = (page: Page, phoneNumber: string): Locator =>
  page.locator(`.pinned-card[data-phone="${phoneNumber}"]`);

export const personCard = (page: Page, email: string): Locator =>
  page.locator(`.pinned-card[data-owner="user:${email}"]`);

/**
 * Records, inside the page, the wall-clock time at which each code row first
 * appears, so latency is measured where the user sees it, not when Node polls.
 */
export async function recordArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __arrivals: Record<string, number> }).__arrivals = seen;
    const note = () => {
      for (const row of document.querySelectorAll<HTMLElement>(".code-row[data-code-id]")) {
        const id = row.dataset.codeId;
        if (id && !(id in seen)) seen[id] = performance.timeOrigin + performance.now();
      }
    };
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true });
    note();
  });
}

export async function arrivalTime(page: Page, id: string): Promise<number> {
  const handle = await page.waitForFunction(
    (codeId) => (window as unknown as { __arrivals?: Record<string, number> }).__arrivals?.[codeId],
    id,
  );
  return (await handle.jsonValue()) as number;
}

export function summarize(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const ms = (v: number | undefined) => `${(v ?? Number.NaN).toFixed(0)} ms`;
  return `n=${sorted.length} median ${ms(at(0.5))}, min ${ms(sorted[0])}, max ${ms(sorted.at(-1))}`;
}

interface TestHooksWindow {
  __inboxTestHooks: { failFirestoreQueue(): void; firestoreGeneration(): number };
}

/**
 * Fails the page's Firestore SDK the way an internal assertion does (its
 * queue marked failed for good), through the emulator build's test hook.
 */
export const failFirestoreQueue = (page: Page): Promise<void> =>
  page.evaluate(() => (window as unknown as TestHooksWindow).__inboxTestHooks.failFirestoreQueue());

/** Which Firestore instance the page is on: 0, then one more each time it replaced a failed one. */
export const firestoreGeneration = (page: Page): Promise<number> =>
  page.evaluate(() =>
    (window as unknown as TestHooksWindow).__inboxTestHooks.firestoreGeneration(),
  );

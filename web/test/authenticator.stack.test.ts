// Authenticator (TOTP) codes on the cards in real headless Chromium against
// the local stack: authenticators stored the way `npm run authenticator add`
// stores them (Admin SDK, the secret apart), the page's request to
// /api/authenticator/codes through Hosting with the signed-in reader's ID
// token, and what a presenter sees: the right code (computed here from the
// stored secret with the function's own totp.ts), the next code in the
// step's last seconds, the rollover at the step boundary without a reload, a
// card for someone with nothing but an authenticator, presenter mode and
// dark mode under axe. Real time, not a fake clock: the codes follow the
// server's clock, which a fake browser clock would only pull away from.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import {
  allow,
  type InboxPage,
  openInbox,
  personCard,
  signInWithGoogle,
  waitForConnection,
} from "@sms-inbox/local-stack/inbox-page";
import { adminDb, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { writeAuthenticator } from "@sms-inbox/operator/authenticator/authenticator-store";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import type { AxeResults } from "axe-core";
import { authenticatorPerson } from "functions/authenticator/person";
import { newAuthenticatorSecret, parseBase32Secret } from "functions/authenticator/secret";
import { stepAt, totpAt, totpForStep } from "functions/authenticator/totp";
import {
  AUTHENTICATOR_CODES_PATH,
  AUTHENTICATOR_METHOD_NAME,
} from "functions/contract/authenticator";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEXT_CODE_SHOWN_MS } from "../src/logic/authenticator.js";

const PRESENTER = "presenter@totp-e2e.test";
const ALICE = { phoneNumber: "+61400000701", label: "Alice (totp)", email: "alice@totp-e2e.test" };
/** No phone, no email: an authenticator alone. */
const KIOSK_LABEL = "Kiosk (totp)";
const PERIOD_MS = 30_000;
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

let browser: Browser;
let inbox: InboxPage;
const secrets = new Map<string, string>();
/** Every answer the page's endpoint gave, as text: no secret may be in one. */
const answers: string[] = [];

async function addAuthenticator(who: string): Promise<string> {
  const parsed = authenticatorPerson(who);
  if (!parsed.ok) throw new Error(parsed.message);
  const secret = newAuthenticatorSecret();
  await writeAuthenticator(adminDb(), {
    person: parsed.person,
    secret,
    source: "added",
    name: AUTHENTICATOR_METHOD_NAME,
  });
  secrets.set(parsed.person.key, secret);
  return parsed.person.key;
}

const keyOf = (personKey: string) => parseBase32Secret(secrets.get(personKey) ?? "").key;
/** The code the function computes from the stored secret, at a Node instant (same machine as the stack). */
const expectedAt = (personKey: string, epochMs: number) => totpAt(keyOf(personKey), epochMs).code;
const msLeftInStep = () => PERIOD_MS - (Date.now() % PERIOD_MS);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const part = (card: Locator) => card.locator(".pinned-authenticator");
const shownCode = (card: Locator) => part(card).locator(".authenticator-current .code-value");
const shownNext = (card: Locator) => part(card).locator(".authenticator-next .code-value");

/** Waits until the step has at least `ms` left, so a reading cannot straddle a boundary. */
async function awayFromBoundary(ms = 2500): Promise<void> {
  if (msLeftInStep() < ms) await pause(msLeftInStep() + 300);
}

let aliceKey: string;
let kioskKey: string;

beforeAll(async () => {
  browser = await launchChromium();
  await clearFirestore();
  await writePhoneLabels(adminDb(), [
    {
      phoneNumber: ALICE.phoneNumber,
      users: [{ label: ALICE.label, email: ALICE.email, order: 0 }],
    },
  ]);
  await allow(PRESENTER);
  aliceKey = await addAuthenticator(ALICE.email);
  kioskKey = await addAuthenticator(KIOSK_LABEL);
  inbox = await openInbox(browser);
  inbox.page.on("response", (response) => {
    if (new URL(response.url()).pathname !== AUTHENTICATOR_CODES_PATH) return;
    void response.text().then(
      (text) => answers.push(text),
      () => undefined,
    );
  });
  await signInWithGoogle(inbox.page, PRESENTER);
  await waitForConnection(inbox.page, "live");
  await shownCode(personCard(inbox.page, ALICE.email)).waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  if (inbox && inbox.errors.length > 0) console.log(`[browser] ${inbox.errors.join("\n")}`);
  await inbox?.context.close();
  await browser?.close();
});

describe("authenticator codes on the cards", () => {
  it("shows the code computed from the stored secret, with the seconds it has left", async () => {
    const card = personCard(inbox.page, ALICE.email);
    await awayFromBoundary();
    const now = Date.now();
    expect(await shownCode(card).textContent()).toBe(expectedAt(aliceKey, now));
    const left = Number(
      (await part(card).locator(".authenticator-left").textContent())?.replace(" s", ""),
    );
    expect(Math.abs(left - Math.ceil(msLeftInStep() / 1000))).toBeLessThanOrEqual(1);
    // Her demo user's card, with her number: the authenticator joins it, no second card.
    expect(await card.locator(".number").textContent()).toBe(ALICE.phoneNumber);
    expect(await inbox.page.locator(`.pinned-card[data-owner="${aliceKey}"]`).count()).toBe(1);
  });

  it("gives a card to someone with nothing but an authenticator", async () => {
    const card = inbox.page.locator(`.pinned-card[data-owner="${kioskKey}"]`);
    await awayFromBoundary();
    expect(await card.getByRole("heading").textContent()).toBe(KIOSK_LABEL);
    expect(await card.locator(".number").count()).toBe(0);
    expect(await shownCode(card).textContent()).toBe(expectedAt(kioskKey, Date.now()));
  });

  it("moves the countdown bar with the seconds, runs no animation, and renders nothing else", async () => {
    const card = personCard(inbox.page, ALICE.email);
    // The 3 s watched below must end before the step's last seconds, when the
    // next code appears and the card changes for a reason of its own.
    await awayFromBoundary(NEXT_CODE_SHOWN_MS + 4500);
    const bar = await card.evaluate((element) => {
      const fill = element.querySelector<HTMLElement>(".authenticator-bar-fill");
      return {
        // Any running animation would have Chromium draw a frame every vsync.
        animations: element.getAnimations({ subtree: true }).length,
        share: Number(/scaleX\(([\d.]+)\)/.exec(fill?.style.transform ?? "")?.[1]),
        seconds: Number.parseInt(
          element.querySelector(".authenticator-left")?.textContent ?? "",
          10,
        ),
      };
    });
    expect(bar.animations).toBe(0);
    expect(bar.share).toBeCloseTo(bar.seconds / (PERIOD_MS / 1000), 3);
    const left = (PERIOD_MS - (Date.now() % PERIOD_MS)) / PERIOD_MS;
    expect(Math.abs(bar.share - left)).toBeLessThan(0.1);
    // Over 3 s: the seconds text changes (about once a second), nothing else on the card.
    const changed = await card.evaluate(
      (element) =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const observer = new MutationObserver((records) => {
            for (const record of records) {
              const target =
                record.target instanceof Element ? record.target : record.target.parentElement;
              seen.push(target?.className ?? "?");
            }
          });
          observer.observe(element, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
          });
          setTimeout(() => {
            observer.disconnect();
            resolve(seen);
          }, 3000);
        }),
    );
    const others = changed.filter(
      (name) => !/authenticator-left|sr-only|authenticator-bar-fill/.test(name),
    );
    expect(others).toEqual([]);
    expect(changed.length).toBeGreaterThanOrEqual(2);
    expect(changed.length).toBeLessThanOrEqual(12);
  });

  it("shows the next code in the step's last seconds, then rolls over at the boundary without a reload", async () => {
    const card = personCard(inbox.page, ALICE.email);
    await inbox.page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    // Into the step's last 7 s (5 s left, so the step is certainly there).
    if (msLeftInStep() < 5000) await pause(msLeftInStep() + 300);
    await pause(msLeftInStep() - 5000);
    const step = stepAt(Date.now());
    const current = totpForStep(keyOf(aliceKey), step).code;
    const next = totpForStep(keyOf(aliceKey), step + 1).code;
    await shownNext(card).waitFor({ timeout: 2000 });
    expect(await shownCode(card).textContent()).toBe(current);
    expect(await shownNext(card).textContent()).toBe(next);
    expect(await part(card).locator(".authenticator-countdown.ending").count()).toBe(1);
    // The boundary: the next code becomes current within a second, with no reload.
    await pause(msLeftInStep() + 50);
    const rolledAt = Date.now();
    await inbox.page.waitForFunction(
      ([owner, code]) =>
        document.querySelector(
          `.pinned-card[data-owner="${owner}"] .authenticator-current .code-value`,
        )?.textContent === code,
      [aliceKey, next] as const,
      { timeout: 1000 },
    );
    expect(Date.now() - rolledAt).toBeLessThan(1000);
    expect(await shownNext(card).count()).toBe(0);
    expect(
      await inbox.page.evaluate(
        () => (window as unknown as { __sameDocument?: boolean }).__sameDocument,
      ),
    ).toBe(true);
    // The page asked for the new step's codes by itself, and still shows the right one.
    await pause(2000);
    expect(await shownCode(card).textContent()).toBe(expectedAt(aliceKey, Date.now()));
  });

  it("works in presenter mode, in both themes, with the next code showing (axe)", async () => {
    const page = inbox.page;
    await page.keyboard.press("p");
    await page.locator(".app.presenter").waitFor();
    if (msLeftInStep() < 5000) await pause(msLeftInStep() + 300);
    await pause(Math.max(0, msLeftInStep() - 6000));
    await shownNext(personCard(page, ALICE.email)).waitFor({ timeout: 2000 });
    const failures: string[] = [];
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const results: AxeResults = await page.evaluate(() =>
        (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, {
          resultTypes: ["violations"],
        }),
      );
      for (const rule of results.violations)
        if (rule.impact === "serious" || rule.impact === "critical")
          failures.push(
            `${colorScheme}: ${rule.id}: ${rule.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("; ")}`,
          );
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.keyboard.press("p");
    expect(failures).toEqual([]);
  });

  it("copies the authenticator code with Shift and the card's digit, masked or not", async () => {
    const page = inbox.page;
    await page.keyboard.press("m");
    const card = personCard(page, ALICE.email);
    await awayFromBoundary(3000);
    const code = expectedAt(aliceKey, Date.now());
    expect(await part(card).textContent()).not.toContain(code);
    await page.keyboard.press("Shift+Digit1");
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 2000 })
      .toBe(code);
    await page.keyboard.press("m");
  });

  it("never hands the browser a secret", async () => {
    expect(answers.length).toBeGreaterThan(0);
    for (const secret of secrets.values())
      for (const answer of answers) expect(answer).not.toContain(secret);
    expect(inbox.errors).toEqual([]);
    expect(await inbox.cspViolations()).toEqual([]);
  });
});

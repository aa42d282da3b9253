// Accessibility in real headless Chromium: axe-core over every view of the
// page (signed out and its steps, not allowed, the inbox with codes, presenter
// mode, a phone's width, masked codes, offline, the public-mode warning, the
// shortcut list, emails and the email viewer), each in the light and the dark theme. A serious or critical
// violation fails the test, so contrast stays checked as the page changes;
// each view must also have exactly one h1.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import {
  allow,
  type InboxPage,
  openInbox,
  publicMode,
  signInWithGoogle,
  waitForConnection,
} from "@sms-inbox/local-stack/inbox-page";
import {
  adminDb,
  clearFirestore,
  skipUnlessRulesEnforced,
} from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import type { AxeResults, NodeResult, Result, RunOptions } from "axe-core";
import { Timestamp } from "firebase-admin/firestore";
import {
  COLLECTIONS,
  type StoredCode,
  type StoredEmail,
  type StoredEmailBody,
} from "functions/contract/firestore-schema";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

type Axe = typeof import("axe-core");
type Scheme = "light" | "dark";

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);
const SCHEMES: readonly Scheme[] = ["light", "dark"];
const FAILING_IMPACTS: ReadonlySet<string> = new Set(["serious", "critical"]);
/** Every rule axe runs by default; only violations are needed in full. */
const AXE_OPTIONS: RunOptions = { resultTypes: ["violations"] };
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The function's default OTP_RETENTION_MINUTES, which the stack does not change. */
const RETENTION_MS = 10 * 60_000;

const PRESENTER = "presenter@a11y-e2e.test";
const OUTSIDER = "mallory@elsewhere-a11y-e2e.test";
const USERS = [
  { phoneNumber: "+61400000301", label: "Alice (a11y)", email: "alice@a11y-e2e.test" },
  { phoneNumber: "+61400000302", label: "Bob (a11y)", email: "bob@a11y-e2e.test" },
  { phoneNumber: "+61400000303", label: "Carol (a11y)", email: "carol@a11y-e2e.test" },
  // No code: a pinned card saying so.
  { phoneNumber: "+61400000304", label: "Dave (a11y)", email: "dave@a11y-e2e.test" },
] as const;
const UNLABELLED = "+61400000399";

type Fields = Pick<StoredCode<Timestamp>, "code" | "messageType" | "deliveryMethod">;

/**
 * Something of every kind the list shows, the receive times in the past so
 * nothing is highlighted as new: Alice's older code is superseded (dimmed),
 * Bob's is a notice without a code, Carol's enrolment code is about to expire
 * (the warning colour), and one number has no label.
 */
const CODES: readonly [recipient: string, label: string, secondsAgo: number, Fields][] = [
  [USERS[0].phoneNumber, USERS[0].email, 250, code("582013")],
  // 100 s left: "ending" (under a fifth of its life) until the last view is checked.
  [USERS[2].phoneNumber, USERS[2].email, 500, code("640218", "otp_enroll", "voice")],
  [USERS[1].phoneNumber, USERS[1].email, 125, code("", "blocked_account")],
  [UNLABELLED, "", 90, code("318822")],
  [USERS[0].phoneNumber, USERS[0].email, 41, code("730551")],
];

function code(
  value: string,
  messageType: Fields["messageType"] = "otp_verify",
  deliveryMethod: Fields["deliveryMethod"] = "text",
): Fields {
  return { code: value, messageType, deliveryMethod };
}

async function writeCodes(): Promise<void> {
  const now = Date.now();
  for (const [recipient, label, secondsAgo, fields] of CODES) {
    const receivedAt = now - secondsAgo * 1000;
    await adminDb()
      .collection(COLLECTIONS.codes)
      .add({
        recipient,
        ...fields,
        messageText:
          fields.code === ""
            ? "Your account has been blocked after multiple consecutive login attempts."
            : `Your verification code is ${fields.code}`,
        label,
        receivedAt: Timestamp.fromMillis(receivedAt),
        expireAt: Timestamp.fromMillis(receivedAt + RETENTION_MS),
      });
  }
}

/**
 * Emails on screen: Alice's email-MFA code (on her card beside her SMS code)
 * and Bob's verification link, with its HTML for the viewer.
 */
async function writeEmails(): Promise<void> {
  const now = Date.now();
  const emails: [id: string, to: string, code: string, type: string, email: StoredEmail][] = [
    [
      "a11y-email-code",
      USERS[0].email,
      "481516",
      "mfa_oob_code",
      { subject: "Your verification code", links: [], mainLink: null, linksTruncated: false },
    ],
    [
      "a11y-email-link",
      USERS[1].email,
      "",
      "verify_email",
      {
        subject: "Verify your email",
        from: "Demo <no-reply@a11y-e2e.test>",
        links: [
          { url: "https://demo.a11y-e2e.test/u/email-verification?ticket=A11Y", text: "Verify" },
        ],
        mainLink: {
          url: "https://demo.a11y-e2e.test/u/email-verification?ticket=A11Y",
          text: "Verify",
        },
        linksTruncated: false,
      },
    ],
  ];
  for (const [index, [id, to, code, messageType, email]] of emails.entries()) {
    const receivedAt = now - (200 + index * 10) * 1000;
    await adminDb()
      .collection(COLLECTIONS.codes)
      .doc(id)
      .set({
        recipient: to,
        code,
        messageText: "",
        messageType,
        deliveryMethod: "email",
        channel: "email",
        email,
        label: to,
        user: { email: to },
        receivedAt: Timestamp.fromMillis(receivedAt),
        expireAt: Timestamp.fromMillis(receivedAt + RETENTION_MS),
      } satisfies StoredCode<Timestamp>);
  }
  const body: StoredEmailBody<Timestamp> = {
    html: '<h1>Verify your email</h1><p>Hello Bob.</p><p><a href="https://demo.a11y-e2e.test/u/email-verification?ticket=A11Y">Verify</a></p>',
    expireAt: Timestamp.fromMillis(now + RETENTION_MS),
  };
  await adminDb().collection(COLLECTIONS.emailBodies).doc("a11y-email-link").set(body);
}

async function runAxe(page: Page): Promise<AxeResults> {
  // Injected through evaluate(), which runs over DevTools and so outside the
  // page's CSP (script-src 'self' blocks an inline <script>): the page is
  // checked exactly as served, without bypassCSP. A navigation drops it again.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (options) => (window as unknown as { axe: Axe }).axe.run(document, options),
    AXE_OPTIONS,
  );
}

/**
 * axe reads colours mid-animation as they are at that instant: waits out the
 * one-off animations and transitions (a new code's highlight, the toast), not
 * the endless ones (the live dot's pulse).
 */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

const selector = (node: NodeResult) => node.target.flat().join(" ");
const oneLine = (text: string | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

function describeRule(rule: Result): string {
  const nodes = rule.nodes.map(
    (node) => `    ${selector(node)}\n      ${oneLine(node.failureSummary)}`,
  );
  return `  ${rule.id} (${rule.impact ?? "no impact"}, ${rule.nodes.length}×): ${rule.help}\n${nodes.join("\n")}`;
}

/**
 * Runs axe in both themes; returns what fails (serious or critical violations,
 * not exactly one h1) as readable lines, and logs a summary per theme.
 */
async function check(page: Page, view: string): Promise<string[]> {
  const failures: string[] = [];
  for (const colorScheme of SCHEMES) {
    // The page follows prefers-color-scheme. emulateMedia is the context's
    // colorScheme option for one page, so one signed-in page serves every view.
    await page.emulateMedia({ colorScheme });
    await settle(page);
    const results = await runAxe(page);
    const failing = results.violations.filter((r) => FAILING_IMPACTS.has(r.impact ?? ""));
    const other = results.violations.filter((r) => !FAILING_IMPACTS.has(r.impact ?? ""));
    const h1s = await page.getByRole("heading", { level: 1 }).allTextContents();
    const where = `${view}, ${colorScheme}`;
    console.log(
      `[axe] ${where}: ${failing.length} serious/critical, ${other.length} other ` +
        `(${other.map((r) => `${r.id} ${r.impact}`).join(", ") || "none"}); ` +
        `${results.passes.length} rules passed, ${results.incomplete.length} need review ` +
        `(${results.incomplete.map((r) => `${r.id} ×${r.nodes.length}`).join(", ") || "none"}); ` +
        `h1: ${JSON.stringify(h1s)}`,
    );
    if (failing.length > 0) failures.push(`${where}:\n${failing.map(describeRule).join("\n")}`);
    if (h1s.length !== 1)
      failures.push(`${where}: ${h1s.length} h1 headings, expected exactly one`);
  }
  return failures;
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  const failures = await check(page, view);
  expect(failures.join("\n"), "serious or critical accessibility problems").toBe("");
}

let browser: Browser;
let open: InboxPage | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("signed out", () => {
  beforeEach(async () => {
    await clearFirestore();
  });

  afterEach(async () => {
    if (open && open.errors.length > 0) console.log(`[browser] ${open.errors.join("\n")}`);
    await open?.context.close();
    open = undefined;
  });

  it("the sign-in screen, at desktop and phone width, and its steps", async () => {
    open = await openInbox(browser);
    const { page } = open;
    await page.getByRole("heading", { name: "Sign in to see the codes" }).waitFor();
    await expectAccessible(page, "sign-in");
    await page.setViewportSize(PHONE);
    await expectAccessible(page, "sign-in, phone");
    await page.setViewportSize(DESKTOP);
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await page.getByLabel("Google account email").waitFor();
    await expectAccessible(page, "sign-in, emulated Google account");
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByLabel("Email address").fill("someone@a11y-e2e.test");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText("Check your email").waitFor();
    await expectAccessible(page, "sign-in, link sent");
    expect(await open.cspViolations()).toEqual([]);
  });

  it("the not-allowed screen", async (ctx) => {
    skipUnlessRulesEnforced(ctx);
    open = await openInbox(browser);
    await signInWithGoogle(open.page, OUTSIDER);
    await open.page.getByRole("heading", { name: "You don't have access yet" }).waitFor();
    await expectAccessible(open.page, "not allowed");
  });
});

describe("signed in, codes on screen", () => {
  let inbox: InboxPage;

  const setPresenter = async (on: boolean) => {
    const presenter = inbox.page.locator(".app.presenter");
    if ((await presenter.count()) > 0 !== on) await inbox.page.keyboard.press("p");
    await presenter.waitFor({ state: on ? "attached" : "detached" });
  };

  beforeAll(async () => {
    await clearFirestore();
    await writePhoneLabels(
      adminDb(),
      // With their addresses, so their emails land on their cards.
      USERS.map(({ phoneNumber, label, email }, order) => ({
        phoneNumber,
        users: [{ label, email, order }],
      })),
    );
    await allow(PRESENTER);
    await writeCodes();
    await writeEmails();
    inbox = await openInbox(browser);
    await signInWithGoogle(inbox.page, PRESENTER);
    await waitForConnection(inbox.page, "live");
    await inbox.page
      .locator(".code-row")
      .nth(CODES.length + 1)
      .waitFor();
    await inbox.page.locator(".code-row.superseded").waitFor();
    // One message opened, so its text is checked too.
    await inbox.page.locator(".code-row .message summary").first().click();
  });

  afterAll(async () => {
    if (inbox.errors.length > 0) console.log(`[browser] ${inbox.errors.join("\n")}`);
    await inbox.context.close();
  });

  beforeEach(async () => {
    await inbox.page.setViewportSize(DESKTOP);
    await setPresenter(false);
  });

  it("the inbox", async () => {
    await expectAccessible(inbox.page, "inbox");
    expect(await inbox.cspViolations()).toEqual([]);
  });

  it("presenter mode", async () => {
    await setPresenter(true);
    await expectAccessible(inbox.page, "presenter");
  });

  it("a phone's width, also in presenter mode", async () => {
    await inbox.page.setViewportSize(PHONE);
    await expectAccessible(inbox.page, "inbox, phone");
    await setPresenter(true);
    await expectAccessible(inbox.page, "presenter, phone");
  });

  it("masked codes", async () => {
    const masked = inbox.page.locator("button.code-value.maskable");
    await inbox.page.keyboard.press("m");
    try {
      await masked.first().waitFor();
      // One revealed, so both looks of a masked code are checked.
      await masked.first().click();
      await expectAccessible(inbox.page, "masked");
    } finally {
      await inbox.page.keyboard.press("m");
      await masked.first().waitFor({ state: "detached" });
    }
  });

  it("offline, the list marked as possibly out of date", async () => {
    await inbox.context.setOffline(true);
    try {
      await waitForConnection(inbox.page, "offline", 5000);
      await inbox.page.locator(".code-list.stale").waitFor();
      await expectAccessible(inbox.page, "offline");
    } finally {
      await inbox.context.setOffline(false);
      await waitForConnection(inbox.page, "live");
    }
  });

  it("the public-mode warning", async () => {
    await publicMode(true);
    try {
      await inbox.page.getByText("Public mode is on:").waitFor();
      await expectAccessible(inbox.page, "public mode");
    } finally {
      await publicMode(false);
      await inbox.page.getByText("Public mode is on:").waitFor({ state: "detached" });
    }
  });

  it("the keyboard shortcut list", async () => {
    await inbox.page.keyboard.press("?");
    await inbox.page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    try {
      await expectAccessible(inbox.page, "shortcut list");
    } finally {
      await inbox.page.keyboard.press("Escape");
    }
  });

  it("emails: a code and a link in the list and on the cards, and the email viewer", async () => {
    await inbox.page.locator(".code-row.email").nth(1).waitFor();
    await expectAccessible(inbox.page, "emails");
    await inbox.page
      .getByRole("button", { name: /^View email for Bob/ })
      .first()
      .click();
    const dialog = inbox.page.getByRole("dialog", { name: "Verify your email" });
    await dialog.waitFor();
    await inbox.page.frameLocator("iframe.email-frame").getByText("Hello Bob.").waitFor();
    try {
      await expectAccessible(inbox.page, "email viewer");
      expect(await inbox.cspViolations()).toEqual([]);
    } finally {
      await dialog.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "detached" });
    }
  });
});

// Emails on the inbox page in real headless Chromium against the local stack.
// The email is hostile on purpose: a script that would tell the page it ran,
// an <img onerror>, a remote image, style sheet, background, frame, prefetch
// and meta refresh, and links, all pointing at a host this test runs and
// counts requests on. Showing the email, hovering its link, previewing it
// (View email) and copying its link must send that host nothing and run no
// script; only a person's click on Open may, in a new tab, without a referrer.
// Documents are written with the Admin SDK in the stored shape (the webhook's
// email route is built elsewhere).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { launchChromium } from "@sms-inbox/local-stack/chromium";
import {
  allow,
  codeRow,
  type InboxPage,
  openInbox,
  personCard,
  signInWithGoogle,
  waitForConnection,
} from "@sms-inbox/local-stack/inbox-page";
import { adminDb, clearFirestore } from "@sms-inbox/local-stack/stack-test-helpers";
import { writePhoneLabels } from "@sms-inbox/operator/firestore/phone-labels";
import { Timestamp } from "firebase-admin/firestore";
import {
  COLLECTIONS,
  type StoredCode,
  type StoredEmailBody,
} from "functions/contract/firestore-schema";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PRESENTER = "presenter@email-e2e.test";
const ERIN = { phoneNumber: "+61400000501", label: "Erin (e2e)", email: "erin@email-e2e.test" };
/** The function's default OTP_RETENTION_MINUTES, which the stack does not change. */
const RETENTION_MS = 10 * 60_000;
/** Long enough for anything the frame would load, or a script would send, to arrive. */
const SETTLE_MS = 1500;

interface Hit {
  path: string;
  referer: string | undefined;
}

/** A host that answers everything and remembers every request: the links' and pixels' target. */
async function countingHost(): Promise<{ server: Server; origin: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    hits.push({ path: request.url ?? "", referer: request.headers.referer });
    response.writeHead(200, { "Content-Type": "text/html" });
    response.end("<!doctype html><title>Ticket spent</title><p>Ticket spent</p>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, hits };
}

function hostileHtml(origin: string): string {
  return `<!doctype html>
<html><head>
<meta http-equiv="refresh" content="0;url=${origin}/refresh">
<link rel="stylesheet" href="${origin}/style.css">
<link rel="prefetch" href="${origin}/verify?ticket=prefetched">
<base href="${origin}/" target="_self">
<style>body { font-family: sans-serif; } .box { background-image: url(${origin}/bg.png); }</style>
</head><body>
<h1>Verify your address</h1>
<p id="styled" style="color: rgb(1, 2, 3)">Hello Erin, please verify your email.</p>
<img src="${origin}/pixel.png" alt="">
<img src="x" onerror="parent.postMessage('onerror-ran', '*'); fetch('${origin}/onerror')">
<div class="box" style="background-image: url(${origin}/inline-bg.png)">&nbsp;</div>
<iframe src="${origin}/frame"></iframe>
<script>parent.postMessage('script-ran', '*'); fetch('${origin}/script'); new Image().src = '${origin}/script-img';</script>
<p><a id="verify" href="${origin}/verify?ticket=T-ERIN-1">Verify my email</a></p>
<p><a href="${origin}/help">Help</a></p>
</body></html>`;
}

type StoredFields = Omit<StoredCode<Timestamp>, "receivedAt" | "expireAt">;

async function store(id: string, fields: StoredFields, secondsAgo: number): Promise<void> {
  const receivedAt = Date.now() - secondsAgo * 1000;
  await adminDb()
    .collection(COLLECTIONS.codes)
    .doc(id)
    .set({
      ...fields,
      receivedAt: Timestamp.fromMillis(receivedAt),
      expireAt: Timestamp.fromMillis(receivedAt + RETENTION_MS),
    });
}

async function storeBody(id: string, html: string): Promise<void> {
  const body: StoredEmailBody<Timestamp> = {
    html,
    text: "Verify my email",
    expireAt: Timestamp.fromMillis(Date.now() + RETENTION_MS),
  };
  await adminDb().collection(COLLECTIONS.emailBodies).doc(id).set(body);
}

let browser: Browser;
let host: Awaited<ReturnType<typeof countingHost>>;
let inbox: InboxPage;
let verifyUrl: string;

const flag = (name: string) =>
  inbox.page.evaluate((key) => (window as unknown as Record<string, unknown>)[key] === true, name);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What reached the host, but a new tab's own favicon request. */
const ticketHits = () => host.hits.filter((hit) => hit.path !== "/favicon.ico");

beforeAll(async () => {
  host = await countingHost();
  verifyUrl = `${host.origin}/verify?ticket=T-ERIN-1`;
  browser = await launchChromium();
  await clearFirestore();
  await writePhoneLabels(adminDb(), [
    { phoneNumber: ERIN.phoneNumber, users: [{ label: ERIN.label, email: ERIN.email, order: 0 }] },
  ]);
  await allow(PRESENTER);
  const erin = { email: ERIN.email, name: "Erin" };
  await store(
    "erin-sms",
    {
      recipient: ERIN.phoneNumber,
      code: "510001",
      messageText: "Your verification code is 510001",
      messageType: "otp_verify",
      deliveryMethod: "text",
      channel: "sms",
      label: ERIN.email,
      owners: [ERIN.email],
      user: erin,
    },
    60,
  );
  await store(
    "erin-mfa-email",
    {
      recipient: ERIN.email,
      code: "620002",
      messageText: "",
      messageType: "mfa_oob_code",
      deliveryMethod: "email",
      channel: "email",
      email: {
        subject: "Your verification code",
        from: "Demo <no-reply@email-e2e.test>",
        links: [],
        mainLink: null,
        linksTruncated: false,
      },
      label: ERIN.email,
      owners: [ERIN.email],
      user: erin,
    },
    // The newest of Erin's emails, so her card shows it beside her SMS code.
    30,
  );
  await store(
    "erin-verify-email",
    {
      recipient: ERIN.email,
      code: "",
      messageText: "",
      messageType: "verify_email",
      deliveryMethod: "email",
      channel: "email",
      email: {
        subject: "Verify your email",
        from: "Demo <no-reply@email-e2e.test>",
        links: [
          { url: verifyUrl, text: "Verify my email" },
          { url: `${host.origin}/help`, text: "Help" },
        ],
        mainLink: { url: verifyUrl, text: "Verify my email" },
        linksTruncated: false,
      },
      label: ERIN.email,
      owners: [ERIN.email],
      user: erin,
    },
    40,
  );
  await storeBody("erin-verify-email", hostileHtml(host.origin));
  inbox = await openInbox(browser);
  await signInWithGoogle(inbox.page, PRESENTER);
  await waitForConnection(inbox.page, "live");
  await codeRow(inbox.page, "erin-verify-email").waitFor();
});

afterAll(async () => {
  if (inbox && inbox.errors.length > 0) console.log(`[browser] ${inbox.errors.join("\n")}`);
  await inbox?.context.close();
  await browser?.close();
  await new Promise((resolve) => host?.server.close(resolve));
});

describe("emails on the page", () => {
  it("shows the person's email code beside their SMS code on their card, copyable", async () => {
    const card = personCard(inbox.page, ERIN.email);
    await card.locator(".pinned-email .code-value").waitFor();
    await expect(card.locator(".pinned-code .code-value").allTextContents()).resolves.toEqual([
      "510001",
      "620002",
    ]);
    await card.getByRole("button", { name: `Copy ${ERIN.label}'s email code` }).click();
    await expect(inbox.page.evaluate(() => navigator.clipboard.readText())).resolves.toBe("620002");
  });

  it("shows a link email, hovered and all, without sending its host anything", async () => {
    const row = codeRow(inbox.page, "erin-verify-email");
    await expect(row.locator(".badges").textContent()).resolves.toContain("Verify email");
    await expect(row.locator(".email-subject").textContent()).resolves.toBe("Verify your email");
    const open = row.getByRole("link", { name: `Open the link for ${ERIN.label} in a new tab` });
    await open.hover();
    await pause(SETTLE_MS);
    expect(await inbox.page.locator("link[rel=prefetch], link[rel=prerender]").count()).toBe(0);
    expect(host.hits).toEqual([]);
  });

  it("previews the email with no script run and nothing loaded", async () => {
    // The frame's scripts, if any ran, could only tell the page by postMessage.
    await inbox.page.evaluate(() => {
      addEventListener("message", (event) => {
        if (event.data === "script-ran" || event.data === "onerror-ran") {
          (window as unknown as Record<string, boolean>)[event.data] = true;
        }
      });
    });
    const row = codeRow(inbox.page, "erin-verify-email");
    await row.getByRole("button", { name: /^View email for/ }).click();
    const dialog = inbox.page.getByRole("dialog", { name: "Verify your email" });
    await dialog.waitFor();
    const frame = inbox.page.frameLocator("iframe.email-frame");
    await frame.getByRole("heading", { name: "Verify your address" }).waitFor();
    await expect(frame.getByRole("link", { name: "Verify my email" }).count()).resolves.toBe(1);
    // Whether the email's inline styles apply: the frame's own policy allows
    // them, the page's (which a srcdoc frame inherits) decides.
    const color = await frame
      .locator("#styled")
      .evaluate((element) => getComputedStyle(element).color)
      .catch((error: unknown) => `unreadable: ${String(error)}`);
    console.log(`[email] the email's inline style color: ${color} (rgb(1, 2, 3) when applied)`);
    await pause(SETTLE_MS);
    expect(await flag("script-ran")).toBe(false);
    expect(await flag("onerror-ran")).toBe(false);
    expect(host.hits).toEqual([]);
    // The frame is allowed by the page's own policy: nothing of the page was blocked.
    expect(await inbox.cspViolations()).toEqual([]);
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(host.hits).toEqual([]);
  });

  it("copies the main link, and opens it in a new tab only when clicked, with no referrer", async () => {
    const row = codeRow(inbox.page, "erin-verify-email");
    await row.getByRole("button", { name: `Copy link for ${ERIN.label}` }).click();
    await expect(inbox.page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      verifyUrl,
    );
    expect(inbox.context.pages()).toHaveLength(1);
    expect(host.hits).toEqual([]);
    const [tab] = await Promise.all([
      inbox.context.waitForEvent("page"),
      row.getByRole("link", { name: `Open the link for ${ERIN.label} in a new tab` }).click(),
    ]);
    await tab.waitForLoadState();
    expect(inbox.context.pages()).toHaveLength(2);
    await expect.poll(() => ticketHits().length).toBe(1);
    expect(ticketHits()).toEqual([{ path: "/verify?ticket=T-ERIN-1", referer: undefined }]);
    await tab.close();
  });
});
